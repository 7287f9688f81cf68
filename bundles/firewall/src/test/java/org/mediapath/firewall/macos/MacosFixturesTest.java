package org.mediapath.firewall.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.firewall.Fixtures.analyse;
import static org.mediapath.firewall.Fixtures.ask;
import static org.mediapath.firewall.Fixtures.at;
import static org.mediapath.firewall.Fixtures.verdict;

import org.junit.jupiter.api.Test;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.PortSet;

/** pf's last-match-unless-quick and the application firewall's per-app verdicts. */
class MacosFixturesTest {

	@Test
	void pfQuickDecidesAtOnceLastMatchOtherwise() {
		String ruleset = """
				block drop in quick proto udp from any to any port 50000:50999
				pass in proto udp from any to any port 49152:65535 keep state
				block drop in proto udp from any to any port 60000 >< 60010
				""";
		FirewallAnswer answer = org.mediapath.firewall.Fixtures.ANALYSER.analysePasted(ruleset,
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "49152-65535", "198.18.1.1", null, null));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 50500));
		assertTrue(at(answer, 50500).reason().contains("'quick'"), at(answer, 50500).reason());
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 51000));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 60000), "'><' excludes its ends");
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 60005));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 60010));
	}

	@Test
	void pfAQuickRuleOnAnInterfaceIsUndecidedAndAnchorsAreNamed() {
		FirewallAnswer answer = analyse("macos/pfctl-sr-quick.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "49152-65535", "198.18.1.1", null, null));
		assertEquals(FirewallVerdict.UNKNOWN, verdict(answer, 50000));
		assertTrue(at(answer, 50000).rule().startsWith("pf rule 1"), at(answer, 50000).rule());
		assertTrue(answer.warnings().stream().anyMatch(w -> w.contains("com.apple/*")), answer.warnings().toString());
	}

	@Test
	void pfPortOperators() {
		assertEquals("5060", PfRuleset.port("= 5060").toString());
		assertEquals("1001-1999", PfRuleset.port("1000 >< 2000").toString());
		assertEquals("0-999,2001-65535", PfRuleset.port("1000 <> 2000").toString());
		assertEquals(PortSet.of(0, 1023).toString(), PfRuleset.port("< 1024").toString());
		assertNull(PfRuleset.port("www"));
	}

	@Test
	void theApplicationFirewallNamesTheBlockedApp() {
		FirewallAnswer blocked = analyse("macos/socketfilterfw-listapps.txt", ask(TrafficDirection.INBOUND,
				TransportProtocol.UDP, "49152-65535", null, "/Applications/XPhone Softphone.app", null));
		assertEquals(1, blocked.runs().size());
		assertEquals(FirewallVerdict.BLOCKED, blocked.runs().get(0).verdict());
		assertEquals("macOS application firewall: /Applications/XPhone Softphone.app blocked", blocked.runs().get(0).rule());
		FirewallAnswer unnamed = analyse("macos/socketfilterfw-listapps.txt",
				ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "49152-65535", null, null, null));
		assertEquals(FirewallVerdict.UNKNOWN, unnamed.runs().get(0).verdict());
		assertTrue(unnamed.runs().get(0).reason().contains("XPhone Softphone.app"));
		FirewallAnswer zoom = analyse("macos/socketfilterfw-listapps.txt", ask(TrafficDirection.INBOUND,
				TransportProtocol.UDP, "8801", null, "/Applications/Zoom.app", null));
		assertEquals(FirewallVerdict.ALLOWED, zoom.runs().get(0).verdict());
	}
}
