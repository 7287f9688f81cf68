package org.mediapath.firewall.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.firewall.Fixtures.ask;
import static org.mediapath.firewall.Fixtures.at;
import static org.mediapath.firewall.Fixtures.text;
import static org.mediapath.firewall.Fixtures.verdict;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.Fixtures;

/** The Windows fixtures: netsh in English and German (OEM 850), PowerShell JSON in its shapes, profiles. */
class WindowsFixturesTest {

	private static final String SOFTPHONE = "C:\\Program Files\\XPhone\\softphone.exe";

	private static FirewallAnswer analyse(String paste, FirewallQuestion question) {
		return Fixtures.ANALYSER.analysePasted(paste, question);
	}

	private static FirewallQuestion clientPorts(String program, String profile) {
		return ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "49152-65535", null, program, profile);
	}

	@ParameterizedTest
	@ValueSource(strings = { "windows/netsh-rules-verbose-english.txt", "windows/netsh-rules-verbose-german-cp850.txt" })
	void theCancelPromptsProgramScopedBlockBeatsTheAllow(String fixture) {
		FirewallAnswer answer = analyse(text(fixture), clientPorts(SOFTPHONE, "Public"));
		assertEquals(1, answer.runs().size(), answer.toString());
		PortVerdictRun run = answer.runs().get(0);
		assertEquals(FirewallVerdict.BLOCKED, run.verdict());
		assertEquals("Windows Defender Firewall rule 'softphone.exe'", run.rule());
		assertTrue(run.reason().contains("(block, inbound, UDP, Public profile, program " + SOFTPHONE + ")"), run.reason());
		assertTrue(run.reason().contains("an allow rule cannot override a block"), run.reason());
		assertTrue(run.reason().contains("'Cancel' on its security prompt"), run.reason());
	}

	@ParameterizedTest
	@ValueSource(strings = { "windows/netsh-rules-verbose-english.txt", "windows/netsh-rules-verbose-german-cp850.txt" })
	void onThePrivateProfileTheAllowDecidesAndDisabledAndDomainOnlyRulesDoNotCount(String fixture) {
		FirewallAnswer answer = analyse(text(fixture), clientPorts(SOFTPHONE, "Private"));
		assertEquals(1, answer.runs().size(), answer.toString());
		assertEquals(FirewallVerdict.ALLOWED, answer.runs().get(0).verdict());
		assertEquals("Windows Defender Firewall rule 'XPhone Softphone'", answer.runs().get(0).rule());
	}

	@Test
	void theDomainOnlyBlockCountsOnTheDomainProfile() {
		FirewallAnswer answer = analyse(text("windows/netsh-rules-verbose-english.txt"), clientPorts(SOFTPHONE, "Domain"));
		assertEquals(FirewallVerdict.BLOCKED, verdict(answer, 50500));
		assertEquals("Windows Defender Firewall rule 'Office media block'", at(answer, 50500).rule());
		assertEquals(FirewallVerdict.ALLOWED, verdict(answer, 49152));
	}

	@Test
	void theCurrentProfileFromThePasteDecidesTheProfileAndEveryProgramIsBlocked() {
		String paste = text("windows/netsh-rules-verbose-english.txt") + text("windows/netsh-currentprofile-public.txt");
		FirewallAnswer answer = analyse(paste, clientPorts(null, null));
		assertEquals(List.of("netsh advfirewall firewall show rule name=all verbose", "netsh advfirewall show currentprofile"),
				answer.formats());
		assertEquals(1, answer.runs().size(), answer.toString());
		assertEquals(FirewallVerdict.BLOCKED, answer.runs().get(0).verdict());
		assertEquals("Windows Defender Firewall rule 'softphone.exe'", answer.runs().get(0).rule());
	}

	@Test
	void germanCurrentProfileInOem850() {
		String paste = text("windows/netsh-rules-verbose-german-cp850.txt")
				+ text("windows/netsh-currentprofile-german-cp850.txt");
		assertTrue(paste.contains("Öffentlich"), "OEM 850 decoded");
		FirewallAnswer answer = analyse(paste, clientPorts(SOFTPHONE, null));
		assertEquals(FirewallVerdict.BLOCKED, answer.runs().get(0).verdict(), answer.toString());
	}

	@Test
	void withoutTheProfileTheAnswerSaysItDependsOnIt() {
		FirewallAnswer answer = analyse(text("windows/netsh-rules-verbose-english.txt"), clientPorts(SOFTPHONE, null));
		assertEquals(FirewallVerdict.UNKNOWN, verdict(answer, 49152));
		assertTrue(at(answer, 49152).reason().startsWith("depends on the active profile"), at(answer, 49152).reason());
	}

	@Test
	void blockInboundAlwaysBlocksEvenAllowedApps() {
		String paste = text("windows/netsh-rules-verbose-english.txt")
				+ text("windows/netsh-allprofiles-blockinboundalways.txt");
		FirewallAnswer answer = analyse(paste, clientPorts(SOFTPHONE, "Public"));
		assertEquals(FirewallVerdict.BLOCKED, answer.runs().get(0).verdict());
		assertTrue(answer.runs().get(0).reason().contains("BlockInboundAlways"), answer.runs().get(0).reason());
		FirewallAnswer priv = analyse(paste, clientPorts(SOFTPHONE, "Private"));
		assertEquals(FirewallVerdict.ALLOWED, priv.runs().get(0).verdict());
		assertTrue(priv.warnings().stream().anyMatch(w -> w.contains("GPO-store only")), priv.warnings().toString());
	}

	@Test
	void anUnknownLanguageIsRefusedNotGuessed() {
		FirewallAnswer answer = analyse(text("windows/netsh-rules-french.txt"), clientPorts(null, null));
		assertEquals(List.of(), answer.formats());
		assertEquals(FirewallVerdict.UNKNOWN, answer.runs().get(0).verdict());
		assertTrue(answer.warnings().stream().anyMatch(w -> w.contains("language mediapath does not read")
				&& w.contains("Nom de la règle")), answer.warnings().toString());
	}

	@Test
	void powerShellShapesPortListsAndAddresses() {
		String json = text("windows/powershell-rules-joined.json");
		FirewallAnswer partner = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "40000-40020",
				"198.18.5.9", "C:\\Windows\\other.exe", "Private"));
		assertEquals(FirewallVerdict.ALLOWED, verdict(partner, 40000));
		assertEquals("Windows Defender Firewall rule 'Partner media from the PBX'", at(partner, 40000).rule());
		assertEquals(FirewallVerdict.BLOCKED, verdict(partner, 40005));
		assertEquals(FirewallVerdict.ALLOWED, verdict(partner, 40015));
		FirewallAnswer stranger = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "40000",
				"198.18.6.9", "C:\\Windows\\other.exe", "Private"));
		assertEquals(FirewallVerdict.BLOCKED, verdict(stranger, 40000));
		FirewallAnswer softphone = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "49152-65535",
				null, SOFTPHONE, "Public"));
		assertEquals(FirewallVerdict.BLOCKED, softphone.runs().get(0).verdict(), "%ProgramFiles% expands; case is ignored");
		assertEquals("Windows Defender Firewall rule 'softphone.exe'", softphone.runs().get(0).rule());
		FirewallAnswer domain = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "49152-65535",
				null, "softphone.exe", "Domain"));
		assertEquals(FirewallVerdict.ALLOWED, domain.runs().get(0).verdict(), "the disabled block does not count");
	}

	@Test
	void aSingleBareRuleAndDepthTwoProfiles() {
		String json = text("windows/powershell-single-rule-and-profiles-depth2.json");
		FirewallAnswer domain = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000-33000", null,
				null, "Domain"));
		assertEquals(FirewallVerdict.BLOCKED, verdict(domain, 30000));
		assertTrue(at(domain, 30000).rule().contains("default inbound action block"), at(domain, 30000).rule());
		FirewallAnswer priv = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000-33000", null,
				null, "Private"));
		assertTrue(at(priv, 30000).reason().contains("BlockInboundAlways"), at(priv, 30000).reason());
		FirewallAnswer pub = analyse(json, ask(TrafficDirection.INBOUND, TransportProtocol.UDP, "30000-33000", null,
				null, "Public"));
		assertEquals(FirewallVerdict.ALLOWED, verdict(pub, 32000));
		assertEquals("Public profile: firewall off", at(pub, 32000).rule());
	}

	@Test
	void aNonVerboseListLowersConfidence() {
		String verbose = text("windows/netsh-rules-verbose-english.txt");
		String plain = String.join("\n", verbose.lines().filter(l -> !l.startsWith("Program:")
				&& !l.startsWith("InterfaceTypes:") && !l.startsWith("Security:") && !l.startsWith("Rule source:")).toList());
		FirewallAnswer answer = analyse(plain, clientPorts(SOFTPHONE, "Private"));
		assertTrue(answer.warnings().stream().anyMatch(w -> w.contains("not verbose")), answer.warnings().toString());
		assertEquals(FirewallVerdict.UNKNOWN, answer.runs().get(0).verdict(),
				"the rules may be scoped to programs: never 'no blocking rule'");
	}
}
