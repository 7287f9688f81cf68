package org.mediapath.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProbeCommandTest {

	private final PortProbeServiceImpl service = new PortProbeServiceImpl(null, ProbeSettings.DEFAULT);
	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return ProbeCommand.run(service, List.of(args), new PrintStream(out, true), new PrintStream(err, true));
	}

	@Test
	void badInputIsExitTwoWithTheFieldNamed() {
		assertEquals(2, run("udp", "--server", "pbx..example"));
		assertTrue(err.toString().contains("server"), err.toString());
		err.reset();
		assertEquals(2, run("udp", "--server", "127.0.0.1", "--server-ports", "33000-30000"));
		assertTrue(err.toString().contains("--server-ports"), err.toString());
		assertEquals(2, run());
		assertEquals(2, run("tcp", "127.0.0.1:99999"));
	}

	@Test
	void tcpProbePrintsTheOutcomeAndExitsByIt() throws Exception {
		try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertEquals(0, run("tcp", "127.0.0.1:" + listening.getLocalPort(), "--attempts", "1"));
			assertTrue(out.toString().contains("OPEN"), out.toString());
		}
	}
}
