package org.mediapath.probe.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.probe.NsMain;

/**
 * The probes over a real veth pair between a client and a server namespace, with nft rules in
 * between: what loopback cannot show. Skipped (an assumption, reported as skipped) when not root
 * or when ip/nft are missing or namespaces cannot be made.
 *
 * Server namespace rules: 30000-30099 open, 30100-30199 dropped, 30200-30299 rejected with
 * admin-prohibited; TCP 2299 dropped. ICMP rate limiting is switched off in the server namespace
 * ({@code net.ipv4.icmp_ratelimit=0}) so that every rejected port's ICMP error comes back; the
 * rate-limited case is the caveat the result carries.
 */
class NamespaceProbeTest {

	static final String SERVER_RANGE = "30000-30299";
	static final String CLIENT_RANGE = "49152-49351";
	static final String CONTROL = Netns.SERVER_ADDRESS + ":2231";
	static ResponderNamespaces lab;
	static Netns ns;
	static Path secret;

	@BeforeAll
	static void setUp() throws Exception {
		String reason = Netns.unavailableReason();
		assumeTrue(reason == null, reason);
		try {
			lab = ResponderNamespaces.create("namespace-test-secret-0123456789");
		} catch (Exception e) {
			assumeTrue(false, "cannot create network namespaces here: " + e.getMessage());
		}
		ns = lab.ns;
		secret = lab.secret;
		try {
			ns.exec(ns.server, "sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0");
			try {
				// per namespace on recent kernels only; without it the rate-limited path is exercised
				ns.exec(ns.server, "sysctl", "-q", "-w", "net.ipv4.icmp_msgs_per_sec=100000", "net.ipv4.icmp_msgs_burst=10000");
			} catch (IllegalStateException global) {
				// the coarse-to-fine follow-up order still spans the rejected range
			}
			ns.nft(ns.server, """
					table ip mediapath_test {
						chain input {
							type filter hook input priority 0; policy accept;
							udp dport 30100-30199 drop
							udp dport 30200-30299 reject with icmp type admin-prohibited
							tcp dport 2299 drop
						}
					}
					""");
			lab.startResponder(SERVER_RANGE);
		} catch (Exception | Error e) {
			tearDown();
			throw e;
		}
	}

	@AfterAll
	static void tearDown() throws Exception {
		if (lab != null) {
			lab.close();
		}
	}

	List<String> probe(String... args) throws Exception {
		return Child.run(ns.javaCommand(ns.client, NsMain.class.getName(), args), 60);
	}

	@Test
	void droppedRangeIsSilentRejectedRangeIsRejectedBothSeenByTheResponder() throws Exception {
		List<String> out = probe("udp", Netns.SERVER_ADDRESS, SERVER_RANGE, CLIENT_RANGE, CONTROL, secret.toString(),
				"FULL", "0");
		List<String> forward = out.stream().filter(l -> l.startsWith("RUN CLIENT_TO_SERVER")).toList();
		assertEquals(List.of("RUN CLIENT_TO_SERVER 30000-30099 PASS 100", "RUN CLIENT_TO_SERVER 30100-30199 SILENT 100",
				"RUN CLIENT_TO_SERVER 30200-30299 REJECTED 100"), forward, String.join("\n", out));
		// the client range stays sampled (64 of 200) in a full sweep of the server's range
		assertTrue(out.contains("RUN SERVER_TO_CLIENT 49152-49351 PASS 64"), String.join("\n", out));
		assertTrue(out.stream().anyMatch(l -> l.startsWith("CAVEAT An ICMP error")), String.join("\n", out));
	}

	@Test
	void aSampledSweepProbesThePortsBetweenPassingAndBlockedSoTheRunsEndExactly() throws Exception {
		// 64 samples over 300 ports leave about 4 unprobed ports between neighbours; where 30099 passes
		// and 30100 is dropped, the sample alone cannot tell where the run ends
		List<String> out = probe("udp", Netns.SERVER_ADDRESS, SERVER_RANGE, CLIENT_RANGE, CONTROL, secret.toString(),
				"SAMPLE", "0");
		List<String> forward = out.stream().filter(l -> l.startsWith("RUN CLIENT_TO_SERVER")).toList();
		assertTrue(forward.size() >= 2, String.join("\n", out));
		String passing = forward.get(0);
		assertTrue(passing.startsWith("RUN CLIENT_TO_SERVER 30000-30099 PASS "), String.join("\n", out));
		assertTrue(Integer.parseInt(passing.substring(passing.lastIndexOf(' ') + 1)) < 100, "a sample, not a full sweep: " + passing);
		assertTrue(forward.get(1).startsWith("RUN CLIENT_TO_SERVER 30100-"), String.join("\n", out));
		assertTrue(out.stream().anyMatch(l -> l.startsWith("CAVEAT Where the sample turned from passing to blocked")),
				String.join("\n", out));
		assertTrue(out.contains("RUN SERVER_TO_CLIENT 49152-49351 PASS 64"), "no edge on the client side: " + out);
	}

	@Test
	void rejectedRangeIsRejectedWithTheKernelsIcmpRateLimit() throws Exception {
		// The kernel's defaults: about six ICMP errors in a burst per destination, then one per second.
		// Unheard, the sweep's own checks would spend that burst; the first checks go out from connected
		// sockets to both ends and a spread of the ports, so the burst is heard and the stretch between
		// two rejected ports is REJECTED, whole.
		ns.exec(ns.server, "sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=1000");
		try {
			// A server that sent this client no ICMP error for 6 s has its burst back (one token a second,
			// at most six); the other tests' probes here spent it.
			Thread.sleep(6_100);
			List<String> out = probe("udp", Netns.SERVER_ADDRESS, "30200-30299", CLIENT_RANGE, CONTROL, secret.toString(),
					"SAMPLE", "0");
			List<String> runs = out.stream().filter(l -> l.startsWith("RUN CLIENT_TO_SERVER")).toList();
			assertEquals(List.of("RUN CLIENT_TO_SERVER 30200-30299 REJECTED 64"), runs, String.join("\n", out));
			assertTrue(out.stream().anyMatch(l -> l.startsWith("CAVEAT An ICMP error")), String.join("\n", out));
		} finally {
			ns.exec(ns.server, "sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0");
		}
	}

	@Test
	void aStatefulClientFirewallLetsTheServersTriggeredChecksIn() throws Exception {
		// a stateful client firewall (as Windows'): answers to its own checks pass, unsolicited
		// packets to 49152-65535 are dropped
		ns.nft(ns.client, """
				table ip mediapath_client {
					chain input {
						type filter hook input priority 0; policy accept;
						ct state established,related accept
						udp dport 49152-65535 drop
					}
				}
				""");
		try {
			List<String> out = probe("udp", Netns.SERVER_ADDRESS, "30000-30099", CLIENT_RANGE, CONTROL, secret.toString(),
					"FULL", "0");
			assertTrue(out.contains("RUN CLIENT_TO_SERVER 30000-30099 PASS 100"), String.join("\n", out));
			assertTrue(out.contains("DIR CLIENT_TO_SERVER 100 100"), String.join("\n", out));
			// Unsolicited packets to 49152-65535 are dropped, but the server's checks go back along the
			// path each client check came (ICE's triggered checks): conntrack lets them in as replies, as
			// it lets a real call's media in. A stateful firewall is no block.
			assertTrue(out.contains("RUN SERVER_TO_CLIENT 49152-49351 PASS 64"), String.join("\n", out));
			assertTrue(out.contains("DIR SERVER_TO_CLIENT 64 64"), String.join("\n", out));
		} finally {
			ns.exec(ns.client, Netns.tool("nft"), "delete", "table", "ip", "mediapath_client");
		}
	}

	@Test
	void iceConnectsOverTheVethAndFailsWithinTheBoundWhenTheServerRangeIsDropped() throws Exception {
		List<String> ok = probe("ice", CONTROL, secret.toString(), CLIENT_RANGE, "30000-30099", "3000");
		String okLine = ok.stream().filter(l -> l.startsWith("ICE ")).findFirst().orElseThrow();
		assertTrue(okLine.startsWith("ICE CONNECTED "), String.join("\n", ok));

		List<String> out = probe("ice", CONTROL, secret.toString(), CLIENT_RANGE, "30100-30199", "3000");
		String line = out.stream().filter(l -> l.startsWith("ICE ")).findFirst().orElseThrow();
		String[] parts = line.split(" ");
		assertNotEquals("CONNECTED", parts[1], String.join("\n", out));
		// the server drops everything to 30100-30199: nothing crosses client->server, so the responder's
		// account decides it early (ice.early.failure.millis 1500 ms), with that evidence
		assertEquals("FAILED", parts[1], String.join("\n", out));
		assertTrue(out.stream().anyMatch(l -> l.startsWith("STATE FAILED_(every_pair_failed,_decided_after")
				&& l.contains("none_of_this_client's_checks_reached_the_server's_agent")), String.join("\n", out));
		long elapsed = Long.parseLong(parts[2]);
		assertTrue(elapsed <= 3300, "verdict after " + elapsed + " ms, bound 3000 ms");
		assertTrue(out.stream().noneMatch(l -> l.startsWith("PAIR") && l.endsWith("SUCCEEDED")), String.join("\n", out));
	}

	@Test
	void tcpFilteredRefusedAndUnreachable() throws Exception {
		ns.exec(ns.client, Netns.tool("ip"), "route", "add", "unreachable", "198.18.9.0/24");
		List<String> filtered = probe("tcp", Netns.SERVER_ADDRESS, "2299", "500");
		assertEquals("TCP FILTERED", filtered.get(0), String.join("\n", filtered));
		List<String> refused = probe("tcp", Netns.SERVER_ADDRESS, "2300", "500");
		assertEquals("TCP REFUSED", refused.get(0), String.join("\n", refused));
		List<String> unreachable = probe("tcp", "198.18.9.1", "2230", "500");
		assertEquals("TCP UNREACHABLE", unreachable.get(0), String.join("\n", unreachable));
		List<String> open = probe("tcp", Netns.SERVER_ADDRESS, "2231", "500");
		assertEquals("TCP OPEN", open.get(0), String.join("\n", open));
	}
}
