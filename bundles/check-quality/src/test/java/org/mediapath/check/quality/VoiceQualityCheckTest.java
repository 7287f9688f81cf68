package org.mediapath.check.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.StreamProbe;
import org.mediapath.api.probe.StreamProbeRequest;
import org.mediapath.api.probe.StreamSample;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;

/**
 * The check's judgement of stream results (values built here, as the probe would return them) and
 * its refusals. The real stream through a real responder runs in the console's in-framework tests.
 */
class VoiceQualityCheckTest {

	private static final VoiceStats.Thresholds VOICE = new VoiceStats.Thresholds(1.0, 30.0, 300.0);
	private static final StreamProbeRequest REQUEST = new StreamProbeRequest("198.18.2.10", new PortRange(30000, 33000),
			new PortRange(49152, 65535), new HostAndPort("198.18.2.10", 2231), "/etc/mediapath/secret", 50,
			Duration.ofSeconds(1), 172);

	@Test
	void withoutAResponderItIsSkippedSayingWhy() throws Exception {
		CheckResult result = new VoiceQualityCheck(3, 50, 172, VOICE, null).run(context(DiagnosisRequest.forServer("127.0.0.1")));
		assertEquals(CheckStatus.SKIPPED, result.status());
		assertTrue(result.summary().contains("needs a responder"), result.summary());
	}

	@Test
	void withoutTheProbeServiceItIsSkippedNamingTheBundle() throws Exception {
		CheckResult result = new VoiceQualityCheck(3, 50, 172, VOICE, null).run(context(withResponder()));
		assertEquals(CheckStatus.SKIPPED, result.status());
		assertTrue(result.summary().contains("org.mediapath.probe"), result.summary());
	}

	@Test
	void aCleanPathPassesWithItsFigures() {
		StreamProbe stream = stream(rtts(50, i -> i % 2 == 0 ? 10.0 : 12.0), OptionalInt.of(50));
		CheckResult result = VoiceQualityCheck.judge(stream, VOICE, false, Duration.ofSeconds(1));
		assertEquals(CheckStatus.PASS, result.status(), result.summary());
		assertEquals(0.0, result.measurements().get("lossPercent"));
		assertEquals(0.0, result.measurements().get("lossPercentClientToServer"));
		assertEquals(0.0, result.measurements().get("lossPercentServerToClient"));
		assertEquals(2.0, result.measurements().get("jitterMillis"));
		assertEquals(11.0, result.measurements().get("rttMillis"));
		assertEquals(50, result.measurements().get("packetsSentClientToServer"));
		assertEquals(172, result.measurements().get("packetBytes"));
		assertTrue(result.summary().endsWith("fit for voice"), result.summary());
	}

	@Test
	void lossIsSplitByDirectionAndTheWorseSideIsJudged() {
		// 50 sent, 49 arrived (2 % on the way in), 46 answers back (3 of 49 lost on the way out: 6.12 %)
		List<Double> rtts = rtts(50, i -> 10.0);
		for (int lost : new int[] { 7, 20, 33, 45 }) {
			rtts.set(lost, null);
		}
		CheckResult result = VoiceQualityCheck.judge(stream(rtts, OptionalInt.of(49)), VOICE, false, Duration.ofSeconds(1));
		assertEquals(CheckStatus.WARN, result.status());
		assertEquals(2.0, result.measurements().get("lossPercentClientToServer"));
		assertEquals(6.12, result.measurements().get("lossPercentServerToClient"));
		assertEquals(6.12, result.measurements().get("lossPercent"));
		assertEquals(8.0, result.measurements().get("lossPercentRoundTrip"));
		assertTrue(result.evidence().get(0).statement().startsWith("packet loss 6.12 %"), result.evidence().toString());
	}

	@Test
	void anOlderResponderWithoutCountsGivesTheRoundTripLoss() {
		List<Double> rtts = rtts(50, i -> 10.0);
		rtts.set(3, null);
		StreamProbe stream = stream(rtts, OptionalInt.empty());
		CheckResult result = VoiceQualityCheck.judge(stream, VOICE, false, Duration.ofSeconds(1));
		assertEquals(2.0, result.measurements().get("lossPercent"));
		assertFalse(result.measurements().containsKey("lossPercentClientToServer"));
		assertEquals(CheckStatus.WARN, result.status());
	}

	@Test
	void highRoundTripAndJitterWarnOnePerThreshold() {
		StreamProbe stream = stream(rtts(50, i -> i % 2 == 0 ? 300.0 : 400.0), OptionalInt.of(50));
		CheckResult result = VoiceQualityCheck.judge(stream, VOICE, true, Duration.ofSeconds(1));
		assertEquals(CheckStatus.WARN, result.status());
		assertEquals(2, result.evidence().size(), result.evidence().toString());
		assertTrue(result.summary().contains("shortened stream of 50 packets"), result.summary());
	}

	@Test
	void noAnswerAtAllIsTotalLossWithoutMadeUpTimes() {
		List<Double> rtts = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			rtts.add(null);
		}
		CheckResult result = VoiceQualityCheck.judge(stream(rtts, OptionalInt.of(0)), VOICE, false, Duration.ofSeconds(1));
		assertEquals(CheckStatus.WARN, result.status());
		assertEquals(100.0, result.measurements().get("lossPercent"));
		assertFalse(result.measurements().containsKey("rttMillis"));
		assertFalse(result.measurements().containsKey("jitterMillis"));
	}

	@Test
	void aStreamThatCouldNotStartIsSkippedWithTheProbesReason() {
		StreamProbe none = new StreamProbe(REQUEST, 0, 0, 0, List.of(), OptionalInt.empty(),
				List.of("every server port tried is in use"), Duration.ofMillis(5));
		CheckResult result = VoiceQualityCheck.judge(none, VOICE, false, Duration.ofMillis(5));
		assertEquals(CheckStatus.SKIPPED, result.status());
		assertTrue(result.summary().contains("in use"), result.summary());
	}

	@Test
	void settingsOutOfRangeAreRefusedByName() {
		IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
				() -> new VoiceQualityCheck(3, 0, 172, VOICE, null));
		assertTrue(rate.getMessage().startsWith("packets.per.second"));
		IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
				() -> new VoiceQualityCheck(3, 50, 20, VOICE, null));
		assertTrue(size.getMessage().startsWith("packet.bytes"));
		IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
				() -> new VoiceQualityCheck(31, 50, 172, VOICE, null));
		assertTrue(length.getMessage().startsWith("stream.seconds"));
	}

	/** Round trips in ms, one per packet; null for a packet whose answer was lost. */
	private static StreamProbe stream(List<Double> rttMillis, OptionalInt arrived) {
		List<StreamSample> samples = new ArrayList<>();
		for (int i = 0; i < rttMillis.size(); i++) {
			Double rtt = rttMillis.get(i);
			samples.add(new StreamSample(i, Duration.ofMillis(20L * i),
					rtt == null ? Optional.empty() : Optional.of(Duration.ofNanos((long) (rtt * 1_000_000)))));
		}
		return new StreamProbe(REQUEST, 49200, 31000, 168, samples, arrived, List.of(), Duration.ofMillis(1200));
	}

	private static List<Double> rtts(int count, java.util.function.IntFunction<Double> rtt) {
		List<Double> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			out.add(rtt.apply(i));
		}
		return out;
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

			@Override
			public Optional<org.mediapath.api.report.CheckResult> resultOf(String checkId) {
				return Optional.empty();
			}

			@Override
			public void share(String key, Object value) {
			}

			@Override
			public <T> Optional<T> shared(String key, Class<T> type) {
				return Optional.empty();
			}
		};
	}
}
