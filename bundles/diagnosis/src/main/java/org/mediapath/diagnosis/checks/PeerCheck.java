package org.mediapath.diagnosis.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Softphone-to-softphone media: a full ICE exchange with a responder on the other client, both
 * sides on the client media range. A peer whose responder cannot be reached at all is a result
 * (FAIL), not an error: that is exactly what an unrouted peer looks like. It runs beside the server's ICE
 * check and the UDP sweep: each ICE agent binds the first free client port outside the sweep's sample.
 */
@Component(service = DiagnosticCheck.class, configurationPid = ChecksSettings.PID,
		property = { DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=45000",
				CheckOrdering.REQUIRES + "=" + BuiltInChecks.SIGNALLING })
@CheckComponent(id = BuiltInChecks.PEER, title = PeerCheck.TITLE)
public class PeerCheck extends ProbeCheck {

	static final String TITLE = "Softphone-to-softphone media";

	@Activate
	public PeerCheck(ChecksConfig config) {
		this(ChecksSettings.from(config), null);
	}

	PeerCheck(ChecksSettings settings, PortProbeService probes) {
		super(BuiltInChecks.PEER, TITLE, settings, probes);
	}

	@Override
	Optional<String> notApplicable(CheckContext context) {
		return context.request().peer().isEmpty()
				? Optional.of("no --peer given: softphone-to-softphone media was not checked")
				: Optional.empty();
	}

	@Override
	CheckResult run(CheckContext context, PortProbeService service, long start) {
		if (context.request().secretReference().isEmpty()) {
			return CheckSupport.skipped(BuiltInChecks.PEER, TITLE, "needs --secret-file: the peer's responder only answers authenticated probes", start);
		}
		HostAndPort peer = context.request().peer().get();
		context.progress(0, "ICE exchange with the peer at " + peer);
		try {
			return IceChecks.result(BuiltInChecks.PEER, TITLE, "peer " + peer.host(), peer, IceChecks.probe(service, peer,
					context.request().secretReference().get(), context.request().peerFingerprint(), context.request().clientPorts(),
					context.request().clientPorts(), settings), start);
		} catch (IllegalArgumentException e) {
			throw e;
		} catch (RuntimeException e) {
			if (!CheckSupport.unreachable(e)) {
				String why = CheckSupport.message(e);
				return CheckResult.inconclusive(BuiltInChecks.PEER, TITLE, CheckStatus.ERROR, why.toLowerCase().contains(
						"connection refused") ? "the peer " + peer.host() + " is reachable, but no responder runs on " + peer
								+ " (connection refused)" : "the peer's responder at " + peer + " refused the probe: " + why,
						CheckSupport.since(start));
			}
			String summary = "peer " + peer.host() + ": its responder at " + peer + " cannot be reached from this client ("
					+ CheckSupport.message(e) + ")";
			Map<String, Object> m = new LinkedHashMap<>();
			m.put(BuiltInChecks.TARGET, peer.toString());
			m.put(BuiltInChecks.ADDRESS, peer.host());
			m.put(BuiltInChecks.OUTCOME, "UNREACHABLE");
			return new CheckResult(BuiltInChecks.PEER, TITLE, CheckStatus.FAIL, summary, m,
					List.of(new Evidence(BuiltInChecks.PEER, summary)), CheckSupport.since(start));
		}
	}
}
