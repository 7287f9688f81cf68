package org.mediapath.diagnosis.rules;

import java.util.List;
import java.util.Set;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;

/** SIGNALLING_BLOCKED: the TCP signalling port cannot be reached, so no call even rings. */
public final class SignallingRule implements CauseRule {

	@Override
	public List<Cause> evaluate(Findings f) {
		if (!f.is(BuiltInChecks.SIGNALLING, CheckStatus.FAIL)) {
			return List.of();
		}
		int port = f.request().signallingPort();
		String address = RuleSupport.serverAddress(f);
		String outcome = f.string(BuiltInChecks.SIGNALLING, BuiltInChecks.OUTCOME).orElse("FILTERED");
		Remediation remediation = switch (outcome) {
		case "REFUSED" -> new Remediation(Side.SERVER, "The server " + address + " answers but nothing listens on TCP "
				+ port + ", or a firewall rejects it: start the PBX service or correct the signalling port"
				+ " (--signalling-port); if the PBX does listen there, allow inbound TCP " + port
				+ " on the server's firewall");
		case "UNREACHABLE" -> new Remediation(Side.NETWORK, "There is no route from this client to " + address
				+ ": fix the routing (or connect the VPN) so that TCP " + port + " reaches the server");
		case "REJECTED" -> new Remediation(Side.SERVER, "A firewall rejects TCP " + port + " to " + address
				+ " with an ICMP error (administratively prohibited): allow inbound TCP " + port
				+ " on the firewall in front of the server (if the server itself is down, start it)");
		case "BLOCKED_LOCALLY" -> new Remediation(Side.CLIENT, "This client's own firewall refuses outbound TCP " + port
				+ " to " + address + ": allow it in the client's firewall (Windows Defender Firewall: an outbound rule"
				+ " for the softphone or the browser)");
		case "NAME_NOT_RESOLVED" -> new Remediation(Side.NETWORK, "The name " + f.request().server()
				+ " does not resolve on this client: correct the DNS entry or use the server's address");
		default -> new Remediation(Side.SERVER, "Allow inbound TCP " + port + " to " + address
				+ " on the firewall in front of the server (and outbound TCP " + port + " on the client's firewall)");
		};
		double confidence = outcome.equals("FILTERED") ? 0.85 : 0.95;
		return List.of(new Cause(CauseIds.SIGNALLING_BLOCKED, confidence, RuleSupport.evidenceOf(f, BuiltInChecks.SIGNALLING),
				remediation));
	}

	/** Without signalling no call reaches the media stage: media findings are its consequences, not separate faults. */
	@Override
	public Set<String> explains(String causeId) {
		return Set.of(CauseIds.SERVER_UDP_BLOCKED, CauseIds.PARTIAL_RANGE_BLOCKED, CauseIds.CLIENT_UDP_BLOCKED,
				CauseIds.VPN_DROPS_UDP, CauseIds.PEER_TO_PEER_UNROUTED);
	}
}
