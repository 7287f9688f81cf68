package org.mediapath.diagnosis.checks;

import java.util.Optional;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A full ICE exchange with the responder's agent, as the softphone runs it after "Accept": the
 * closest thing to a real call. It runs after the UDP sweep, which visits every server port by
 * default: the sweep's first checks then meet the hosts' full ICMP error burst (ICE's own checks
 * would spend it, and a filter's reject would read as silence), and the two never compete for ports.
 */
@Component(service = DiagnosticCheck.class, configurationPid = ChecksSettings.PID,
		property = { DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=45000",
				CheckOrdering.REQUIRES + "=" + BuiltInChecks.SIGNALLING,
				CheckOrdering.AFTER + "=" + BuiltInChecks.SERVER_UDP })
@CheckComponent(id = BuiltInChecks.ICE, title = IceCheck.TITLE)
public class IceCheck extends ProbeCheck {

	static final String TITLE = "Full ICE exchange with the server";

	@Activate
	public IceCheck(ChecksConfig config) {
		this(ChecksSettings.from(config), null);
	}

	IceCheck(ChecksSettings settings, PortProbeService probes) {
		super(BuiltInChecks.ICE, TITLE, settings, probes);
	}

	@Override
	CheckResult run(CheckContext context, PortProbeService service, long start) {
		if (context.request().responder().isEmpty() || context.request().secretReference().isEmpty()) {
			return CheckSupport.skipped(BuiltInChecks.ICE, TITLE, "needs a responder (--responder and --secret-file): "
					+ "a full ICE exchange, as the softphone runs it after Accept, needs an ICE agent on the server side", start);
		}
		HostAndPort responder = context.request().responder().get();
		Optional<String> futile = futile(context);
		if (futile.isPresent()) {
			return CheckSupport.skipped(BuiltInChecks.ICE, TITLE, futile.get(), start);
		}
		context.progress(0, "ICE exchange with the responder at " + responder);
		try {
			return IceChecks.result(BuiltInChecks.ICE, TITLE, "server " + context.request().server(), responder,
					IceChecks.probe(service, responder, context.request().secretReference().get(),
							context.request().responderFingerprint(),
							context.request().clientPorts(), context.request().serverPorts(), settings), start);
		} catch (IllegalArgumentException e) {
			throw e;
		} catch (RuntimeException e) {
			return CheckResult.inconclusive(BuiltInChecks.ICE, TITLE, CheckStatus.ERROR, "the responder at " + responder
					+ " could not take part: " + CheckSupport.message(e), CheckSupport.since(start));
		}
	}

	/**
	 * The sweep before it already proved that no check can cross: every server port of the media
	 * address blocked on the way, or none of the server's checks back along the client's own path
	 * arriving. ICE between the same addresses and ranges would only wait for its own failure (1.5 s
	 * and more), which proves nothing more; the verdict rests on the sweep's evidence.
	 */
	private static Optional<String> futile(CheckContext context) {
		Optional<UdpRangeProbe> sweep = context.shared(CheckSupport.SHARED_UDP_PROBE, UdpRangeProbe.class)
				.filter(UdpRangeProbe::cooperative);
		if (sweep.isEmpty()) {
			return Optional.empty();
		}
		for (DirectionResult d : sweep.get().directions()) {
			boolean judged = !d.runs().isEmpty() && d.runs().stream().anyMatch(r -> r.outcome() != PortOutcome.IN_USE);
			boolean noneCrossed = d.runs().stream().noneMatch(r -> r.outcome() == PortOutcome.PASS);
			if (judged && noneCrossed) {
				return Optional.of("not run: the sweep already proved that no check crosses "
						+ (d.direction() == Direction.CLIENT_TO_SERVER ? "from this client to the server's media ports"
								: "from the server back to this client's media ports")
						+ ", so a full ICE exchange between them cannot connect");
			}
		}
		return Optional.empty();
	}
}
