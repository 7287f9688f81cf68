package org.mediapath.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.StreamProbe;
import org.mediapath.api.probe.StreamProbeRequest;
import org.mediapath.api.probe.StreamSample;

/** The packet stream against a real responder on loopback. */
class StreamProberTest {

	static final byte[] SECRET = "stream-test-secret-0123456789abc".getBytes(StandardCharsets.UTF_8);
	static LoopbackResponder far;
	final PortProbeServiceImpl service = new PortProbeServiceImpl(null, ProbeSettings.DEFAULT);

	@BeforeAll
	static void startResponder() throws Exception {
		far = LoopbackResponder.start(SECRET, 50);
	}

	@AfterAll
	static void stopResponder() throws Exception {
		far.close();
	}

	StreamProbeRequest request(int packetsPerSecond, Duration length, int packetBytes) {
		return new StreamProbeRequest("127.0.0.1", far.serverRange, far.clientRange,
				far.control(), far.secretFile.toString(),
				packetsPerSecond, length, packetBytes, LoopbackResponder.PIN);
	}

	@Test
	void voicePacketsAtFiftyPerSecondAreAllAnsweredCountedAndPacedOnTheClock() {
		StreamProbe stream = service.probeStream(request(50, Duration.ofSeconds(1), StreamProbeRequest.RTP_VOICE_PACKET_BYTES));

		assertEquals(50, stream.sent());
		assertEquals(50, stream.answered(), stream.caveats().toString());
		assertEquals(OptionalInt.of(50), stream.arrivedAtServer());
		assertTrue(far.serverRange.contains(stream.serverPort()), "server port " + stream.serverPort());
		assertTrue(far.clientRange.contains(stream.clientPort()), "client port " + stream.clientPort());
		// The answer carries the voice packet's weight back, never more than the request.
		assertTrue(stream.answerBytes() <= 172 && stream.answerBytes() >= 160, "answer " + stream.answerBytes() + " bytes");
		// 20 ms apart on the sender's clock: the 50th packet leaves 980 ms after the first.
		List<StreamSample> samples = stream.samples();
		long last = samples.get(49).sentAt().toMillis();
		assertTrue(last >= 975 && last <= 1030, "last packet sent at " + last + " ms");
		assertTrue(stream.roundTrips().stream().allMatch(rtt -> rtt.toMillis() < 200), stream.roundTrips().toString());
		assertTrue(stream.duration().toMillis() < 2500, "took " + stream.duration());
	}

	@Test
	void portsHeldByAnotherProgramAreSkippedNotReportedAsLoss() throws Exception {
		// Hold every server port but one: the stream must find the free one.
		PortRange small = new PortRange(far.serverRange.first(), far.serverRange.first() + 3);
		List<java.net.DatagramSocket> held = new java.util.ArrayList<>();
		try {
			for (int port = small.first(); port < small.last(); port++) {
				held.add(new java.net.DatagramSocket(new java.net.InetSocketAddress(LoopbackProbeTest.LOOPBACK, port)));
			}
			StreamProbe stream = service.probeStream(new StreamProbeRequest("127.0.0.1", small, far.clientRange,
					far.control(), far.secretFile.toString(), 50,
					Duration.ofMillis(200), 200, LoopbackResponder.PIN));
			assertEquals(small.last(), stream.serverPort());
			assertEquals(10, stream.sent());
			assertEquals(10, stream.answered());
		} finally {
			for (java.net.DatagramSocket socket : held) {
				socket.close();
			}
		}
	}

	@Test
	void whenEveryServerPortStaysHeldNothingIsSentAndTheResultSaysWhy() throws Exception {
		PortRange small = new PortRange(far.serverRange.last() - 1, far.serverRange.last());
		try (java.net.DatagramSocket a = new java.net.DatagramSocket(new java.net.InetSocketAddress(LoopbackProbeTest.LOOPBACK, small.first()));
				java.net.DatagramSocket b = new java.net.DatagramSocket(new java.net.InetSocketAddress(LoopbackProbeTest.LOOPBACK, small.last()))) {
			StreamProbe stream = service.probeStream(new StreamProbeRequest("127.0.0.1", small, far.clientRange,
					far.control(), far.secretFile.toString(), 50,
					Duration.ofMillis(200), 172, LoopbackResponder.PIN));
			assertEquals(0, stream.sent());
			assertTrue(stream.caveats().get(0).contains("in use"), stream.caveats().toString());
			assertTrue(stream.duration().toMillis() < 3000, "gave up after " + stream.duration());
		}
	}

	@Test
	void theProbeStreamCommandPrintsTheFiguresAndExitsByThem() {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		List<String> args = List.of("stream", "--server", "127.0.0.1", "--server-ports", far.serverRange.toString(),
				"--client-ports", far.clientRange.toString(), "--responder", "127.0.0.1:" + far.responder.controlAddress().getPort(),
				"--secret-file", far.secretFile.toString(), "--responder-fingerprint", LoopbackResponder.PIN.get(), "--seconds", "1");
		int exit = ProbeCommand.run(service, args, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
		assertEquals(0, exit, out + " " + err);
		assertTrue(out.toString().contains("50 packets of 172 bytes at 50/s, 50 answered, 50 arrived at the server"), out.toString());
		assertTrue(out.toString().contains("round trip min"), out.toString());

		List<String> tooLong = new java.util.ArrayList<>(args);
		tooLong.set(tooLong.size() - 1, "600");
		assertEquals(2, ProbeCommand.run(service, tooLong, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)));
		assertTrue(err.toString().contains("--seconds: 600 is outside 1-30"), err.toString());
	}

	@Test
	void badRequestsNameTheField() {
		HostAndPort control = new HostAndPort("127.0.0.1", 2231);
		IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new StreamProbeRequest(
				"127.0.0.1", far.serverRange, far.clientRange, control, "f", 0, Duration.ofSeconds(1), 172));
		assertTrue(rate.getMessage().startsWith("packets-per-second"), rate.getMessage());
		IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new StreamProbeRequest(
				"127.0.0.1", far.serverRange, far.clientRange, control, "f", 50, Duration.ofSeconds(1), 4000));
		assertTrue(size.getMessage().startsWith("packet-bytes"), size.getMessage());
		IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> new StreamProbeRequest(
				"127.0.0.1", far.serverRange, far.clientRange, control, "f", 50, Duration.ofMinutes(5), 172));
		assertTrue(length.getMessage().startsWith("length"), length.getMessage());
		assertEquals(176, new StreamProbeRequest("127.0.0.1", far.serverRange, far.clientRange, control, "f", 50,
				Duration.ofSeconds(1), 173).packetBytes());
	}

	@Test
	void lingerFollowsTheSlowestRoundTripWithinItsBounds() {
		assertEquals(Duration.ofSeconds(1), StreamProber.linger(new long[] { -1, -1 }));
		assertEquals(Duration.ofMillis(200), StreamProber.linger(new long[] { 1_000_000, -1 }));
		assertEquals(Duration.ofMillis(400), StreamProber.linger(new long[] { 100_000_000, 50_000_000 }));
		assertEquals(Duration.ofSeconds(1), StreamProber.linger(new long[] { 900_000_000 }));
	}

	@Test
	void serverPortChoicesAreDistinctAscendingAndInsideTheRange() {
		for (int i = 0; i < 50; i++) {
			int[] ports = StreamProber.serverPortChoices(new PortRange(30000, 33000));
			assertEquals(8, ports.length);
			for (int j = 1; j < ports.length; j++) {
				assertTrue(ports[j] > ports[j - 1], java.util.Arrays.toString(ports));
			}
			assertTrue(ports[0] >= 30000 && ports[7] <= 33000);
		}
		assertEquals(List.of(40000), java.util.Arrays.stream(StreamProber.serverPortChoices(PortRange.of(40000))).boxed().toList());
	}
}
