package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;

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
 * PEER_TO_PEER_UNROUTED (article cause 3): this client cannot reach the other softphone's media
 * ports, though it reaches the server.
 */
public final class PeerRule implements CauseRule {

	@Override
	public List<Cause> evaluate(Findings f) {
		if (!f.is(BuiltInChecks.PEER, CheckStatus.FAIL) || f.request().peer().isEmpty()) {
			return List.of();
		}
		String peer = f.string(BuiltInChecks.PEER, BuiltInChecks.ADDRESS).orElse(f.request().peer().get().host());
		List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.PEER));
		if (RuleSupport.signallingPasses(f)) {
			evidence.add(new Evidence(BuiltInChecks.SIGNALLING, "This client reaches the server (TCP "
					+ f.request().signallingPort() + " connects)"));
		}
		String vpnNote = RuleSupport.viaVpn(f).orElse(false) ? " (through the VPN: allow client-to-client traffic in "
				+ RuleSupport.vpnName(f) + ")" : "";
		return List.of(new Cause(CauseIds.PEER_TO_PEER_UNROUTED, 0.8, evidence, new Remediation(Side.NETWORK,
				"Route UDP " + f.request().clientPorts() + " both ways between this client and " + peer + vpnNote
						+ ", and allow it inbound in both clients' firewalls; softphone-to-softphone media does not pass the server")));
	}
}
