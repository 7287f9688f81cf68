package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * SERVER_ADDRESS_UNROUTED (article cause 2b): the server has addresses the client has no route to.
 * Seen by the route analysis, or by a full ICE exchange that failed while the UDP sweep to the
 * signalling address passed (the media candidates are elsewhere).
 */
public final class ServerAddressRule implements CauseRule {

	@Override
	public List<Cause> evaluate(Findings f) {
		List<String> statements = RuleSupport.routeFindings(f, CauseIds.SERVER_ADDRESS_UNROUTED);
		if (!statements.isEmpty()) {
			if (RuleSupport.iceConnected(f)) {
				return List.of(); // a call's media found a routed address: worth a WARN, not a cause
			}
			List<Evidence> evidence = new ArrayList<>();
			statements.forEach(s -> evidence.add(new Evidence(BuiltInChecks.ROUTE, s)));
			List<String> addresses = f.strings(BuiltInChecks.ROUTE, BuiltInChecks.SERVER_ADDRESSES);
			if (!addresses.isEmpty()) {
				evidence.add(new Evidence(BuiltInChecks.ROUTE, "The server's addresses: " + String.join(", ", addresses)));
			}
			return List.of(new Cause(CauseIds.SERVER_ADDRESS_UNROUTED, 0.85, evidence, new Remediation(Side.NETWORK,
					"Route the client's network to every server address media may use (" + String.join("; ", statements)
							+ "), or make the PBX offer only an address the clients can reach")));
		}
		// A failed ICE exchange beside a passing sweep points at other media addresses, unless the server's
		// checks do not reach this client at all: then the client's own inbound block explains the failure.
		if (f.is(BuiltInChecks.ICE, CheckStatus.FAIL) && f.is(BuiltInChecks.SERVER_UDP, CheckStatus.PASS)
				&& !f.is(BuiltInChecks.CLIENT_UDP, CheckStatus.FAIL)) {
			List<String> remotes = new ArrayList<>();
			for (Map<?, ?> pair : f.maps(BuiltInChecks.ICE, BuiltInChecks.PAIRS)) {
				if (pair.get("remote") instanceof String r && !remotes.contains(r)) {
					remotes.add(r);
				}
			}
			List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.ICE));
			evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Yet UDP " + f.request().serverPorts() + " to "
					+ RuleSupport.serverAddress(f) + " passes"));
			return List.of(new Cause(CauseIds.SERVER_ADDRESS_UNROUTED, 0.5, evidence, new Remediation(Side.NETWORK,
					"The ICE candidates the server offers (" + (remotes.isEmpty() ? "see the ICE check" : String.join(", ", remotes))
							+ ") are not reachable from this client though " + RuleSupport.serverAddress(f)
							+ " is: route them, or configure the PBX's media address to " + RuleSupport.serverAddress(f))));
		}
		return List.of();
	}

	/** Media that goes to an unrouted address is silent on every port. */
	@Override
	public Set<String> explains(String causeId) {
		return Set.of(CauseIds.SERVER_UDP_BLOCKED, CauseIds.PARTIAL_RANGE_BLOCKED, CauseIds.VPN_DROPS_UDP);
	}
}
