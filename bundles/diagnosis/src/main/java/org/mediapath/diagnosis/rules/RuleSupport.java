package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.Findings;

/** Small shared readings of the findings, so each rule states its logic and not its plumbing. */
final class RuleSupport {

	private RuleSupport() {
	}

	/** @return the server address the probes used, else the name the administrator typed */
	static String serverAddress(Findings f) {
		return f.string(BuiltInChecks.SERVER_UDP, BuiltInChecks.ADDRESS)
				.or(() -> f.string(BuiltInChecks.SIGNALLING, BuiltInChecks.ADDRESS))
				.or(() -> f.string(BuiltInChecks.ROUTE, BuiltInChecks.ADDRESS))
				.orElse(f.request().server());
	}

	/** @return whether TCP signalling was seen to work (a real call at least rings) */
	static boolean signallingPasses(Findings f) {
		return f.is(BuiltInChecks.SIGNALLING, CheckStatus.PASS) || f.is(BuiltInChecks.SIGNALLING, CheckStatus.WARN);
	}

	/** @return whether a full ICE exchange connected: the strongest proof that a call's media flows */
	static boolean iceConnected(Findings f) {
		return f.is(BuiltInChecks.ICE, CheckStatus.PASS);
	}

	private static final Pattern CANDIDATE_PORT = Pattern.compile(":(\\d{1,5})/");

	/** @return the client port of the pair ICE connected on ("198.18.1.2:50000/udp host"), when it connected */
	static OptionalInt iceClientPort(Findings f) {
		if (!iceConnected(f)) {
			return OptionalInt.empty();
		}
		Optional<String> local = f.string(BuiltInChecks.ICE, BuiltInChecks.SELECTED).map(s -> s.split(" -> ")[0]);
		if (local.isEmpty()) {
			local = f.maps(BuiltInChecks.ICE, BuiltInChecks.PAIRS).stream().filter(p -> "SUCCEEDED".equals(p.get("state")))
					.map(p -> String.valueOf(p.get("local"))).findFirst();
		}
		Matcher port = CANDIDATE_PORT.matcher(local.orElse(""));
		return port.find() ? OptionalInt.of(Integer.parseInt(port.group(1))) : OptionalInt.empty();
	}

	/** @return the route check's VPN verdict, when it ran and judged */
	static Optional<Boolean> viaVpn(Findings f) {
		return f.result(BuiltInChecks.ROUTE).filter(r -> r.status().isConclusive())
				.flatMap(r -> f.bool(BuiltInChecks.ROUTE, BuiltInChecks.VIA_VPN));
	}

	static String vpnName(Findings f) {
		String product = f.string(BuiltInChecks.ROUTE, BuiltInChecks.VPN_PRODUCT).orElse("");
		String iface = f.string(BuiltInChecks.ROUTE, BuiltInChecks.INTERFACE).orElse("");
		if (!product.isEmpty() && !iface.isEmpty()) {
			return product + " (" + iface + ")";
		}
		return !product.isEmpty() ? product : !iface.isEmpty() ? iface : "the VPN";
	}

	/** @return the check's summary followed by its own evidence lines, as evidence */
	static List<Evidence> evidenceOf(Findings f, String checkId) {
		List<Evidence> out = new ArrayList<>();
		f.result(checkId).ifPresent(r -> {
			out.add(new Evidence(checkId, r.summary()));
			for (Evidence e : r.evidence()) {
				if (!e.statement().equals(r.summary())) {
					out.add(e);
				}
			}
		});
		return out;
	}

	/** @return the findings of the route check that name the cause id with FAIL severity */
	static List<String> routeFindings(Findings f, String causeId) {
		List<String> out = new ArrayList<>();
		if (f.result(BuiltInChecks.ROUTE).map(CheckResult::status).filter(CheckStatus::isConclusive).isEmpty()) {
			return out;
		}
		f.maps(BuiltInChecks.ROUTE, BuiltInChecks.FINDINGS).forEach(m -> {
			if (causeId.equals(m.get(BuiltInChecks.FINDING_CAUSE)) && "FAIL".equals(m.get(BuiltInChecks.FINDING_SEVERITY))
					&& m.get(BuiltInChecks.FINDING_STATEMENT) instanceof String s) {
				out.add(s);
			}
		});
		return out;
	}
}
