package org.mediapath.probe.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.probe.NsMain;

/**
 * The packet stream over a veth pair whose two ends lose packets at random (nft numgen): the
 * responder's count tells the loss on the way in from the loss on the way back.
 */
class StreamNamespaceTest {

	static final String SERVER_RANGE = "31000-31099";
	static final String CLIENT_RANGE = "49152-49199";
	static final String CONTROL = Netns.SERVER_ADDRESS + ":2231";
	static ResponderNamespaces lab;

	@BeforeAll
	static void setUp() throws Exception {
		String reason = Netns.unavailableReason();
		assumeTrue(reason == null, reason);
		lab = ResponderNamespaces.create("stream-namespace-secret-0123456789");
		try {
			// 20 % of the stream lost on the way to the server, 10 % of the answers on the way back
			lab.ns.nft(lab.ns.server, """
					table ip mediapath_loss {
						chain input {
							type filter hook input priority 0; policy accept;
							udp dport 31000-31099 numgen random mod 100 < 20 drop
						}
					}
					""");
			lab.ns.nft(lab.ns.client, """
					table ip mediapath_loss {
						chain input {
							type filter hook input priority 0; policy accept;
							udp sport 31000-31099 numgen random mod 100 < 10 drop
						}
					}
					""");
			lab.startResponder(SERVER_RANGE);
		} catch (Exception | Error e) {
			lab.close();
			throw e;
		}
	}

	@AfterAll
	static void tearDown() throws Exception {
		if (lab != null) {
			lab.close();
		}
	}

	@Test
	void lossIsMeasuredAndSplitByDirection() throws Exception {
		List<String> out = Child.run(lab.ns.javaCommand(lab.ns.client, NsMain.class.getName(), "stream",
				Netns.SERVER_ADDRESS, SERVER_RANGE, CLIENT_RANGE, CONTROL, lab.secret.toString(), "100", "2000", "172"), 60);
		String line = out.stream().filter(l -> l.startsWith("STREAM ")).findFirst().orElseThrow(
				() -> new AssertionError(String.join("\n", out)));
		String[] f = line.split(" ");
		int sent = Integer.parseInt(f[1]);
		int answered = Integer.parseInt(f[2]);
		int arrived = Integer.parseInt(f[3]);
		assertEquals(200, sent, line);
		// 200 packets with 20 % loss: 160 expected, ±6 standard deviations either way
		assertTrue(arrived >= 126 && arrived <= 190, "arrived at the server: " + line);
		// of those, 10 % of the answers lost
		assertTrue(answered < arrived && answered >= arrived * 0.75, "answered: " + line);
		assertTrue(Integer.parseInt(f[4]) <= 172, "answer size: " + line);
	}
}
