package org.mediapath.diagnosis.checks;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.check.CheckContext;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortRun;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/** What the built-in checks share: port runs as measurements, missing-service results, timing. */
final class CheckSupport {

	/** The key under which the server-udp check leaves its raw probe for the client-udp check. */
	static final String SHARED_UDP_PROBE = "udp-range-probe";

	static final String NO_PROBE_SERVICE = "no PortProbeService is registered: install and start the probe bundle "
			+ "(org.mediapath.probe) to run this check";
	static final String NO_ROUTE_SERVICE = "no RouteInspectionService is registered: install and start the route bundle "
			+ "(org.mediapath.route) to check VPN policy and the routes to the server's addresses";

	private CheckSupport() {
	}

	static CheckResult skipped(String id, String title, String reason, long startNanos) {
		return CheckResult.inconclusive(id, title, CheckStatus.SKIPPED, reason, since(startNanos));
	}

	static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	static List<Map<String, Object>> runs(List<PortRun> runs) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (PortRun run : runs) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put(BuiltInChecks.RUN_PORTS, run.ports().toString());
			m.put(BuiltInChecks.RUN_OUTCOME, run.outcome().name());
			m.put(BuiltInChecks.RUN_PROBED, run.probed());
			out.add(m);
		}
		return out;
	}

	static boolean open(PortOutcome o) {
		return o == PortOutcome.PASS || o == PortOutcome.IN_USE;
	}

	/** @return e.g. "30000-30999 pass, 31000-33000 silent" */
	static String describe(DirectionResult d) {
		List<String> parts = new ArrayList<>();
		for (PortRun r : d.runs()) {
			parts.add(r.ports() + " " + r.outcome().name().toLowerCase().replace('_', ' '));
		}
		return String.join(", ", parts);
	}

	/** @return the server address the signalling check resolved, if it ran, else the name as typed */
	static String serverAddress(CheckContext context) {
		return context.resultOf(BuiltInChecks.SIGNALLING)
				.map(r -> r.measurements().get(BuiltInChecks.ADDRESS))
				.filter(String.class::isInstance).map(String.class::cast)
				.orElse(context.request().server());
	}

	/** @return whether the exception says the far end could not be reached at all (not: refused our secret) */
	static boolean unreachable(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (String.valueOf(t.getMessage()).contains("responder refused (")) {
				return false; // it answered on its control channel: reachable, it said no (range, secret, busy)
			}
		}
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (String.valueOf(t.getMessage()).toLowerCase().contains("connection refused")) {
				return false; // a TCP reset came back: the host is reachable, its responder is not running
			}
		}
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof NoRouteToHostException
					|| t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
				return true;
			}
		}
		String message = String.valueOf(e.getMessage()).toLowerCase();
		return message.contains("timed out") || message.contains("unreachable")
				|| message.contains("no route");
	}

	static String message(Throwable e) {
		String m = e.getMessage();
		return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
	}
}
