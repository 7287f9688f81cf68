package org.mediapath.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The scenario files are well formed, cover every cause id, and never name an address outside 198.18.0.0/15. Needs no root. */
class ScenarioFilesIT {

	private static final Path SCENARIOS = Path.of(System.getProperty("mediapath.lab.scenarios", "scenarios"));

	@Test
	void everyScenarioFileParsesAndEveryCauseHasOne() throws Exception {
		List<Path> files = Scenario.files(SCENARIOS);
		assertFalse(files.isEmpty(), "no scenario in " + SCENARIOS);
		Set<String> causes = new HashSet<>();
		boolean healthy = false;
		boolean inconclusive = false;
		for (Path f : files) {
			Scenario s = Scenario.load(f);
			assertTrue(s.namespaces().contains(s.diagnoseNamespace()), s.name());
			causes.addAll(s.expect().causes());
			healthy |= s.expect().healthy();
			inconclusive |= s.expect().verdicts().equals(List.of("INCONCLUSIVE"));
		}
		assertTrue(healthy, "a healthy scenario (verdict OK, exit 0)");
		assertTrue(inconclusive, "a scenario where nothing can be proven (verdict INCONCLUSIVE, exit 3)");
		assertEquals(Set.of("SERVER_UDP_BLOCKED", "CLIENT_UDP_BLOCKED", "VPN_DROPS_UDP", "SERVER_ADDRESS_UNROUTED",
				"PEER_TO_PEER_UNROUTED", "VPN_REQUIRED_NOT_CONNECTED", "SIGNALLING_BLOCKED", "PARTIAL_RANGE_BLOCKED"), causes,
				"every cause id of DESIGN.md has a scenario");
	}

	@Test
	void anAddressOutsideTheBenchmarkingRangeIsRefused() throws Exception {
		Properties p = new Properties();
		p.load(new StringReader("""
				namespaces = client server
				link.1 = client/c0/198.18.1.1/24 server/s0/198.18.1.2/24
				route.1 = client 10.0.0.0/8 via 198.18.1.2
				diagnose = client --server 198.18.1.2 --json
				expect.exit = 0
				expect.verdict = OK
				"""));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", p));
		assertTrue(e.getMessage().contains("10.0.0.0"), e.getMessage());
	}

	@Test
	void nftRulesBecomeOneTableInTheNamespace() {
		String rules = ScenarioRun.ruleset(Map.of("input", "udp dport 30000-30099 drop; tcp dport 2230 drop"));
		assertTrue(rules.startsWith("table ip mplab {"), rules);
		assertTrue(rules.contains("type filter hook input priority 0; policy accept;"), rules);
		assertTrue(rules.contains("\t\tudp dport 30000-30099 drop\n\t\ttcp dport 2230 drop\n"), rules);
	}

	@Test
	void natRulesGoInNatChainsAtTheStandardPriorities() {
		String rules = ScenarioRun.ruleset(new TreeMap<>(Map.of("prerouting", "iifname \"e0\" udp dport 31000-31199 dnat to 198.18.37.2",
				"postrouting", "oifname \"w0\" masquerade", "forward", "ct state established,related accept; iifname \"w0\" drop")));
		assertTrue(rules.contains("chain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n"
				+ "\t\tiifname \"e0\" udp dport 31000-31199 dnat to 198.18.37.2\n"), rules);
		assertTrue(rules.contains("chain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n"
				+ "\t\toifname \"w0\" masquerade\n"), rules);
		assertTrue(rules.contains("type filter hook forward priority 0; policy accept;\n\t\tct state established,related accept\n"), rules);
	}

	@Test
	void expectationsFollowTheContract() {
		Scenario.Expectation e = Scenario.expectation(props("expect.verdict = INCONCLUSIVE\nexpect.exit = 3\nexpect.report.1 = responder\n"));
		assertEquals(List.of("INCONCLUSIVE"), e.verdicts());
		assertEquals(List.of(3), e.exits());
		assertEquals(List.of("responder"), e.report());

		// "never OK": any other verdict, the exit codes follow
		e = Scenario.expectation(props("expect.not.verdict = OK\nexpect.cause = SERVER_UDP_BLOCKED\nexpect.not.cause = CLIENT_UDP_BLOCKED\n"));
		assertEquals(List.of("FAILED", "INCONCLUSIVE"), e.verdicts());
		assertEquals(List.of(1, 3), e.exits());
		assertEquals(List.of("CLIENT_UDP_BLOCKED"), e.notCauses());

		assertRefused("expect.exit", "expect.verdict = INCONCLUSIVE\nexpect.exit = 1\n");
		assertRefused("expect.verdict", "expect.verdict = MAYBE\nexpect.exit = 1\n");
		assertRefused("expect.cause", "expect.verdict = FAILED\nexpect.exit = 1\n");
		assertRefused("expect.cause", "expect.verdict = INCONCLUSIVE\nexpect.cause = SERVER_UDP_BLOCKED\n");
		assertRefused("expect.verdict", "expect.exit = 0\n");
		assertRefused("expect.not.cause", "expect.verdict = FAILED\nexpect.cause = A_CAUSE\nexpect.not.cause = A_CAUSE\n");
		assertRefused("expect.side", "expect.verdict = OK\nexpect.side = CLIENT\n");
		assertRefused("expect.remediation", "expect.verdict = INCONCLUSIVE\nexpect.remediation.1 = firewall\n");
		e = Scenario.expectation(props("expect.verdict = FAILED\nexpect.cause = CLIENT_UDP_BLOCKED\nexpect.side = CLIENT\n"
				+ "expect.remediation.1 = outbound\n"));
		assertEquals("CLIENT", e.side());
		assertEquals(List.of("outbound"), e.remediation());
	}

	@Test
	void aDelayedTunnelAndAStoppedResponderAreData() {
		Properties p = props("""
				namespaces = client near far server
				link.1 = near/n1/198.18.50.1/30 far/f1/198.18.50.2/30
				tunnel.1 = near/tun1/198.19.50.1/30 198.18.50.1 far/tun1/198.19.50.2/30 198.18.50.2 7300 delay 200
				responder.server = server --bind 198.18.52.2 --udp-ports 30000-30099 --control-port 2231
				stop = responder.server
				diagnose = client --server 198.18.52.2 --json
				expect.verdict = INCONCLUSIVE
				""");
		Scenario s = Scenario.parse("delayed", p);
		assertEquals(200, s.tunnels().get(0).delayMillis());
		assertEquals(7301, s.tunnels().get(0).relayPort());
		assertTrue(s.responders().get(0).stopped());

		p.setProperty("stop", "responder.peer");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", p));
		assertTrue(e.getMessage().contains("responder.peer"), e.getMessage());
		p.remove("stop");
		p.setProperty("tunnel.1", "near/tun1/198.19.50.1/30 198.18.50.1 far/tun1/198.19.50.2/30 198.18.50.2 7300 delay 9000");
		e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", p));
		assertTrue(e.getMessage().contains("delay"), e.getMessage());
	}

	@Test
	void aBrowserScenarioRunsOncePerBrowserAndAsksTheSameResponderForTheResults() {
		Properties p = props("""
				namespaces = client server admin
				link.1 = client/c0/198.18.120.1/24 server/s0/198.18.120.2/24
				responder.server = server --bind 198.18.120.2 --udp-ports 30000-30099 --control-port 2231 --web-port 8088
				console = admin
				console.diagnose = --server 198.18.120.2 --responder 198.18.120.2:2231 --json
				invite = --responder 198.18.120.2:2231 --secret-file ${secret} --responder-fingerprint ${fingerprint.server} \\
				  --server-ports 30000-30099 --require-vpn --vpn-ranges 198.19.0.0/24 --json
				browser = client chromium firefox
				expect.verdict = OK
				expect.run.1 = 198.18.120.1
				""");
		Scenario s = Scenario.parse("browser", p);
		assertEquals("client", s.diagnoseNamespace());
		assertEquals(List.of("198.18.120.1"), s.expect().run());
		List<Scenario> variants = s.variants();
		assertEquals(List.of("browser (chromium)", "browser (firefox)"), variants.stream().map(Scenario::toString).toList());
		assertEquals("firefox", variants.get(1).browser().onlyBrowser());
		assertEquals("browser", variants.get(1).name(), "a variant keeps the file's name (-Dmediapath.lab.scenario selects it)");
		// results asks about the PBX the invitation came from (responder, secret, pin, ports), nothing of the invitation
		assertEquals(List.of("--responder", "198.18.120.2:2231", "--secret-file", "${secret}", "--responder-fingerprint",
				"${fingerprint.server}", "--server-ports", "30000-30099"), s.browser().connection());

		Properties bug = new Properties();
		bug.putAll(p);
		bug.setProperty("known.bug.firefox", "Firefox gives no requestsSent");
		List<Scenario> withBug = Scenario.parse("browser", bug).variants();
		assertEquals(null, withBug.get(0).knownBug(), "a bug in one browser leaves the other's test alone");
		assertEquals("Firefox gives no requestsSent", withBug.get(1).knownBug());
		bug.setProperty("browser", "client chromium");
		IllegalArgumentException notRun = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", bug));
		assertTrue(notRun.getMessage().startsWith("known.bug.firefox"), notRun.getMessage());

		assertBrowserRefused(p, "browser", "client chromium safari", "safari");
		assertBrowserRefused(p, "browser", "client", "browser");
		assertBrowserRefused(p, "console", "client", "console");
		assertBrowserRefused(p, "invite", "--responder 198.18.120.2:2231", "--json");
		assertBrowserRefused(p, "invite", "--server-ports 30000-30099 --json", "--pbx");
		assertBrowserRefused(p, "diagnose", "client --server 198.18.120.2 --json", "diagnose");
		assertBrowserRefused(p, "invite", "--responder 198.18.120.2:2231 --responder-fingerprint ${fingerprint.peer} --json",
				"fingerprint.peer");
		assertBrowserRefused(p, "invite", "--responder 10.0.0.1:2231 --json", "10.0.0.1");

		// the browser keys mean nothing without a browser
		Properties plain = props("""
				namespaces = client server
				diagnose = client --server 198.18.1.2 --json
				expect.verdict = OK
				expect.run.1 = 198.18.1.1
				""");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("plain", plain));
		assertTrue(e.getMessage().startsWith("expect.run"), e.getMessage());
	}

	private static void assertBrowserRefused(Properties good, String key, String value, String named) {
		Properties p = new Properties();
		p.putAll(good);
		p.setProperty(key, value);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("bad", p), key + " = " + value);
		assertTrue(e.getMessage().contains(named), key + " = " + value + ": the message should name '" + named + "': " + e.getMessage());
	}

	private static Properties props(String text) {
		Properties p = new Properties();
		try {
			p.load(new StringReader(text));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return p;
	}

	private static void assertRefused(String key, String text) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.expectation(props(text)));
		assertTrue(e.getMessage().startsWith(key), key + " should be named: " + e.getMessage());
	}

	@Test
	void stdoutMustHoldExactlyOneJsonDocument() {
		String doc = "{\n  \"verdict\": \"OK\", \"s\": \"a } in a string\"\n}\n";
		assertEquals("OK", Verdict.parse(doc).get("verdict").getAsString());
		assertThrows(AssertionError.class, () -> Verdict.parse(doc + "WARNING: something at shutdown\n"));
		assertThrows(AssertionError.class, () -> Verdict.parse(doc + doc));
	}
}
