package org.mediapath.check.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.TcpOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;

/** The check's decisions with a scripted probe service (the real one is exercised in the console tests). */
class VoiceQualityCheckTest {

	private static final VoiceStats.Thresholds VOICE = new VoiceStats.Thresholds(1.0, 30.0, 300.0);

	@Test
	void withoutAResponderItIsSkippedSayingWhy() throws Exception {
		VoiceQualityCheck check = new VoiceQualityCheck(3, 50, 5, VOICE, new Scripted(List.of(1.0, 1.0), 0));
		CheckResult result = check.run(context(DiagnosisRequest.forServer("127.0.0.1")));
		assertEquals(CheckStatus.SKIPPED, result.status());
		assertTrue(result.summary().contains("needs a responder"), result.summary());
	}

	@Test
	void withoutTheProbeServiceItIsSkippedNamingTheBundle() throws Exception {
		VoiceQualityCheck check = new VoiceQualityCheck(3, 50, 5, VOICE, null);
		CheckResult result = check.run(context(withResponder()));
		assertEquals(CheckStatus.SKIPPED, result.status());
		assertTrue(result.summary().contains("org.mediapath.probe"), result.summary());
	}

	@Test
	void aCleanPathPassesWithItsFigures() throws Exception {
		Scripted probes = new Scripted(List.of(10.0, 12.0, 10.0, 12.0), 0);
		CheckResult result = new VoiceQualityCheck(1, 50, 4, VOICE, probes).run(context(withResponder()));
		assertEquals(CheckStatus.PASS, result.status(), result.summary());
		assertEquals(0.0, result.measurements().get("lossPercent"));
		assertEquals(2.0, result.measurements().get("jitterMillis"));
		assertEquals(11.0, result.measurements().get("rttMillis"));
		assertEquals(50, result.measurements().get("packetsSentClientToServer"));
		assertEquals(50, probes.requests.stream().mapToInt(r -> r.serverPorts().size()).sum(), "rate x seconds");
		assertTrue(probes.requests.stream().allMatch(r -> r.packetsPerSecond() == 50));
	}

	@Test
	void lossAboveOnePercentWarnsWithEvidence() throws Exception {
		// two of every 50 lost in the server-to-client direction: 4 %
		Scripted probes = new Scripted(List.of(10.0, 10.0), 2);
		CheckResult result = new VoiceQualityCheck(1, 50, 2, VOICE, probes).run(context(withResponder()));
		assertEquals(CheckStatus.WARN, result.status());
		assertEquals(4.0, result.measurements().get("lossPercent"));
		assertEquals(0.0, result.measurements().get("lossPercentClientToServer"));
		assertEquals(1, result.evidence().size());
		assertTrue(result.evidence().get(0).statement().startsWith("packet loss 4.0 %"));
	}

	@Test
	void highRoundTripAndJitterWarn() throws Exception {
		Scripted probes = new Scripted(List.of(300.0, 400.0, 320.0, 420.0), 0);
		CheckResult result = new VoiceQualityCheck(1, 50, 4, VOICE, probes).run(context(withResponder()));
		assertEquals(CheckStatus.WARN, result.status());
		assertEquals(2, result.evidence().size(), result.evidence().toString());
	}

	@Test
	void settingsOutOfRangeAreRefusedByName() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new VoiceQualityCheck(3, 0, 5, VOICE, null));
		assertTrue(e.getMessage().startsWith("packets.per.second"));
	}

	@Test
	void aWindowLiesInsideItsRange() {
		PortRange range = new PortRange(30000, 30200);
		for (int i = 0; i < 100; i++) {
			PortRange w = VoiceQualityCheck.window(range, 150);
			assertEquals(150, w.size());
			assertTrue(range.contains(w.first()) && range.contains(w.last()), w.toString());
		}
		assertEquals(new PortRange(30000, 30009), VoiceQualityCheck.window(new PortRange(30000, 30009), 10));
	}

	private static DiagnosisRequest withResponder() {
		return new DiagnosisRequest("127.0.0.1", 2230, new PortRange(30000, 33000), new PortRange(49152, 65535),
				Optional.of(new HostAndPort("127.0.0.1", 2231)), Optional.of("/tmp/secret"), Optional.empty(), false);
	}

	private static CheckContext context(DiagnosisRequest request) {
		Instant deadline = Instant.now().plusSeconds(20);
		return new CheckContext() {
			@Override
			public DiagnosisRequest request() {
				return request;
			}

			@Override
			public Instant deadline() {
				return deadline;
			}

			@Override
			public boolean isCancelled() {
				return false;
			}

			@Override
			public void progress(double fraction, String message) {
			}
		};
	}

	/** Answers with the given round trips; loses {@code lostPer50} of every 50 server-to-client checks. */
	private static final class Scripted implements PortProbeService {
		final List<Double> rttMillis;
		final int lostPer50;
		final List<UdpRangeProbeRequest> requests = new ArrayList<>();

		Scripted(List<Double> rttMillis, int lostPer50) {
			this.rttMillis = rttMillis;
			this.lostPer50 = lostPer50;
		}

		@Override
		public SignallingProbe probeSignalling(HostAndPort target, Duration timeout, int attempts) {
			List<Duration> times = rttMillis.stream().map(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toList();
			return new SignallingProbe(target, Optional.of("127.0.0.1"), TcpOutcome.OPEN, times, attempts, "scripted");
		}

		@Override
		public UdpRangeProbe probeUdpRange(UdpRangeProbeRequest request) {
			requests.add(request);
			int n = request.serverPorts().size();
			int lost = lostPer50 * n / 50;
			return new UdpRangeProbe(request, true, List.of(new DirectionResult(Direction.CLIENT_TO_SERVER, List.of(), n, n),
					new DirectionResult(Direction.SERVER_TO_CLIENT, List.of(), n, n - lost)), List.of(), Duration.ofSeconds(1));
		}

		@Override
		public IceProbe probeIce(IceProbeRequest request) {
			throw new UnsupportedOperationException();
		}
	}
}
