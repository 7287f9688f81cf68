package org.mediapath.diagnosis.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.TcpOutcome;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * TCP connects to the signalling port: the precondition of everything else (a call that does not
 * ring never reaches the media stage).
 */
@Component(service = DiagnosticCheck.class, configurationPid = ChecksSettings.PID,
		property = DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=15000")
@CheckComponent(id = BuiltInChecks.SIGNALLING, title = SignallingCheck.TITLE)
@Designate(ocd = ChecksConfig.class)
public class SignallingCheck extends ProbeCheck {

	static final String TITLE = "TCP signalling";

	@Activate
	public SignallingCheck(ChecksConfig config) {
		this(ChecksSettings.from(config), null);
	}

	SignallingCheck(ChecksSettings settings, PortProbeService probes) {
		super(BuiltInChecks.SIGNALLING, TITLE, settings, probes);
	}

	@Override
	CheckResult run(CheckContext context, PortProbeService service, long start) {
		HostAndPort target = new HostAndPort(context.request().server(), context.request().signallingPort());
		context.progress(0, "connecting to TCP " + target);
		SignallingProbe probe = service.probeSignalling(target, settings.signallingTimeout(), settings.signallingAttempts());
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.ADDRESS, probe.address().orElse(context.request().server()));
		m.put(BuiltInChecks.PORTS, Integer.toString(target.port()));
		m.put(BuiltInChecks.OUTCOME, probe.outcome().name());
		m.put("attempts", probe.attempts());
		m.put("connected", probe.connectTimes().size());
		m.put("connectMillis", probe.connectTimes().stream().map(d -> d.toNanos() / 1_000_000.0).toList());
		String where = "TCP " + target.port() + " on " + probe.address().map(a -> a.equals(target.host()) ? a : target.host() + " (" + a + ")").orElse(target.host());
		String summary = switch (probe.outcome()) {
		case OPEN -> where + " connects (" + probe.connectTimes().size() + " of " + probe.attempts() + " attempts)";
		case REFUSED -> where + " refused (TCP reset): nothing listens on the port, or a firewall rejects it";
		case FILTERED -> where + " does not answer: something drops the packets (" + probe.attempts() + " attempts)";
		case UNREACHABLE -> where + " unreachable: no route to the network (ICMP network unreachable)";
		case REJECTED -> where + " rejected with an ICMP error (\"no route to host\"): a firewall rejects it"
				+ " (administratively prohibited), or the host is down";
		case BLOCKED_LOCALLY -> where + ": this machine's own firewall refuses to send the connection (outbound)";
		case NAME_NOT_RESOLVED -> "the name " + target.host() + " does not resolve";
		};
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(new Evidence(BuiltInChecks.SIGNALLING, summary));
		if (!probe.detail().isBlank() && !probe.detail().equals(summary)) {
			evidence.add(new Evidence(BuiltInChecks.SIGNALLING, probe.detail()));
		}
		CheckStatus status = probe.outcome() == TcpOutcome.OPEN ? CheckStatus.PASS : CheckStatus.FAIL;
		return new CheckResult(BuiltInChecks.SIGNALLING, TITLE, status, summary, m, evidence, CheckSupport.since(start));
	}
}
