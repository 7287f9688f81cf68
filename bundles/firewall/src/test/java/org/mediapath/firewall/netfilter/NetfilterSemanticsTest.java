package org.mediapath.firewall.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.firewall.Fixtures.at;
import static org.mediapath.firewall.Fixtures.inbound;
import static org.mediapath.firewall.Fixtures.verdict;

import org.junit.jupiter.api.Test;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.Fixtures;

/**
 * Netfilter's rules of traversal, each on the smallest ruleset that shows it (the kernel-oracle test
 * checks the same against the kernel on random rulesets).
 */
class NetfilterSemanticsTest {

	private static FirewallAnswer nft(String ruleset, String ports) {
		return Fixtures.ANALYSER.analysePasted(ruleset, inbound(TransportProtocol.UDP, ports));
	}

	@Test
	void anAcceptEndsOnlyItsOwnBaseChainAndADropIsFinal() {
		FirewallAnswer answer = nft("""
				table inet early {
					chain in { type filter hook input priority -10; policy accept;
						udp dport 30000-33000 accept
					}
				}
				table inet late {
					chain in { type filter hook input priority 10; policy drop;
						udp dport 30000-31000 accept
					}
				}
				""", "30000-33000");
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 30500));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 32000));
		assertEquals("table inet late, chain in, policy drop", at(answer, 32000).rule());
	}

	@Test
	void priorityDecidesTheOrderNotThePasteOrder() {
		FirewallAnswer answer = nft("""
				table ip second {
					chain in { type filter hook input priority filter + 5; policy accept;
						udp dport 30000 accept
					}
				}
				table ip first {
					chain in { type filter hook input priority raw; policy accept;
						udp dport 30000 drop
					}
				}
				""", "30000");
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 30000));
		assertTrue(at(answer, 30000).rule().startsWith("table ip first"), at(answer, 30000).rule());
	}

	@Test
	void jumpReturnsGotoDoesNot() {
		String ruleset = """
				table inet f {
					chain media {
						udp dport 30000 accept
					}
					chain in { type filter hook input priority 0; policy drop;
						udp dport 30000-30001 %s media
						udp dport 30001 accept
					}
				}
				""";
		FirewallAnswer jump = nft(ruleset.formatted("jump"), "30000-30001");
		assertEquals(FirewallVerdict.ALLOWED, verdict(jump, 30000));
		assertEquals(FirewallVerdict.ALLOWED, verdict(jump, 30001), "a jump returns to the next rule");
		FirewallAnswer goTo = nft(ruleset.formatted("goto"), "30000-30001");
		assertEquals(FirewallVerdict.ALLOWED, verdict(goTo, 30000));
		assertEquals(FirewallVerdict.BLOCKED, verdict(goTo, 30001), "a goto does not come back: the policy decides");
	}

	@Test
	void establishedRelatedPassesRepliesOnlyNotNewMedia() {
		FirewallAnswer answer = nft("""
				table inet f {
					chain in { type filter hook input priority 0; policy drop;
						ct state established,related accept
					}
				}
				""", "30000-33000");
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 31000));
	}

	@Test
	void namedAndAnonymousSetsAndComparisons() {
		FirewallAnswer answer = nft("""
				table inet f {
					set media { type inet_service; flags interval; elements = { 30000-30499, 31000 } }
					chain in { type filter hook input priority 0; policy drop;
						udp dport @media accept
						udp dport { 32000, 32500-32599 } accept
						udp dport >= 33000 accept
					}
				}
				""", "30000-33000");
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 30499));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 30500));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 31000));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 32550));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 32999));
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 33000));
	}

	@Test
	void aConditionTheQuestionDoesNotFixGivesUnknownNamingIt() {
		FirewallAnswer answer = nft("""
				table inet f {
					chain in { type filter hook input priority 0; policy drop;
						iifname "wg0" udp dport 30000-33000 accept
					}
				}
				""", "30000-33000");
		assertEquals(FirewallVerdict.UNKNOWN, verdict(answer, 30000));
		assertTrue(at(answer, 30000).reason().contains("iifname \"wg0\""), at(answer, 30000).reason());
	}

	@Test
	void aPasteCutOffInsideAChainSaysSo() {
		FirewallAnswer answer = nft("""
				table inet f {
					chain in { type filter hook input priority 0; policy accept;
						udp dport 30000 drop
				""", "30000-30001");
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 30000));
		assertTrue(answer.warnings().stream().anyMatch(w -> w.contains("ends inside chain in")), answer.warnings().toString());
	}

	@Test
	void aVerdictMapIsNeverTakenForNoRule() {
		FirewallAnswer answer = nft("""
				table inet f {
					chain in { type filter hook input priority 0; policy accept;
						udp dport vmap { 30000-31000 : drop, 31001-33000 : accept }
					}
				}
				""", "30000-33000");
		assertEquals(FirewallVerdict.UNKNOWN, verdict(answer, 30500));
		assertTrue(at(answer, 30500).reason().contains("vmap"), at(answer, 30500).reason());
	}
}
