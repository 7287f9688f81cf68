package org.mediapath.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.ice4j.ice.Agent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.CandidatePairResult;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.IceOutcome;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortRun;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.TcpOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.protocol.ice.IceAgents;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderSettings;

/** Every probe against loopback: a real responder, a real ice4j agent, real closed ports. */
class LoopbackProbeTest {

	static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
	static final byte[] SECRET = "loopback-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
	static LoopbackResponder far;
	static Path secretFile;
	static PortRange serverRange;
	static PortRange clientRange;
	static Responder responder;
	static PortProbeServiceImpl service = new PortProbeServiceImpl(null, ProbeSettings.DEFAULT);

	@BeforeAll
	static void startResponder() throws Exception {
		far = LoopbackResponder.start(SECRET, 200);
		secretFile = far.secretFile;
		serverRange = far.serverRange;
		clientRange = far.clientRange;
		responder = far.responder;
	}

	@AfterAll
	static void stopResponder() throws Exception {
		far.close();
	}

	/** Ranges handed out so far: a client range must never overlap a responder's own range. */
	static final java.util.List<PortRange> TAKEN = new java.util.concurrent.CopyOnWriteArrayList<>();

	static PortRange freeRange(int size) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(0, 12000);
			int last = first + size - 1;
			boolean overlaps = TAKEN.stream().anyMatch(r -> first <= r.last() && r.first() <= last);
			if (!overlaps && IntStream.rangeClosed(first, last).allMatch(LoopbackProbeTest::udpFree)) {
				PortRange range = new PortRange(first, last);
				TAKEN.add(range);
				return range;
			}
		}
		throw new IllegalStateException("no free range");
	}

	static boolean udpFree(int port) {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
			return true;
		} catch (Exception e) {
			return false;
		}
	}

	HostAndPort control() {
		return new HostAndPort("127.0.0.1", responder.controlAddress().getPort());
	}

	@Test
	void tcpOpenRefusedAndNameNotResolved() throws Exception {
		try (ServerSocket listening = new ServerSocket(0, 50, LOOPBACK)) {
			SignallingProbe open = service.probeSignalling(new HostAndPort("127.0.0.1", listening.getLocalPort()),
					Duration.ofSeconds(1), 3);
			assertEquals(TcpOutcome.OPEN, open.outcome());
			assertEquals(3, open.connectTimes().size());
			assertEquals(Optional.of("127.0.0.1"), open.address());
		}
		int closed;
		try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
			closed = s.getLocalPort();
		}
		SignallingProbe refused = service.probeSignalling(new HostAndPort("127.0.0.1", closed), Duration.ofSeconds(1), 2);
		assertEquals(TcpOutcome.REFUSED, refused.outcome());
		assertTrue(refused.detail().contains("nothing listens"), refused.detail());
		SignallingProbe unresolved = TcpProber.probe(new HostAndPort("pbx.example", 2230), Duration.ofSeconds(1), 1,
				host -> {
					throw new UnknownHostException(host);
				});
		assertEquals(TcpOutcome.NAME_NOT_RESOLVED, unresolved.outcome());
		assertThrows(IllegalArgumentException.class,
				() -> service.probeSignalling(new HostAndPort("127.0.0.1", 1), Duration.ofSeconds(1), 0));
	}

	@Test
	void cooperativeFullSweepPassesBothWaysAndReportsInUse() throws Exception {
		int pbxPort = serverRange.first() + 7;
		try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(LOOPBACK, pbxPort))) {
			UdpRangeProbe result = service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.1", serverRange, clientRange,
					Optional.of(control()), Optional.of(secretFile.toString()), SweepMode.FULL, 50_000, LoopbackResponder.PIN));
			assertTrue(result.cooperative());
			DirectionResult forward = direction(result, Direction.CLIENT_TO_SERVER);
			assertEquals(List.of(new PortRun(new PortRange(serverRange.first(), pbxPort - 1), PortOutcome.PASS, 7),
					new PortRun(PortRange.of(pbxPort), PortOutcome.IN_USE, 1),
					new PortRun(new PortRange(pbxPort + 1, serverRange.last()), PortOutcome.PASS, 192)), forward.runs());
			assertEquals(199, forward.answered());
			DirectionResult reverse = direction(result, Direction.SERVER_TO_CLIENT);
			// client ports another test still holds are IN_USE; none may be SILENT on loopback
			assertTrue(reverse.runs().stream().noneMatch(r -> r.outcome() == PortOutcome.SILENT), reverse.runs().toString());
			assertEquals(reverse.sent(), reverse.answered());
			// the client range is sampled even in a full sweep (64 of its ports), each judged by a triggered check
			assertTrue(reverse.sent() >= 60, "client ports bound and reached: " + reverse.sent());
		}
	}

	@Test
	void aClientRangeOfTwoPortsIsEnough() throws Exception {
		// fewer client ports than the sweep's sockets and its ICMP-first checks would take
		PortRange two = new PortRange(clientRange.last() - 1, clientRange.last());
		UdpRangeProbe result = service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.1", serverRange, two,
				Optional.of(control()), Optional.of(secretFile.toString()), SweepMode.SAMPLE, 0, LoopbackResponder.PIN));
		DirectionResult forward = direction(result, Direction.CLIENT_TO_SERVER);
		assertEquals(List.of(new PortRun(serverRange, PortOutcome.PASS, 64)), forward.runs());
		DirectionResult reverse = direction(result, Direction.SERVER_TO_CLIENT);
		assertEquals(List.of(new PortRun(two, PortOutcome.PASS, 2)), reverse.runs());
	}

	@Test
	void cooperativeChecksGoWhereTheResponderSaysItsPortsAreBound() throws Exception {
		// A multi-homed server: signalling on one address (here 127.0.0.3), media on another, which the
		// server's ICE candidates offer and a softphone's media goes to. The responder says where its ports
		// are bound (127.0.0.1), and the checks go there.
		UdpRangeProbe result = service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.3", serverRange, clientRange,
				Optional.of(control()), Optional.of(secretFile.toString()), SweepMode.SAMPLE, 0, LoopbackResponder.PIN));
		DirectionResult forward = direction(result, Direction.CLIENT_TO_SERVER);
		assertEquals(List.of(new PortRun(serverRange, PortOutcome.PASS, 64)), forward.runs());
		assertTrue(result.caveats().stream().anyMatch(c -> c.startsWith("the responder's ports are bound on 127.0.0.1, not on"
				+ " 127.0.0.3")), result.caveats().toString());
		DirectionResult reverse = direction(result, Direction.SERVER_TO_CLIENT);
		assertTrue(reverse.answered() >= 60 && reverse.answered() == reverse.sent(), reverse.toString());
	}

	@Test
	void theMediaTargetIsTheResponderWordAsALiteralOrTheAskedAddress() {
		// (a media address without a route reads SILENT with its reason: the lab's multi-homed-server scenario)
		assertTrue(UdpEndpoints.routable(LOOPBACK, LOOPBACK, 9), "a connect asks the routing table and sends nothing");
		assertEquals(LOOPBACK, UdpEndpoints.mediaTarget(LOOPBACK, "0.0.0.0"), "a wildcard binding listens on the asked address");
		assertEquals(LOOPBACK, UdpEndpoints.mediaTarget(LOOPBACK, "pbx.example"), "never a DNS query on the responder's word");
	}

	@Test
	void wrongSecretIsAnErrorNotAResult() throws Exception {
		Path wrong = Files.createTempFile("mediapath-wrong", ".txt");
		try {
			Files.writeString(wrong, "not-the-secret-at-all-0123");
			ProbeFailedException e = assertThrows(ProbeFailedException.class,
					() -> service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.1", serverRange, clientRange,
							Optional.of(control()), Optional.of(wrong.toString()), SweepMode.SAMPLE, 0, LoopbackResponder.PIN)));
			assertTrue(e.getMessage().contains("AUTH_FAILED"), e.getMessage());
		} finally {
			Files.delete(wrong);
		}
	}

	@Test
	void uncooperativeProbeHearsAnIce4jAgentAndIcmpPortUnreachable() throws Exception {
		PortRange agentRange = freeRange(10);
		Agent agent = IceAgents.create(false, LOOPBACK, agentRange.ports().toArray());
		try {
			int agentPort = IceAgents.component(agent).getLocalCandidates().get(0).getTransportAddress().getPort();
			UdpRangeProbe result = service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.1", agentRange, clientRange,
					Optional.empty(), Optional.empty(), SweepMode.FULL, 0, LoopbackResponder.PIN));
			assertFalse(result.cooperative());
			DirectionResult forward = direction(result, Direction.CLIENT_TO_SERVER);
			assertEquals(1, forward.answered());
			for (PortRun run : forward.runs()) {
				PortOutcome expected = run.ports().contains(agentPort) ? PortOutcome.PASS : PortOutcome.CLOSED;
				assertEquals(expected, run.outcome(), run.toString());
			}
			assertTrue(result.caveats().stream().anyMatch(c -> c.contains("401")), result.caveats().toString());
			assertTrue(result.caveats().stream().anyMatch(c -> c.contains("rate-limit")));
		} finally {
			agent.free();
		}
	}

	@Test
	void fullIceProbeConnectsOnLoopbackWellWithinTheBound() throws Exception {
		IceProbe result = service.probeIce(new IceProbeRequest(control(), secretFile.toString(), clientRange, serverRange,
				Duration.ofSeconds(3), LoopbackResponder.PIN));
		assertEquals(IceOutcome.CONNECTED, result.outcome(), result.states().toString());
		assertTrue(result.selected().isPresent());
		assertTrue(result.pairs().stream().anyMatch(p -> p.state().equals("SUCCEEDED")), result.pairs().toString());
		assertTrue(result.elapsed().toMillis() < 3000, result.elapsed().toString());
		assertTrue(result.states().stream().anyMatch(s -> s.state().equals("COMPLETED")), result.states().toString());
	}

	@Test
	void iceProbeRunsBesideASampledSweepOnOtherPortsAndReportsServerPortsInUse() throws Exception {
		int[] serverSample = PortSelection.select(serverRange, SweepMode.SAMPLE, ProbeSettings.DEFAULT.sampleSize());
		int[] clientSample = PortSelection.select(clientRange, SweepMode.SAMPLE, ProbeSettings.DEFAULT.sampleSize());
		int firstIcePort = ProbeCoordination.serverIcePorts(serverRange, ProbeSettings.DEFAULT.sampleSize(), 4096)[0];
		assertTrue(java.util.Arrays.stream(serverSample).noneMatch(p -> p == firstIcePort));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(LOOPBACK, firstIcePort))) {
			java.util.concurrent.Future<UdpRangeProbe> sweep = pool.submit(() -> service.probeUdpRange(new UdpRangeProbeRequest(
					"127.0.0.1", serverRange, clientRange, Optional.of(control()), Optional.of(secretFile.toString()),
					SweepMode.SAMPLE, 50_000, LoopbackResponder.PIN)));
			java.util.concurrent.Future<IceProbe> ice = pool.submit(() -> service.probeIce(new IceProbeRequest(control(),
					secretFile.toString(), clientRange, serverRange, Duration.ofSeconds(3), LoopbackResponder.PIN)));
			IceProbe result = ice.get(30, java.util.concurrent.TimeUnit.SECONDS);
			UdpRangeProbe udp = sweep.get(30, java.util.concurrent.TimeUnit.SECONDS);
			assertEquals(IceOutcome.CONNECTED, result.outcome(), result.states().toString());
			assertTrue(result.states().stream().anyMatch(s -> s.state().contains("IN_USE") && s.state().contains(
					Integer.toString(firstIcePort))), "the port the PBX holds is IN_USE: " + result.states());
			CandidatePairResult pair = result.selected().orElseThrow();
			int local = Integer.parseInt(pair.local().replaceAll(".*:(\\d+)/.*", "$1"));
			int remote = Integer.parseInt(pair.remote().replaceAll(".*:(\\d+)/.*", "$1"));
			assertTrue(java.util.Arrays.stream(clientSample).noneMatch(p -> p == local), "ICE kept off the sweep's client ports: " + local);
			assertTrue(java.util.Arrays.stream(serverSample).noneMatch(p -> p == remote), "ICE kept off the sweep's server ports: " + remote);
			// the sweep beside it saw every sampled port pass, both ways: no port of its own IN_USE
			DirectionResult forward = direction(udp, Direction.CLIENT_TO_SERVER);
			assertEquals(List.of(new PortRun(serverRange, PortOutcome.PASS, serverSample.length)), forward.runs());
			DirectionResult reverse = direction(udp, Direction.SERVER_TO_CLIENT);
			assertEquals(List.of(new PortRun(clientRange, PortOutcome.PASS, clientSample.length)), reverse.runs());
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void peerProbeAgainstASecondClientsResponder() throws Exception {
		// softphone to softphone: client B runs a responder on its own address and client range
		InetAddress peerAddress = InetAddress.getByName("127.0.0.2");
		PortRange peerRange = freeRange(50);
		try (Responder peer = new Responder(new ResponderSettings(peerAddress, peerAddress, peerRange, 0, SECRET, LoopbackResponder.IDENTITY,
				ResponderSettings.Limits.DEFAULT))) {
			HostAndPort peerControl = new HostAndPort("127.0.0.2", peer.controlAddress().getPort());
			IceProbe ice = service.probeIce(new IceProbeRequest(peerControl, secretFile.toString(), clientRange, peerRange,
					Duration.ofSeconds(3), LoopbackResponder.PIN));
			assertEquals(IceOutcome.CONNECTED, ice.outcome(), ice.states().toString());
			assertTrue(ice.selected().orElseThrow().remote().startsWith("127.0.0.2:"), ice.selected().toString());
			UdpRangeProbe udp = service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.2", peerRange, clientRange,
					Optional.of(peerControl), Optional.of(secretFile.toString()), SweepMode.SAMPLE, 0, LoopbackResponder.PIN));
			DirectionResult forward = direction(udp, Direction.CLIENT_TO_SERVER);
			assertEquals(List.of(new PortRun(peerRange, PortOutcome.PASS, 50)), forward.runs());
			DirectionResult reverse = direction(udp, Direction.SERVER_TO_CLIENT);
			assertTrue(reverse.answered() == reverse.sent() && reverse.sent() > 0, reverse.toString());
		}
	}

	static DirectionResult direction(UdpRangeProbe result, Direction direction) {
		return result.directions().stream().filter(d -> d.direction() == direction).findFirst().orElseThrow();
	}
}
