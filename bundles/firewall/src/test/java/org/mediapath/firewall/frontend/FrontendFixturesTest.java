package org.mediapath.firewall.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.firewall.Fixtures.analyse;
import static org.mediapath.firewall.Fixtures.ask;
import static org.mediapath.firewall.Fixtures.at;
import static org.mediapath.firewall.Fixtures.verdict;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;

/** ufw and firewalld, the Linux front ends: their own order of rules, defaults and targets. */
class FrontendFixturesTest {

	@Test
	void ufwFirstMatchWinsThenTheDefault() {
		FirewallAnswer answer = analyse("linux/ufw-status-verbose.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000-33000", "198.18.1.1", null, null));
		assertEquals(List.of("ufw status verbose"), answer.formats());
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 31999));
		assertEquals("ufw rule 3: 30000:31999/udp ALLOW IN Anywhere", at(answer, 31999).rule());
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 32000));
		assertEquals("ufw Default: deny (incoming)", at(answer, 32000).rule());
	}

	@Test
	void ufwAnAllowBeforeADenyWinsForTheDeniedAddress() {
		FirewallAnswer answer = analyse("linux/ufw-status-verbose.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000-33000", "198.18.66.6", null, null));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 30000), "rule 3 comes before the DENY of rule 4");
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 32000));
		assertTrue(at(answer, 32000).rule().startsWith("ufw rule 4"), at(answer, 32000).rule());
	}

	@Test
	void ufwIpv6RulesApplyToIpv6() {
		FirewallAnswer answer = analyse("linux/ufw-status-verbose.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "32000", "2001:db8::5", null, null));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 32000));
	}

	@Test
	void ufwOutboundDefaultAllows() {
		FirewallAnswer answer = analyse("linux/ufw-status-verbose.txt",
				ask(TrafficDirection.OUTBOUND, TransportProtocol.UDP, "30000-33000", null, null, null));
		assertEquals(FirewallVerdict.ALLOWED, answer.runs().get(0).verdict());
		assertEquals("ufw Default: allow (outgoing)", answer.runs().get(0).rule());
	}

	@Test
	void firewalldPortsRichRulesAndTheTrailingReject() {
		FirewallAnswer partner = analyse("linux/firewalld-list-all.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000-33001", "198.18.20.5", null, null));
		assertEquals(FirewallVerdict.ALLOWED, verdict(partner, 31999));
		assertEquals("firewalld zone public, port 30000-31999/udp", at(partner, 31999).rule());
		assertEquals(FirewallVerdict.ALLOWED, verdict(partner, 32500));
		assertTrue(at(partner, 32500).rule().contains("rich rule"), at(partner, 32500).rule());
		assertEquals(FirewallVerdict.BLOCKED, verdict(partner, 33001));
		assertTrue(at(partner, 33001).reason().contains("firewalld's trailing reject"), at(partner, 33001).reason());
		FirewallAnswer other = analyse("linux/firewalld-list-all.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "32500", "198.18.1.1", null, null));
		assertEquals(FirewallVerdict.BLOCKED, verdict(other, 32500));
		assertEquals("firewalld zone public, target default", at(other, 32500).rule());
	}

	@Test
	void firewalldDropRichRulesComeBeforeEveryAllow() {
		FirewallAnswer answer = analyse("linux/firewalld-list-all.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000", "198.18.66.6", null, null));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 30000));
		assertTrue(at(answer, 30000).rule().contains("source address=\"198.18.66.6\" drop"), at(answer, 30000).rule());
	}

	@Test
	void firewalldServicesByTheirPorts() {
		FirewallAnswer answer = analyse("linux/firewalld-list-all.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.TCP, "5060", "198.18.1.1", null, null));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 5060));
		assertEquals("firewalld zone public, service sip", at(answer, 5060).rule());
	}
}
