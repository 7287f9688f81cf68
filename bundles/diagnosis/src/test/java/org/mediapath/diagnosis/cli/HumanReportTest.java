package org.mediapath.diagnosis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.diagnosis.Fixtures;
import org.mediapath.diagnosis.rules.BuiltInRules;
import org.mediapath.diagnosis.rules.CauseRanking;
import org.mediapath.diagnosis.rules.Verdicts;

/** The readable report: verdict first, causes in plain words with the fix, then evidence, then checks. */
class HumanReportTest {

	static String render(Fixtures f) {
		var causes = CauseRanking.evaluate(BuiltInRules.all(), f.findings(), x -> {
		});
		var decision = Verdicts.decide(f.findings(), causes, java.util.Optional.empty());
		DiagnosticReport report = new DiagnosticReport("r-1", f.requestValue(), Instant.parse("2026-11-27T22:00:00Z"),
				Duration.ofMillis(1500), decision.verdict(), causes, f.results(), decision.unproven());
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		HumanReport.print(report, new PrintStream(buffer, true, StandardCharsets.UTF_8));
		return buffer.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aVpnThatIsDownReadsAsOneStoryInOrder() {
		String text = render(Fixtures.scenario().requireVpn().signalling("UNREACHABLE").route(false, "eth0", CheckStatus.FAIL,
				CauseIds.VPN_REQUIRED_NOT_CONNECTED + "|FAIL|policy requires the VPN for 198.18.2.10, but the route leaves through eth0")
				.skipped("server-udp", "skipped: TCP signalling failed (unreachable), so a real call never reaches this stage"));
		List<String> lines = text.lines().toList();
		assertEquals("FAILED: 2 causes found for 198.18.2.10, most likely first.", lines.get(0));
		int vpn = text.indexOf("1. The VPN is not connected");
		int signalling = text.indexOf("2. The server's signalling port cannot be reached");
		int checks = text.indexOf("Checks:");
		assertTrue(vpn > 0 && signalling > vpn && checks > signalling, text);
		assertTrue(text.contains("   Fix (client side): Connect the VPN before starting the softphone"), text);
		assertTrue(text.contains("     - policy requires the VPN for 198.18.2.10, but the route leaves through eth0  (route)"), text);
		assertTrue(text.contains("  SKIPPED  server-udp"), text);
		assertTrue(text.contains("Without a responder"), text);
		assertTrue(text.strip().endsWith("took 1500 ms."), text);
	}

	@Test
	void warningsAreShownAsWorthKnowingNotAsCauses() {
		String text = render(Fixtures.scenario().signalling("OPEN").serverUdp(false, CheckStatus.WARN, "30000-33000:SILENT"));
		assertTrue(text.startsWith("INCONCLUSIVE: no cause proven for 198.18.2.10"), "silence without a responder is no OK: " + text);
		assertTrue(text.contains("Worth knowing (would not stop a call's media by itself):"), text);
	}
}
