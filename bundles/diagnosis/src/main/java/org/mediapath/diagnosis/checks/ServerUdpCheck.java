package org.mediapath.diagnosis.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.PortRun;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.engine.RunContext;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * STUN checks from the client's media ports to the server's (UDP 30000-33000): cooperative with a
 * responder (every outcome conclusive, both directions measured at once), else uncooperative, where
 * silence alone is only a WARN, because a server that drops unsolicited packets looks the same as a
 * firewall that drops media.
 */
@Component(service = DiagnosticCheck.class, configurationPid = ChecksSettings.PID,
		property = { DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=30000",
				CheckOrdering.REQUIRES + "=" + BuiltInChecks.SIGNALLING })
@CheckComponent(id = BuiltInChecks.SERVER_UDP, title = ServerUdpCheck.TITLE)
public class ServerUdpCheck extends ProbeCheck {

	static final String TITLE = "Server media ports (client to server)";

	@Activate
	public ServerUdpCheck(ChecksConfig config) {
		this(ChecksSettings.from(config), null);
	}

	ServerUdpCheck(ChecksSettings settings, PortProbeService probes) {
		super(BuiltInChecks.SERVER_UDP, TITLE, settings, probes);
	}

	@Override
	CheckResult run(CheckContext context, PortProbeService service, long start) {
		DiagnosisRequest q = context.request();
		String address = CheckSupport.serverAddress(context);
		List<Evidence> notes = new ArrayList<>();
		Optional<HostAndPort> responder = q.responder();
		if (responder.isPresent() && q.secretReference().isEmpty()) {
			notes.add(new Evidence(BuiltInChecks.SERVER_UDP, "--responder was given without --secret-file: probed without it"));
			responder = Optional.empty();
		}
		context.progress(0, "sending STUN checks to UDP " + q.serverPorts() + " on " + address);
		UdpRangeProbe probe;
		String responderProblem = null;
		try {
			probe = service.probeUdpRange(request(q, address, responder));
		} catch (RuntimeException e) {
			if (responder.isEmpty()) {
				throw e;
			}
			// The responder could not take part: measure what can be measured without it, and say so.
			responderProblem = "the responder at " + responder.get() + " could not take part (" + CheckSupport.message(e)
					+ "); probed without it";
			notes.add(new Evidence(BuiltInChecks.SERVER_UDP, responderProblem));
			probe = service.probeUdpRange(request(q, address, Optional.empty()));
		}
		if (context instanceof RunContext run) {
			run.shared().put(CheckSupport.SHARED_UDP_PROBE, probe);
		}
		DirectionResult forward = probe.directions().stream().filter(d -> d.direction() == Direction.CLIENT_TO_SERVER)
				.findFirst().orElse(null);
		if (forward == null || forward.runs().isEmpty()) {
			return CheckResult.inconclusive(BuiltInChecks.SERVER_UDP, TITLE, CheckStatus.ERROR,
					"the probe returned no client-to-server result", CheckSupport.since(start));
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.ADDRESS, address);
		m.put(BuiltInChecks.PORTS, q.serverPorts().toString());
		m.put(BuiltInChecks.COOPERATIVE, probe.cooperative());
		m.put("mode", probe.request().mode().name());
		m.put(BuiltInChecks.SENT, forward.sent());
		m.put(BuiltInChecks.ANSWERED, forward.answered());
		m.put(BuiltInChecks.RUNS, CheckSupport.runs(forward.runs()));
		m.put(BuiltInChecks.CAVEATS, probe.caveats());
		m.put("probeMillis", probe.duration().toMillis());
		if (responderProblem != null) {
			m.put("responderProblem", responderProblem);
		}
		boolean anyBlocked = forward.runs().stream().anyMatch(r -> !CheckSupport.open(r.outcome()));
		boolean anyRejected = forward.runs().stream().anyMatch(r -> r.outcome() == PortOutcome.REJECTED);
		boolean anyClosed = forward.runs().stream().anyMatch(r -> r.outcome() == PortOutcome.CLOSED);
		boolean reachedOtherHost = probe.cooperative() && anyClosed;
		CheckStatus status;
		if (!anyBlocked) {
			// Cooperatively, port-unreachable means the checks reach a host that is not the responder:
			// the path is open (no block, no cause), but the responder is not where the media goes.
			status = reachedOtherHost ? CheckStatus.WARN : CheckStatus.PASS;
		} else if (probe.cooperative() || anyRejected || anyClosed) {
			// Cooperative silence is conclusive; so is a reject, and silence beside ports whose ICMP
			// port-unreachable came back (the same host answers for some ports and not others).
			status = CheckStatus.FAIL;
		} else {
			status = CheckStatus.WARN;
		}
		String where = "UDP " + q.serverPorts() + " on " + address;
		String summary = switch (status) {
		case WARN -> !anyBlocked ? where + ": the path is open (ICMP port-unreachable came back), but the checks reach a host "
				+ "other than the responder's; run the responder on the server's media address for a conclusive result"
				: where + ": silent, which without a responder means open or filtered; a responder (--responder) would tell which";
		case PASS -> where + ": every probed port passes (" + forward.answered() + " of " + forward.sent() + " checks "
				+ (probe.cooperative() ? "seen by the responder" : "answered or refused by the host") + ")";
		case FAIL -> where + ": " + blockedSummary(forward) + " (" + forward.answered() + " of " + forward.sent()
				+ " checks answered)";
		default -> where;
		};
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, summary));
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Ports: " + CheckSupport.describe(forward)));
		evidence.addAll(notes);
		if (reachedOtherHost) {
			probe.caveats().forEach(c -> evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, c)));
		}
		if (!probe.cooperative()) {
			evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "A responder would add: conclusive silence, and the "
					+ "server-to-client direction (the client's own firewall)"));
		}
		return new CheckResult(BuiltInChecks.SERVER_UDP, TITLE, status, summary, m, evidence, CheckSupport.since(start));
	}

	private UdpRangeProbeRequest request(DiagnosisRequest q, String address, Optional<HostAndPort> responder) {
		return new UdpRangeProbeRequest(address, q.serverPorts(), q.clientPorts(), responder,
				responder.isPresent() ? q.secretReference() : Optional.empty(), settings.sweepMode(),
				settings.packetsPerSecond(), responder.isPresent() ? q.responderFingerprint() : Optional.empty());
	}

	private static String blockedSummary(DirectionResult d) {
		List<String> blocked = new ArrayList<>();
		for (PortRun r : d.runs()) {
			if (!CheckSupport.open(r.outcome())) {
				blocked.add(r.ports() + (r.outcome() == PortOutcome.REJECTED ? " rejected" : " silent"));
			}
		}
		boolean all = d.runs().stream().noneMatch(r -> CheckSupport.open(r.outcome()));
		return (all ? "no port passes: " : "only part passes; blocked: ") + String.join(", ", blocked);
	}
}
