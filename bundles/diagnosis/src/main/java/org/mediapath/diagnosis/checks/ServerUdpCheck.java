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
import org.mediapath.api.probe.NatObservation;
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
			String why = CheckSupport.message(e);
			if (why.contains("AUTH_FAILED") || why.contains("prove it knows the secret")) {
				// a wrong secret is the administrator's to fix; probing without it would hide the mistake
				return CheckResult.inconclusive(BuiltInChecks.SERVER_UDP, TITLE, CheckStatus.ERROR, "the responder at "
						+ responder.get() + " and this client do not share the secret in --secret-file "
						+ q.secretReference().orElse("") + " (" + why + "): give the responder's secret file",
						CheckSupport.since(start));
			}
			// The responder could not take part: measure what can be measured without it, and say so.
			responderProblem = "the responder at " + responder.get() + " could not take part (" + CheckSupport.message(e)
					+ "); probed without it";
			notes.add(new Evidence(BuiltInChecks.SERVER_UDP, responderProblem));
			probe = service.probeUdpRange(request(q, address, Optional.empty()));
		}
		context.share(CheckSupport.SHARED_UDP_PROBE, probe);
		DirectionResult forward = probe.directions().stream().filter(d -> d.direction() == Direction.CLIENT_TO_SERVER)
				.findFirst().orElse(null);
		if (forward == null || forward.runs().isEmpty()) {
			return CheckResult.inconclusive(BuiltInChecks.SERVER_UDP, TITLE, CheckStatus.ERROR,
					"the probe returned no client-to-server result", CheckSupport.since(start));
		}
		Map<String, Object> m = new LinkedHashMap<>();
		// the checks went where media goes: the responder's media address or the PBX's public one
		String asked = address;
		address = probe.mediaAddress().orElse(address);
		m.put(BuiltInChecks.ADDRESS, address);
		if (!address.equals(asked)) {
			m.put("serverAddress", asked);
		}
		m.put(BuiltInChecks.PORTS, q.serverPorts().toString());
		m.put(BuiltInChecks.COOPERATIVE, probe.cooperative());
		m.put("mode", probe.request().mode().name());
		m.put(BuiltInChecks.SENT, forward.sent());
		m.put(BuiltInChecks.ANSWERED, forward.answered());
		m.put(BuiltInChecks.RUNS, CheckSupport.runs(forward.runs()));
		m.put(BuiltInChecks.CAVEATS, probe.caveats());
		m.put("probeMillis", probe.duration().toMillis());
		if (responderProblem != null) {
			m.put(BuiltInChecks.RESPONDER_PROBLEM, responderProblem);
		}
		boolean anyBlocked = forward.runs().stream().anyMatch(r -> !CheckSupport.open(r.outcome()));
		boolean anyRejected = forward.runs().stream().anyMatch(r -> r.outcome() == PortOutcome.REJECTED);
		boolean anyClosed = forward.runs().stream().anyMatch(r -> r.outcome() == PortOutcome.CLOSED);
		CheckStatus status;
		if (probe.cooperative()) {
			// the responder says what arrived: every outcome is conclusive
			status = anyBlocked ? CheckStatus.FAIL : CheckStatus.PASS;
		} else if (anyRejected || forward.runs().stream().anyMatch(r -> r.outcome() == PortOutcome.BLOCKED_LOCALLY
				|| r.outcome() == PortOutcome.UNREACHABLE)) {
			// an administratively-prohibited error, a router without a route or this machine's own filter
			// are evidence even without a responder
			status = CheckStatus.FAIL;
		} else {
			// silence, and port-unreachable (which a filter's default reject sends too), prove nothing alone
			status = CheckStatus.WARN;
		}
		String where = "UDP " + q.serverPorts() + " on " + address;
		String summary = switch (status) {
		case WARN -> where + ": " + (anyClosed ? "ICMP port-unreachable (nothing listens, or a filter rejects)" : "silent")
				+ ", which without a responder proves neither an open path nor a block; a responder (--responder) would tell";
		case PASS -> where + ": every probed port passes (" + forward.answered() + " of " + forward.sent()
				+ " checks seen by the responder)";
		case FAIL -> where + ": " + blockedSummary(forward) + " (" + forward.answered() + " of " + forward.sent()
				+ " checks arrived)";
		default -> where;
		};
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, summary));
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Ports: " + CheckSupport.describe(forward)));
		evidence.addAll(notes);
		probe.caveats().stream().filter(c -> c.contains("ICMP port-unreachable") || c.contains("no route") || c.contains("--public-address")
				|| c.contains("own firewall")).forEach(c -> evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, c)));
		probe.nat().ifPresent(nat -> {
			m.put(BuiltInChecks.LOCAL_ADDRESS, nat.localAddress());
			m.put(BuiltInChecks.MAPPED_ADDRESS, nat.mappedAddress());
			m.put(BuiltInChecks.NAT_MAPPING, nat.mapping().name());
			if (nat.behindNat()) {
				evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, natStatement(nat)));
			}
		});
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

	/** The NAT in plain words, with what it means for softphone-to-softphone media (RFC 4787 mapping). */
	static String natStatement(NatObservation nat) {
		String seen = "This client is behind NAT: " + nat.localAddress() + " is seen by the server as " + nat.mappedAddress();
		return switch (nat.mapping()) {
		case ENDPOINT_INDEPENDENT -> seen + ". Its NAT keeps one public port per client port whatever the destination"
				+ " (endpoint-independent mapping): normal for calls, and other softphones can reach it without a relay.";
		case ADDRESS_PORT_DEPENDENT -> seen + ". Its NAT gives each destination a new public port (address/port-dependent,"
				+ " \"symmetric\"): calls through the PBX work, but softphone-to-softphone media needs a TURN relay.";
		default -> seen + ". NAT is normal for softphones and by itself no cause.";
		};
	}

	private static String blockedSummary(DirectionResult d) {
		List<String> blocked = new ArrayList<>();
		for (PortRun r : d.runs()) {
			if (!CheckSupport.open(r.outcome())) {
				blocked.add(r.ports() + " " + r.outcome().name().toLowerCase().replace('_', ' '));
			}
		}
		boolean all = d.runs().stream().noneMatch(r -> CheckSupport.open(r.outcome()));
		return (all ? "no port passes: " : "only part passes; blocked: ") + String.join(", ", blocked);
	}
}
