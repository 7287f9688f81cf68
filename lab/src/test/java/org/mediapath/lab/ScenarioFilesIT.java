package org.mediapath.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

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
		for (Path f : files) {
			Scenario s = Scenario.load(f);
			assertTrue(s.namespaces().contains(s.diagnoseNamespace()), s.name());
			if (s.expectCause() != null) {
				causes.add(s.expectCause());
				assertEquals(1, s.expectExit(), s.name() + ": a cause means exit 1");
			} else {
				healthy |= s.expectExit() == 0;
			}
		}
		assertTrue(healthy, "a healthy scenario (verdict OK, exit 0)");
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
	void stdoutMustHoldExactlyOneJsonDocument() {
		String doc = "{\n  \"verdict\": \"OK\", \"s\": \"a } in a string\"\n}\n";
		assertEquals("OK", Verdict.parse(doc).get("verdict").getAsString());
		assertThrows(AssertionError.class, () -> Verdict.parse(doc + "WARNING: something at shutdown\n"));
		assertThrows(AssertionError.class, () -> Verdict.parse(doc + doc));
	}
}
