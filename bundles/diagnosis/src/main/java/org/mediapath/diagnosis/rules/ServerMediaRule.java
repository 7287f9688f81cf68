package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * The client-to-server media direction: SERVER_UDP_BLOCKED, PARTIAL_RANGE_BLOCKED and VPN_DROPS_UDP
 * in one rule, because they read the same runs and exclude each other: silence through a VPN that
 * carries the signalling is the VPN's doing, not the server firewall's.
 */
public final class ServerMediaRule implements CauseRule {

	@Override
	public List<Cause> evaluate(Findings f) {
		if (!f.is(BuiltInChecks.SERVER_UDP, CheckStatus.FAIL)) {
			return iceFailedWithoutSweep(f);
		}
		Runs all = Runs.of(f, BuiltInChecks.SERVER_UDP);
		// ports this machine's own firewall would not send to are the client's side (ClientMediaRule)
		Runs runs = new Runs(all.all().stream().filter(r -> r.outcome() != PortOutcome.BLOCKED_LOCALLY).toList());
		if (runs.isEmpty() || runs.blocked().isEmpty()) {
			return List.of();
		}
		if (!runs.with(PortOutcome.UNREACHABLE).isEmpty() && runs.blocked().size() == runs.with(PortOutcome.UNREACHABLE).size()) {
			return unrouted(f, runs);
		}
		boolean cooperative = f.bool(BuiltInChecks.SERVER_UDP, BuiltInChecks.COOPERATIVE).orElse(false);
		String address = RuleSupport.serverAddress(f);
		String range = f.string(BuiltInChecks.SERVER_UDP, BuiltInChecks.PORTS).orElse(f.request().serverPorts().toString());
		int tcp = f.request().signallingPort();
		String tcpNote = RuleSupport.signallingPasses(f) ? "; TCP " + tcp + " already passes" : "";
		List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.SERVER_UDP));
		if (RuleSupport.signallingPasses(f)) {
			evidence.add(new Evidence(BuiltInChecks.SIGNALLING, "TCP " + tcp + " to " + address + " connects"));
		}
		if (runs.anyRejected()) {
			evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "UDP " + Runs.ports(runs.all().stream()
					.filter(r -> r.outcome() == PortOutcome.REJECTED).toList())
					+ " rejected: an ICMP error came back (administratively prohibited, or port-unreachable from ports the"
					+ " responder holds), so a filter refuses the packets"));
		}
		if (!cooperative) {
			evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Without a responder silence means open or filtered;"
					+ " run again with --responder to confirm"));
		}
		if (!runs.allBlocked()) {
			List<Runs.Run> blocked = runs.blocked();
			List<Runs.Run> open = runs.open();
			evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "Passing: " + Runs.ports(open) + "; not passing: "
					+ Runs.ports(blocked)));
			return List.of(new Cause(CauseIds.PARTIAL_RANGE_BLOCKED, cooperative ? 0.9 : 0.6, evidence,
					new Remediation(Side.SERVER, "Allow inbound UDP " + Runs.ports(blocked) + " to " + address
							+ " on the firewall in front of the server, or forward them on the NAT edge when the PBX sits"
							+ " behind one (the whole media range " + range + " must pass); UDP " + Runs.ports(open)
							+ " already passes" + tcpNote)));
		}
		// Every port is blocked. A full ICE exchange that connected nevertheless proves that a real
		// call's media finds its way (e.g. through another address), so the sweep alone is no cause.
		if (RuleSupport.iceConnected(f)) {
			return List.of();
		}
		// An ICMP error from the far side crossed the tunnel: it carries UDP, so the block is the server's
		if (RuleSupport.viaVpn(f).orElse(false) && RuleSupport.signallingPasses(f) && !runs.anyRejected()) {
			String vpn = RuleSupport.vpnName(f);
			evidence.add(new Evidence(BuiltInChecks.ROUTE, "The route to " + address + " leaves through " + vpn
					+ ", which carries the TCP signalling"));
			return List.of(new Cause(CauseIds.VPN_DROPS_UDP, cooperative ? 0.85 : 0.6, evidence, new Remediation(
					Side.CLIENT, "Configure " + vpn + " to carry UDP to " + address + " ports " + range
							+ " (and back to the client's UDP " + f.request().clientPorts()
							+ "), or route the server outside the tunnel; TCP " + tcp + " through the tunnel already works")));
		}
		if (RuleSupport.viaVpn(f).orElse(false) && runs.anyRejected()) {
			evidence.add(new Evidence(BuiltInChecks.ROUTE, "The route to " + address + " leaves through "
					+ RuleSupport.vpnName(f) + ", and the filter's ICMP errors came back through it: the tunnel carries UDP,"
					+ " the block is on the server's side"));
		}
		double confidence = !cooperative ? 0.6 : runs.anyRejected() ? 0.95 : 0.9;
		return List.of(new Cause(CauseIds.SERVER_UDP_BLOCKED, confidence, evidence, new Remediation(Side.SERVER,
				"Allow inbound UDP " + range + " to " + address + " on the firewall in front of the server" + tcpNote)));
	}

	/** Every blocked port met a router that has no route to the media address: routing, not a firewall. */
	private static List<Cause> unrouted(Findings f, Runs runs) {
		String address = RuleSupport.serverAddress(f);
		List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.SERVER_UDP));
		evidence.add(new Evidence(BuiltInChecks.SERVER_UDP, "UDP " + Runs.ports(runs.with(PortOutcome.UNREACHABLE)) + " to "
				+ address + ": no route to " + address + " (this client's routing table has none, or a router on the way"
				+ " answered that it has none)"));
		return List.of(new Cause(CauseIds.SERVER_ADDRESS_UNROUTED, 0.9, evidence, new Remediation(Side.NETWORK,
				"Route the client's network to the server's media address " + address + " (on this client, or on the router"
						+ " that answered 'unreachable'), or make the PBX announce an address the clients can reach")));
	}

	/**
	 * A full ICE exchange failed and the sweep, which would say which ports, gave no result (it
	 * errored or timed out): the call would stay silent, so the report must still name the likely
	 * cause, with the lower confidence of a guess from one observation.
	 */
	private static List<Cause> iceFailedWithoutSweep(Findings f) {
		if (!f.is(BuiltInChecks.ICE, CheckStatus.FAIL)
				|| f.result(BuiltInChecks.SERVER_UDP).map(r -> r.status().isConclusive()).orElse(false)) {
			return List.of();
		}
		String address = RuleSupport.serverAddress(f);
		String range = f.request().serverPorts().toString();
		List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.ICE));
		f.result(BuiltInChecks.SERVER_UDP).ifPresent(r -> evidence.add(new Evidence(BuiltInChecks.SERVER_UDP,
				"The port sweep gave no result (" + r.status() + ": " + r.summary() + "); run again to see which ports pass")));
		if (RuleSupport.viaVpn(f).orElse(false) && RuleSupport.signallingPasses(f)) {
			String vpn = RuleSupport.vpnName(f);
			evidence.add(new Evidence(BuiltInChecks.ROUTE, "The route to " + address + " leaves through " + vpn));
			return List.of(new Cause(CauseIds.VPN_DROPS_UDP, 0.5, evidence, new Remediation(Side.CLIENT, "Configure " + vpn
					+ " to carry UDP to " + address + " ports " + range + ", or route the server outside the tunnel")));
		}
		return List.of(new Cause(CauseIds.SERVER_UDP_BLOCKED, 0.5, evidence, new Remediation(Side.SERVER,
				"Allow inbound UDP " + range + " to " + address + " on the firewall in front of the server"
						+ (RuleSupport.signallingPasses(f) ? "; TCP " + f.request().signallingPort() + " already passes" : ""))));
	}

	/** A VPN that loses UDP also loses the server's checks to the client and the peer's media. */
	@Override
	public Set<String> explains(String causeId) {
		return causeId.equals(CauseIds.VPN_DROPS_UDP) ? Set.of(CauseIds.CLIENT_UDP_BLOCKED, CauseIds.PEER_TO_PEER_UNROUTED)
				: causeId.equals(CauseIds.SERVER_ADDRESS_UNROUTED) ? Set.of(CauseIds.SERVER_UDP_BLOCKED, CauseIds.PARTIAL_RANGE_BLOCKED)
				: Set.of();
	}
}
