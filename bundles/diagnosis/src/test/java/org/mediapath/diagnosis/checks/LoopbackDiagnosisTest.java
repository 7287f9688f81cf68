package org.mediapath.diagnosis.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Verdict;
import org.mediapath.diagnosis.engine.CheckEntry;
import org.mediapath.diagnosis.engine.Engine;
import org.mediapath.diagnosis.engine.EngineSettings;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.probe.RealProbes;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderIdentity;
import org.mediapath.responder.ResponderSettings;

/**
 * The whole diagnosis on loopback: the real probe service, a real responder, a real TCP listener
 * as the PBX's signalling port, the built-in checks and rules in the real engine. Only 127.0.0.0/8.
 */
class LoopbackDiagnosisTest {

	static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
	static final byte[] SECRET = "diagnosis-loopback-secret-0123456789".getBytes(StandardCharsets.UTF_8);
	static Path secretFile;
	static PortRange serverRange;
	static PortRange clientRange;
	static Responder responder;
	static ResponderIdentity identity;
	static ServerSocket signalling;
	static final PortProbeService PROBES = RealProbes.service();

	Engine engine;

	@BeforeAll
	static void start() throws Exception {
		secretFile = Files.createTempFile("mediapath-secret", ".txt");
		Files.write(secretFile, SECRET);
		serverRange = freeRange(100);
		clientRange = freeRange(100);
		Path identityFolder = Files.createTempDirectory("mediapath-identity");
		identity = ResponderIdentity.loadOrCreate("identity", identityFolder);
		try (var files = Files.list(identityFolder)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(identityFolder);
		responder = new Responder(new ResponderSettings(LOOPBACK, LOOPBACK, serverRange, 0, SECRET, identity,
				ResponderSettings.Limits.DEFAULT));
		signalling = new ServerSocket(0, 50, LOOPBACK);
	}

	@AfterAll
	static void stop() throws Exception {
		responder.close();
		signalling.close();
		Files.deleteIfExists(secretFile);
	}

	@AfterEach
	void closeEngine() {
		if (engine != null) {
			engine.close();
		}
	}

	static PortRange freeRange(int size) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(0, 12000);
			if (IntStream.rangeClosed(first, first + size - 1).allMatch(LoopbackDiagnosisTest::udpFree)) {
				return new PortRange(first, first + size - 1);
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

	static HostAndPort control() {
		return new HostAndPort("127.0.0.1", responder.controlAddress().getPort());
	}

	DiagnosticReport diagnose(DiagnosisRequest request, boolean withIce) throws Exception {
		List<CheckEntry> entries = RealChecks.entries(PROBES, withIce);
		engine = new Engine(EngineSettings.DEFAULT, new Engine.Hooks() {
			@Override
			public List<CheckEntry> checks() {
				return entries;
			}

			@Override
			public List<CauseRule> rules() {
				return List.of();
			}
		}, Clock.systemUTC());
		return engine.start(request, DiagnosisProgressListener.NONE).report().toCompletableFuture().get(60, TimeUnit.SECONDS);
	}

	static DiagnosisRequest request(String server, int tcpPort, Optional<HostAndPort> peer) {
		return new DiagnosisRequest(server, tcpPort, serverRange, clientRange, Optional.of(control()),
				Optional.of(secretFile.toString()), peer, false, Optional.of(identity.fingerprint()),
				peer.map(p -> identity.fingerprint()));
	}

	static CheckResult check(DiagnosticReport report, String id) {
		return report.checks().stream().filter(c -> c.checkId().equals(id)).findFirst().orElseThrow();
	}

	@Test
	void aWorkingPathIsOkAndSaysWhatWasNotChecked() throws Exception {
		DiagnosticReport report = diagnose(request("127.0.0.1", signalling.getLocalPort(), Optional.empty()), true);
		assertEquals(Verdict.OK, report.verdict(), report.toString());
		assertEquals(CheckStatus.PASS, check(report, BuiltInChecks.SIGNALLING).status());
		assertEquals(CheckStatus.PASS, check(report, BuiltInChecks.SERVER_UDP).status(), check(report, BuiltInChecks.SERVER_UDP).summary());
		assertEquals(CheckStatus.PASS, check(report, BuiltInChecks.CLIENT_UDP).status(), check(report, BuiltInChecks.CLIENT_UDP).summary());
		assertEquals(CheckStatus.PASS, check(report, BuiltInChecks.ICE).status(), check(report, BuiltInChecks.ICE).summary());
		assertEquals(true, check(report, BuiltInChecks.SERVER_UDP).measurements().get(BuiltInChecks.COOPERATIVE));
		assertEquals(CheckStatus.SKIPPED, check(report, BuiltInChecks.ROUTE).status());
		assertTrue(check(report, BuiltInChecks.ROUTE).summary().contains("RouteInspectionService"));
		assertEquals(CheckStatus.SKIPPED, check(report, BuiltInChecks.PEER).status());
		assertTrue(report.duration().toMillis() < 20_000, report.duration().toString());
	}

	@Test
	void aClosedSignallingPortIsSignallingBlockedAndMediaIsSkipped() throws Exception {
		int closed;
		try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
			closed = s.getLocalPort();
		}
		DiagnosticReport report = diagnose(request("127.0.0.1", closed, Optional.empty()), true);
		assertEquals(Verdict.FAILED, report.verdict());
		assertEquals(List.of(CauseIds.SIGNALLING_BLOCKED), report.causes().stream().map(c -> c.id()).toList());
		assertTrue(report.causes().get(0).remediation().action().contains("nothing listens on TCP " + closed));
		for (String media : List.of(BuiltInChecks.SERVER_UDP, BuiltInChecks.CLIENT_UDP, BuiltInChecks.ICE)) {
			assertEquals(CheckStatus.SKIPPED, check(report, media).status(), media);
			assertTrue(check(report, media).summary().contains("TCP signalling failed"), check(report, media).summary());
		}
	}

	@Test
	void aMultiHomedServersMediaAddressIsWhereTheChecksGo() throws Exception {
		// Signalling listens on 127.0.0.3 (the "server"); the responder's media ports are bound on
		// 127.0.0.1, the address a multi-homed PBX's ICE candidates would offer: the checks go there, as
		// a softphone's media would, and the call works. (They used to go to 127.0.0.3, meet ICMP
		// port-unreachable and read as a patchwork of CLOSED and SILENT ports.)
		try (ServerSocket pbx = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.3"))) {
			DiagnosticReport report = diagnose(request("127.0.0.3", pbx.getLocalPort(), Optional.empty()), false);
			CheckResult udp = check(report, BuiltInChecks.SERVER_UDP);
			assertEquals(CheckStatus.PASS, udp.status(), udp.measurements().toString());
			assertTrue(String.valueOf(udp.measurements().get(BuiltInChecks.CAVEATS)).contains("the responder's ports are bound"
					+ " on 127.0.0.1, not on 127.0.0.3"), udp.measurements().toString());
			assertEquals(CheckStatus.PASS, check(report, BuiltInChecks.CLIENT_UDP).status());
			assertEquals(Verdict.OK, report.verdict(), report.causes().toString());
			assertEquals(List.of(), report.causes());
		}
	}

	@Test
	void aPeerWhoseControlPortRefusesIsReachableSoNeverPeerToPeerUnrouted() throws Exception {
		int closed;
		try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
			closed = s.getLocalPort();
		}
		DiagnosticReport report = diagnose(request("127.0.0.1", signalling.getLocalPort(),
				Optional.of(new HostAndPort("127.0.0.1", closed))), false);
		// a refused connection is a TCP reset from the peer itself: it is reachable, its responder is not running
		assertEquals(CheckStatus.ERROR, check(report, BuiltInChecks.PEER).status(), check(report, BuiltInChecks.PEER).summary());
		assertTrue(check(report, BuiltInChecks.PEER).summary().contains("no responder runs"));
		assertTrue(report.causes().stream().noneMatch(c -> c.id().equals(CauseIds.PEER_TO_PEER_UNROUTED)));
		assertEquals(org.mediapath.api.report.Verdict.INCONCLUSIVE, report.verdict());
	}

	@Test
	void withoutAProbeServiceTheChecksSayWhatIsMissing() {
		CheckResult r = new SignallingCheck(ChecksSettings.DEFAULT, null)
				.run(org.mediapath.diagnosis.engine.RunContext.standalone(DiagnosisRequest.forServer("127.0.0.1"),
						java.time.Instant.now().plusSeconds(5)));
		assertEquals(CheckStatus.SKIPPED, r.status());
		assertTrue(r.summary().contains("PortProbeService"));
		assertTrue(Duration.ZERO.compareTo(r.duration()) <= 0);
	}
}
