package org.mediapath.firewall.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.firewall.Fixtures.analyse;
import static org.mediapath.firewall.Fixtures.at;
import static org.mediapath.firewall.Fixtures.inbound;
import static org.mediapath.firewall.Fixtures.verdict;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.firewall.Fixtures;

/** The Linux fixtures: nft (text with handles, JSON) and iptables-save, judged for a PBX's ports. */
class NetfilterFixturesTest {

	@ParameterizedTest
	@ValueSource(strings = { "linux/nft-media-gap-handles.txt", "linux/nft-media-gap.json" })
	void anAcceptThatStopsShortLeavesTheRestToThePolicy(String fixture) {
		FirewallAnswer answer = analyse(fixture, inbound(TransportProtocol.UDP, "30000-33000"));
		assertEquals(2, answer.runs().size(), answer.toString());
		PortVerdictRun allowed = answer.runs().get(0);
		assertEquals(new PortRange(30000, 30999), allowed.ports());
		assertEquals(FirewallVerdict.ALLOWED, allowed.verdict());
		assertTrue(allowed.rule().startsWith("table inet filter, chain input, handle 12: udp dport 10000-30999"),
				allowed.rule());
		PortVerdictRun blocked = answer.runs().get(1);
		assertEquals(new PortRange(31000, 33000), blocked.ports());
		assertEquals(FirewallVerdict.BLOCKED, blocked.verdict());
		assertEquals("table inet filter, chain input, policy drop", blocked.rule());
		assertTrue(blocked.reason().contains("its accept rules cover UDP 10000-30999"), blocked.reason());
		assertEquals(List.of(new PortRange(31000, 33000)), answer.uncovered());
	}

	@ParameterizedTest
	@ValueSource(strings = { "linux/nft-media-gap-handles.txt", "linux/nft-media-gap.json" })
	void aSetOfPeersDecidesSignallingByTheRemoteAddress(String fixture) {
		FirewallAnswer peer = analyse(fixture, Fixtures.ask(TrafficDirection.INBOUND, TransportProtocol.TCP, "2230",
				"198.18.20.7", null, null));
		assertEquals(FirewallVerdict.ALLOWED, verdict(peer, 2230));
		assertTrue(at(peer, 2230).rule().contains("handle 11"), at(peer, 2230).rule());
		FirewallAnswer stranger = analyse(fixture, Fixtures.ask(TrafficDirection.INBOUND, TransportProtocol.TCP, "2230",
				"198.18.40.1", null, null));
		assertEquals(FirewallVerdict.BLOCKED, verdict(stranger, 2230));
		FirewallAnswer unknown = analyse(fixture, inbound(TransportProtocol.TCP, "2230"));
		assertEquals(FirewallVerdict.UNKNOWN, verdict(unknown, 2230));
		assertTrue(at(unknown, 2230).reason().contains("ip saddr @sip_peers"), at(unknown, 2230).reason());
	}

	@Test
	void outboundPassesTheOutputPolicy() {
		FirewallAnswer answer = analyse("linux/nft-media-gap-handles.txt",
				Fixtures.ask(TrafficDirection.OUTBOUND, TransportProtocol.UDP, "49152-65535", null, null, null));
		assertEquals(1, answer.runs().size());
		assertEquals(FirewallVerdict.ALLOWED, answer.runs().get(0).verdict());
		assertEquals("table inet filter, chain output, policy accept", answer.runs().get(0).rule());
	}

	@Test
	void iptablesSaveWithUserChainsRejectAndTheLegacyWarning() {
		FirewallAnswer answer = analyse("linux/iptables-save-legacy-warning.txt",
				inbound(TransportProtocol.UDP, "30000-33000"));
		assertEquals(List.of("iptables-save"), answer.formats());
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 30999));
		assertTrue(at(answer, 30999).rule().contains("rule 5: -p udp -m multiport --dports 5060,10000:30999 -j ACCEPT"));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 31050));
		assertEquals("table filter, chain INPUT, policy drop", at(answer, 31050).rule(), "LOG does not end the chain");
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 32500));
		assertTrue(at(answer, 32500).rule().contains("rule 7") && at(answer, 32500).reason().startsWith("rejected"));
		assertTrue(answer.warnings().stream().anyMatch(w -> w.contains("iptables-legacy tables present")),
				answer.warnings().toString());
		assertEquals(List.of(new PortRange(31000, 33000)), answer.uncovered());
	}

	@Test
	void iptablesUserChainReturnsToItsCaller() {
		FirewallAnswer peer = analyse("linux/iptables-save-legacy-warning.txt", Fixtures.ask(TrafficDirection.INBOUND,
				TransportProtocol.TCP, "2230", "198.18.30.5", null, null));
		assertEquals(FirewallVerdict.ALLOWED, verdict(peer, 2230));
		assertTrue(at(peer, 2230).rule().contains("chain SIP-PEERS, rule 2"), at(peer, 2230).rule());
		FirewallAnswer other = analyse("linux/iptables-save-legacy-warning.txt", Fixtures.ask(TrafficDirection.INBOUND,
				TransportProtocol.TCP, "2230", "198.18.30.6", null, null));
		assertEquals(FirewallVerdict.BLOCKED, verdict(other, 2230));
		assertEquals("table filter, chain INPUT, policy drop", at(other, 2230).rule());
	}
}
