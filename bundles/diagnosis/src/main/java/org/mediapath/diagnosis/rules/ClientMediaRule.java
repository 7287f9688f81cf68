package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.mediapath.api.probe.PortOutcome;
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
 * CLIENT_UDP_BLOCKED (article cause 1, client side): the server's checks never reach the client's
 * media ports while the client's reach the server. Only meaningful when client-to-server passes:
 * if that is blocked too, the silence on the way back says nothing about the client's firewall.
 */
public final class ClientMediaRule implements CauseRule {

	/**
	 * This machine's own firewall refused to send checks to the server's media ports (the send failed
	 * with EPERM): the client's side, outbound, proven on this machine itself.
	 */
	private static List<Cause> outbound(Findings f) {
		Runs forth = Runs.of(f, BuiltInChecks.SERVER_UDP);
		List<Runs.Run> local = forth.with(PortOutcome.BLOCKED_LOCALLY);
		if (local.isEmpty()) {
			return List.of();
		}
		String address = RuleSupport.serverAddress(f);
		List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.SERVER_UDP));
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Sending to UDP " + Runs.ports(local) + " of " + address
				+ " failed on this machine itself (Operation not permitted): its own firewall refuses outbound UDP there"));
		return List.of(new Cause(CauseIds.CLIENT_UDP_BLOCKED, 0.95, evidence, new Remediation(Side.CLIENT,
				"Allow outbound UDP to " + address + " ports " + Runs.ports(local) + " in this client's own firewall"
						+ " (Windows Defender Firewall: an outbound rule for the softphone or the browser; Linux: the output"
						+ " chain of nft/iptables)")));
	}

	@Override
	public List<Cause> evaluate(Findings f) {
		List<Cause> outbound = outbound(f);
		if (!outbound.isEmpty()) {
			return outbound;
		}
		if (!f.is(BuiltInChecks.CLIENT_UDP, CheckStatus.FAIL)) {
			return List.of();
		}
		Runs back = Runs.of(f, BuiltInChecks.CLIENT_UDP);
		back = new Runs(back.all()); // solicited: a SILENT port got its triggered check dropped on the client's side
		Runs forth = Runs.of(f, BuiltInChecks.SERVER_UDP);
		if (back.blocked().isEmpty() || forth.open().isEmpty()) {
			return List.of();
		}
		// ICE connected although unsolicited checks are dropped: a stateful firewall lets the server's
		// checks in once the client's own went out, and calls connect. That holds only if ICE ran from a
		// port where unsolicited checks are dropped; from a port they reach, it says nothing about the
		// blocked ports, where a softphone's randomly chosen port lands too.
		OptionalInt icePort = RuleSupport.iceClientPort(f);
		boolean iceFromReachedPort = icePort.isPresent() && back.open().stream().anyMatch(r -> r.contains(icePort.getAsInt()));
		if (RuleSupport.iceConnected(f) && !iceFromReachedPort) {
			return List.of();
		}
		String address = RuleSupport.serverAddress(f);
		String clientRange = f.string(BuiltInChecks.CLIENT_UDP, BuiltInChecks.PORTS).orElse(f.request().clientPorts().toString());
		List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.CLIENT_UDP));
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Client to server passes on UDP " + Runs.ports(forth.open())
				+ " of " + address));
		String ports = back.allBlocked() ? clientRange : Runs.ports(back.blocked());
		if (!back.allBlocked()) {
			evidence.add(new Evidence(BuiltInChecks.CLIENT_UDP, "Reaching the client: " + Runs.ports(back.open())
					+ "; not reaching it: " + Runs.ports(back.blocked())));
		}
		if (iceFromReachedPort) {
			evidence.add(new Evidence(BuiltInChecks.ICE, "ICE connected from client port " + icePort.getAsInt()
					+ ", which the server's checks reach; a call whose softphone picks a port in " + ports
					+ " stays silent"));
		}
		evidence.add(new Evidence(BuiltInChecks.CLIENT_UDP, "The server's checks went back along the path the client's own"
				+ " checks came (as ICE's triggered checks do), so a NAT or a stateful firewall that passes replies would"
				+ " have let them in: the client's side drops them"));
		return List.of(new Cause(CauseIds.CLIENT_UDP_BLOCKED, back.allBlocked() ? 0.85 : iceFromReachedPort ? 0.6 : 0.7, evidence, new Remediation(
				Side.CLIENT, "Allow inbound UDP " + ports + " from " + address + " (UDP " + f.request().serverPorts()
						+ ") in the client's own firewall (Windows Defender Firewall: an inbound rule for the softphone)"
						+ "; client to server already passes")));
	}
}
