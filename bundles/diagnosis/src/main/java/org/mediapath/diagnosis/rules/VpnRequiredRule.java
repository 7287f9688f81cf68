package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;

/**
 * VPN_REQUIRED_NOT_CONNECTED (article cause 4): policy says the server is reached through the VPN,
 * and the route does not use one. A policy breach alone is not a cause: when signalling and a full
 * ICE exchange both work, a real call would connect, so the route check's WARN is enough.
 */
public final class VpnRequiredRule implements CauseRule {

	@Override
	public List<Cause> evaluate(Findings f) {
		List<String> statements = RuleSupport.routeFindings(f, CauseIds.VPN_REQUIRED_NOT_CONNECTED);
		boolean policyBreached = !statements.isEmpty() || (f.request().requireVpn()
				&& RuleSupport.viaVpn(f).map(v -> !v).orElse(false));
		if (!policyBreached) {
			return List.of();
		}
		if (RuleSupport.signallingPasses(f) && RuleSupport.iceConnected(f)) {
			return List.of();
		}
		List<Evidence> evidence = new ArrayList<>();
		for (String s : statements) {
			evidence.add(new Evidence(BuiltInChecks.ROUTE, s));
		}
		if (statements.isEmpty()) {
			evidence.addAll(RuleSupport.evidenceOf(f, BuiltInChecks.ROUTE));
		}
		String iface = f.string(BuiltInChecks.ROUTE, BuiltInChecks.INTERFACE).orElse("a non-VPN interface");
		if (f.is(BuiltInChecks.SIGNALLING, CheckStatus.FAIL)) {
			evidence.add(new Evidence(BuiltInChecks.SIGNALLING, "and TCP " + f.request().signallingPort()
					+ " to the server fails, as expected without the VPN"));
		}
		String address = RuleSupport.serverAddress(f);
		return List.of(new Cause(CauseIds.VPN_REQUIRED_NOT_CONNECTED, 0.9, evidence, new Remediation(Side.CLIENT,
				"Connect the VPN before starting the softphone: the server " + address
						+ " is only reachable through it, and the route currently leaves through " + iface)));
	}

	/** A VPN that is down explains everything that needs the server's network. */
	@Override
	public Set<String> explains(String causeId) {
		return Set.of(CauseIds.SIGNALLING_BLOCKED, CauseIds.SERVER_ADDRESS_UNROUTED, CauseIds.SERVER_UDP_BLOCKED,
				CauseIds.PARTIAL_RANGE_BLOCKED, CauseIds.PEER_TO_PEER_UNROUTED);
	}
}
