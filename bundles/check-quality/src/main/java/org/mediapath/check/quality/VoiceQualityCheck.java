package org.mediapath.check.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.StreamProbe;
import org.mediapath.api.probe.StreamProbeRequest;
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
 * <p>It streams packets of a voice packet's size (172 bytes: RTP header and 20 ms of G.711) at a
 * voice call's rate (50/s) for a few seconds from one client media port to one server media port,
 * through the public {@link PortProbeService#probeStream} only. The responder answers every packet
 * with one of about the same size and counts what arrived, so the check reports:
 * <ul>
 * <li><b>loss</b> per direction: client→server from the responder's count, server→client from the
 * answers that did not come back (the worse of the two is judged, as each speaker hears one);</li>
 * <li><b>round-trip time</b>: the median of every packet's round trip;</li>
 * <li><b>jitter</b>: the mean variation between consecutive round trips (RFC 3550's D), which is
 * both directions' jitter together — an upper bound of what one direction's jitter buffer sees.</li>
 * </ul>
 * It never FAILs: quality problems degrade a call, they do not stop its media (that is what the
 * other checks and the cause rules judge). It only WARNs, naming the threshold crossed.
 */
@Component(service = DiagnosticCheck.class, configurationPid = VoiceQualityCheck.PID, property = {
		DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=20000",
		// A closed media path leaves nothing to measure; and the stream runs alone, after the
		// sweeps and ICE, whose bursts would otherwise show up as its jitter and loss.
		DiagnosticCheck.CHECK_REQUIRES + "=server-udp",
		DiagnosticCheck.CHECK_AFTER + "=server-udp", DiagnosticCheck.CHECK_AFTER + "=client-udp",
		DiagnosticCheck.CHECK_AFTER + "=ice", DiagnosticCheck.CHECK_AFTER + "=peer" })
@CheckComponent(id = VoiceQualityCheck.ID, title = VoiceQualityCheck.TITLE)
@Designate(ocd = VoiceQualityConfig.class)
public class VoiceQualityCheck implements DiagnosticCheck {

	/** The check id. */
	public static final String ID = "voice-quality";
	/** The check title. */
	public static final String TITLE = "Voice quality (loss, jitter, round trip)";
	/** The configuration PID. */
	public static final String PID = "org.mediapath.check.quality";

	/** Time kept back from the engine's deadline for the control exchanges and the last answers. */
	private static final Duration RESERVE = Duration.ofSeconds(3);
	/** A shorter stream than this says too little about loss to be worth sending. */
	private static final Duration SHORTEST_STREAM = Duration.ofSeconds(1);

	private final int streamSeconds;
	private final int packetsPerSecond;
	private final int packetBytes;
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
		this(config.stream_seconds(), config.packets_per_second(), config.packet_bytes(), new VoiceStats.Thresholds(
				config.warn_loss_percent(), config.warn_jitter_millis(), config.warn_rtt_millis()), null);
	}

	/** For plain unit tests: the settings and the probe service directly. */
	VoiceQualityCheck(int streamSeconds, int packetsPerSecond, int packetBytes, VoiceStats.Thresholds thresholds,
			PortProbeService probes) {
		if (streamSeconds < 1 || streamSeconds > StreamProbeRequest.MAX_LENGTH_SECONDS) {
			throw new IllegalArgumentException("stream.seconds: " + streamSeconds + " is outside 1-"
					+ StreamProbeRequest.MAX_LENGTH_SECONDS);
		}
		if (packetsPerSecond < 1 || packetsPerSecond > StreamProbeRequest.MAX_PACKETS_PER_SECOND) {
			throw new IllegalArgumentException("packets.per.second: " + packetsPerSecond + " is outside 1-"
					+ StreamProbeRequest.MAX_PACKETS_PER_SECOND);
		}
		if (packetBytes < StreamProbeRequest.MIN_PACKET_BYTES || packetBytes > StreamProbeRequest.MAX_PACKET_BYTES) {
			throw new IllegalArgumentException("packet.bytes: " + packetBytes + " is outside "
					+ StreamProbeRequest.MIN_PACKET_BYTES + "-" + StreamProbeRequest.MAX_PACKET_BYTES);
		}
		this.streamSeconds = streamSeconds;
		this.packetsPerSecond = packetsPerSecond;
		this.packetBytes = packetBytes;
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
		Duration planned = Duration.ofSeconds(streamSeconds);
		Duration affordable = Duration.between(Instant.now(), context.deadline()).minus(RESERVE);
		Duration length = affordable.compareTo(planned) < 0 ? affordable : planned;
		if (length.compareTo(SHORTEST_STREAM) < 0) {
			return skipped(start, "the check's timeout leaves no time for a packet stream; raise "
					+ DiagnosticCheck.CHECK_TIMEOUT_MILLIS + " above " + (planned.plus(RESERVE).toMillis()) + " ms");
		}
		if (context.isCancelled()) {
			return skipped(start, "cancelled before the packet stream");
		}
		StreamProbeRequest streamRequest = new StreamProbeRequest(request.server(), request.serverPorts(),
				request.clientPorts(), request.responder().get(), request.secretReference().get(), packetsPerSecond,
				length, packetBytes, request.responderFingerprint());
		context.progress(0.0, "streaming " + streamRequest.plannedPackets() + " packets of " + streamRequest.packetBytes()
				+ " bytes at " + packetsPerSecond + "/s through the responder " + request.responder().get());
		StreamProbe stream;
		try {
			stream = service.probeStream(streamRequest);
		} catch (RuntimeException e) {
			// Bad settings or the probe's own failure (responder unreachable, refused): the media
			// checks tell why the path is closed; this check has nothing to judge.
			return skipped(start, "the packet stream could not run: " + e.getMessage());
		}
		CheckResult result = judge(stream, thresholds, length.compareTo(planned) < 0, elapsed(start));
		context.progress(1.0, result.summary());
		return result;
	}

	/**
	 * Turns a stream into the check's result: figures, WARNs for every threshold crossed.
	 *
	 * @param stream the stream probe's result
	 * @param thresholds the voice thresholds
	 * @param shortened whether the stream was cut short to fit the check's timeout
	 * @param elapsed the check's duration so far
	 * @return the result
	 */
	static CheckResult judge(StreamProbe stream, VoiceStats.Thresholds thresholds, boolean shortened, Duration elapsed) {
		if (stream.sent() == 0) {
			return CheckResult.inconclusive(ID, TITLE, CheckStatus.SKIPPED,
					"no packet could be sent: " + String.join("; ", stream.caveats()), elapsed);
		}
		int sent = stream.sent();
		int answered = stream.answered();
		double lossRoundTrip = VoiceStats.lossPercent(sent, answered);
		double lossForward = Double.NaN;
		double lossReverse = Double.NaN;
		if (stream.arrivedAtServer().isPresent()) {
			int arrived = Math.min(sent, stream.arrivedAtServer().getAsInt());
			lossForward = VoiceStats.lossPercent(sent, arrived);
			lossReverse = arrived == 0 ? Double.NaN : VoiceStats.lossPercent(arrived, Math.min(answered, arrived));
		}
		double loss = Double.isNaN(lossForward) ? lossRoundTrip
				: Double.isNaN(lossReverse) ? lossForward : Math.max(lossForward, lossReverse);
		List<Double> rtts = stream.roundTrips().stream().map(d -> d.toNanos() / 1_000_000.0).toList();
		double rtt = rtts.isEmpty() ? Double.NaN : VoiceStats.median(rtts);
		double jitter = rtts.size() < 2 ? Double.NaN : VoiceStats.jitter(rtts);
		List<String> exceeded = thresholds.exceeded(loss, jitter, rtt);

		Map<String, Object> m = new LinkedHashMap<>();
		m.put("lossPercent", VoiceStats.round2(loss));
		if (!Double.isNaN(lossForward)) {
			m.put("lossPercentClientToServer", VoiceStats.round2(lossForward));
		}
		if (!Double.isNaN(lossReverse)) {
			m.put("lossPercentServerToClient", VoiceStats.round2(lossReverse));
		}
		m.put("lossPercentRoundTrip", VoiceStats.round2(lossRoundTrip));
		m.put("packetsSentClientToServer", sent);
		stream.arrivedAtServer().ifPresent(arrived -> m.put("packetsArrivedClientToServer", arrived));
		m.put("packetsArrivedServerToClient", answered);
		m.put("packetsPerSecond", stream.request().packetsPerSecond());
		m.put("packetBytes", stream.request().packetBytes());
		m.put("answerBytes", stream.answerBytes());
		m.put("clientPort", stream.clientPort());
		m.put("serverPort", stream.serverPort());
		m.put("streamMillis", stream.samples().get(sent - 1).sentAt().toMillis());
		if (!rtts.isEmpty()) {
			m.put("rttMillis", VoiceStats.round2(rtt));
			m.put("rttMinMillis", VoiceStats.round2(rtts.stream().mapToDouble(Double::doubleValue).min().orElseThrow()));
			m.put("rttMaxMillis", VoiceStats.round2(rtts.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
		}
		if (!Double.isNaN(jitter)) {
			m.put("jitterMillis", VoiceStats.round2(jitter));
		}
		m.put("warnLossPercent", thresholds.lossPercent());
		m.put("warnJitterMillis", thresholds.jitterMillis());
		m.put("warnRttMillis", thresholds.rttMillis());
		m.put("method", "a stream of " + stream.request().packetBytes() + "-byte packets at "
				+ stream.request().packetsPerSecond() + "/s from client port " + stream.clientPort() + " to server port "
				+ stream.serverPort() + ", each answered by the responder; jitter is the round trip's (both directions)");

		String figures = "loss " + VoiceStats.round2(loss) + " %"
				+ (Double.isNaN(jitter) ? "" : ", jitter " + VoiceStats.round2(jitter) + " ms")
				+ (Double.isNaN(rtt) ? "" : ", round trip " + VoiceStats.round2(rtt) + " ms");
		String partial = shortened ? " (a shortened stream of " + sent + " packets, for lack of time)" : "";
		List<Evidence> evidence = new ArrayList<>();
		for (String line : exceeded) {
			evidence.add(new Evidence(ID, line));
		}
		stream.caveats().forEach(caveat -> evidence.add(new Evidence(ID, caveat)));
		CheckStatus status = exceeded.isEmpty() ? CheckStatus.PASS : CheckStatus.WARN;
		String summary = exceeded.isEmpty()
				? figures + ": fit for voice" + partial
				: figures + ": " + String.join("; ", exceeded) + partial;
		return new CheckResult(ID, TITLE, status, summary, m, evidence, elapsed);
	}

	private static CheckResult skipped(long start, String reason) {
		return CheckResult.inconclusive(ID, TITLE, CheckStatus.SKIPPED, reason, elapsed(start));
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}
}
