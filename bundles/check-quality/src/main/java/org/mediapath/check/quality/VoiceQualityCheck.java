package org.mediapath.check.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.TcpOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.Evidence;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The voice-quality check: is the media path good enough for speech, not just open?
 *
 * <p>What it measures, through the public API only (the responder answers authenticated STUN
 * only, and its protocol is not API):
 * <ul>
 * <li><b>loss</b>: a cooperative {@link PortProbeService#probeUdpRange} stream of STUN checks paced
 * at the configured rate (50/s, one packet every 20 ms like RTP voice) for the configured time, in
 * both directions; the responder reports what arrived. The probe re-sends an unanswered check once,
 * so this is the loss that survives one retry (lower than the raw loss for random loss).
 * STUN checks are about 100 bytes, RTP voice packets about 172; on paths that drop by rate or
 * burst rather than size this does not matter.</li>
 * <li><b>round-trip time and jitter</b>: {@link PortProbeService#probeSignalling} TCP handshakes
 * to the responder's control port (one handshake is one round trip on the same path); jitter is
 * the mean variation between consecutive round trips (RFC 3550's D).</li>
 * </ul>
 * It never FAILs: quality problems degrade a call, they do not stop its media (that is what the
 * other checks and the cause rules judge). It only WARNs, naming the threshold crossed.
 */
@Component(service = DiagnosticCheck.class, configurationPid = VoiceQualityCheck.PID,
		property = DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=20000")
@CheckComponent(id = VoiceQualityCheck.ID, title = VoiceQualityCheck.TITLE)
@Designate(ocd = VoiceQualityConfig.class)
public class VoiceQualityCheck implements DiagnosticCheck {

	/** The check id. */
	public static final String ID = "voice-quality";
	/** The check title. */
	public static final String TITLE = "Voice quality (loss, jitter, round trip)";
	/** The configuration PID. */
	public static final String PID = "org.mediapath.check.quality";

	/** Time kept back from the engine's deadline for the round-trip samples and the control exchanges. */
	private static final Duration RESERVE = Duration.ofSeconds(3);

	private final int streamSeconds;
	private final int packetsPerSecond;
	private final int rttSamples;
	private final VoiceStats.Thresholds thresholds;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile PortProbeService probes;

	/**
	 * @param config the configuration
	 * @throws IllegalArgumentException naming the setting that is out of range
	 */
	@Activate
	public VoiceQualityCheck(VoiceQualityConfig config) {
		this(config.stream_seconds(), config.packets_per_second(), config.rtt_samples(), new VoiceStats.Thresholds(
				config.warn_loss_percent(), config.warn_jitter_millis(), config.warn_rtt_millis()), null);
	}

	/** For plain unit tests: the settings and the probe service directly. */
	VoiceQualityCheck(int streamSeconds, int packetsPerSecond, int rttSamples, VoiceStats.Thresholds thresholds,
			PortProbeService probes) {
		if (streamSeconds < 1 || streamSeconds > 30) {
			throw new IllegalArgumentException("stream.seconds: " + streamSeconds + " is outside 1-30");
		}
		if (packetsPerSecond < 1 || packetsPerSecond > 200) {
			throw new IllegalArgumentException("packets.per.second: " + packetsPerSecond + " is outside 1-200");
		}
		if (rttSamples < 2 || rttSamples > 100) {
			throw new IllegalArgumentException("rtt.samples: " + rttSamples + " is outside 2-100");
		}
		this.streamSeconds = streamSeconds;
		this.packetsPerSecond = packetsPerSecond;
		this.rttSamples = rttSamples;
		this.thresholds = thresholds;
		this.probes = probes;
	}

	@Override
	public CheckResult run(CheckContext context) throws InterruptedException {
		long start = System.nanoTime();
		DiagnosisRequest request = context.request();
		if (request.responder().isEmpty()) {
			return skipped(start, "needs a responder (--responder HOST:PORT): loss, jitter and round trip are measured"
					+ " against the cooperative far end, and nothing else on the server answers a packet stream");
		}
		if (request.secretReference().isEmpty()) {
			return skipped(start, "needs the responder's secret file (--secret-file) to exchange packets with it");
		}
		PortProbeService service = probes;
		if (service == null) {
			return skipped(start, "no PortProbeService is running (bundle org.mediapath.probe)");
		}
		HostAndPort responder = request.responder().get();

		// Round trips first: quick, and they tell whether the responder is reachable at all.
		context.progress(0.0, "measuring round trips to the responder " + responder);
		SignallingProbe handshakes = service.probeSignalling(responder, Duration.ofSeconds(1), rttSamples);
		List<Double> rtts = handshakes.connectTimes().stream().map(d -> d.toNanos() / 1_000_000.0).toList();
		if (handshakes.outcome() != TcpOutcome.OPEN || rtts.size() < 2) {
			return skipped(start, "the responder " + responder + " did not accept connections (" + handshakes.detail()
					+ "), so no stream could be exchanged");
		}
		if (context.isCancelled()) {
			return skipped(start, "cancelled before the packet stream");
		}

		// The stream: as many paced checks as the time left allows, up to rate x seconds.
		int planned = packetsPerSecond * streamSeconds;
		Duration left = Duration.between(Instant.now(), context.deadline()).minus(RESERVE);
		int affordable = (int) Math.max(0, left.toMillis() * packetsPerSecond / 1000);
		int target = Math.min(planned, affordable);
		if (target < 10) {
			return skipped(start, "the check's timeout leaves no time for a packet stream; raise "
					+ DiagnosticCheck.CHECK_TIMEOUT_MILLIS + " above " + (streamSeconds * 1000 + RESERVE.toMillis()) + " ms");
		}
		int[] forward = new int[2];
		int[] reverse = new int[2];
		long streamStart = System.nanoTime();
		int sent = 0;
		while (sent < target && !context.isCancelled()) {
			int chunk = Math.min(target - sent, Math.min(request.serverPorts().size(), request.clientPorts().size()));
			UdpRangeProbe probe = service.probeUdpRange(new UdpRangeProbeRequest(request.server(),
					window(request.serverPorts(), chunk), window(request.clientPorts(), chunk), request.responder(),
					request.secretReference(), SweepMode.FULL, packetsPerSecond));
			for (DirectionResult direction : probe.directions()) {
				int[] into = direction.direction() == Direction.CLIENT_TO_SERVER ? forward : reverse;
				into[0] += direction.sent();
				into[1] += direction.answered();
			}
			sent += chunk;
			context.progress(Math.min(1.0, (double) sent / target), sent + " of " + target + " packets streamed");
		}
		if (forward[0] == 0) {
			return skipped(start, "no packet of the stream could be sent (every server port of the window is in use)");
		}
		long streamMillis = (System.nanoTime() - streamStart) / 1_000_000;

		double lossForward = VoiceStats.lossPercent(forward[0], forward[1]);
		double lossReverse = reverse[0] == 0 ? Double.NaN : VoiceStats.lossPercent(reverse[0], reverse[1]);
		double loss = Double.isNaN(lossReverse) ? lossForward : Math.max(lossForward, lossReverse);
		double rtt = VoiceStats.median(rtts);
		double jitter = VoiceStats.jitter(rtts);
		List<String> exceeded = thresholds.exceeded(loss, jitter, rtt);

		Map<String, Object> m = new LinkedHashMap<>();
		m.put("lossPercent", VoiceStats.round2(loss));
		m.put("lossPercentClientToServer", VoiceStats.round2(lossForward));
		if (!Double.isNaN(lossReverse)) {
			m.put("lossPercentServerToClient", VoiceStats.round2(lossReverse));
		}
		m.put("packetsSentClientToServer", forward[0]);
		m.put("packetsArrivedClientToServer", forward[1]);
		m.put("packetsSentServerToClient", reverse[0]);
		m.put("packetsArrivedServerToClient", reverse[1]);
		m.put("packetsPerSecond", packetsPerSecond);
		m.put("streamMillis", streamMillis);
		m.put("jitterMillis", VoiceStats.round2(jitter));
		m.put("rttMillis", VoiceStats.round2(rtt));
		m.put("rttMinMillis", VoiceStats.round2(rtts.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
		m.put("rttMaxMillis", VoiceStats.round2(rtts.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
		m.put("rttSamples", rtts.size());
		m.put("warnLossPercent", thresholds.lossPercent());
		m.put("warnJitterMillis", thresholds.jitterMillis());
		m.put("warnRttMillis", thresholds.rttMillis());
		m.put("method", "loss: cooperative STUN stream at " + packetsPerSecond
				+ "/s through the responder, after one retry; round trip and jitter: TCP handshakes to the responder");

		String figures = "loss " + VoiceStats.round2(loss) + " %, jitter " + VoiceStats.round2(jitter)
				+ " ms, round trip " + VoiceStats.round2(rtt) + " ms";
		String partial = target < planned || sent < target ? " (a shortened stream: " + sent + " of " + planned
				+ " packets, for lack of time)" : "";
		List<Evidence> evidence = new ArrayList<>();
		for (String line : exceeded) {
			evidence.add(new Evidence(ID, line));
		}
		CheckStatus status = exceeded.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN;
		String summary = exceeded.isEmpty()
				? figures + ": fit for voice" + partial
				: figures + ": " + String.join("; ", exceeded) + partial;
		return new CheckResult(ID, TITLE, status, summary, m, evidence, elapsed(start));
	}

	/** A window of {@code size} consecutive ports at a random place in the range (size at most the range's). */
	static PortRange window(PortRange range, int size) {
		int slack = range.size() - size;
		int first = range.first() + (slack <= 0 ? 0 : ThreadLocalRandom.current().nextInt(slack + 1));
		return new PortRange(first, first + size - 1);
	}

	private static CheckResult skipped(long start, String reason) {
		return CheckResult.inconclusive(ID, TITLE, CheckStatus.SKIPPED, reason, elapsed(start));
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}
}
