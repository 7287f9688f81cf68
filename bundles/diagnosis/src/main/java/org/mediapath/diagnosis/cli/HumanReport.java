package org.mediapath.diagnosis.cli;

import java.io.PrintStream;
import java.util.List;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.report.Verdict;

/**
 * The readable report: the verdict first, then each cause in plain words with its fix, then the
 * evidence, then every check. Technical detail comes last, for those who want it.
 */
final class HumanReport {

	private HumanReport() {
	}

	static void print(DiagnosticReport report, PrintStream out) {
		int n = report.causes().size();
		boolean browser = report.vantagePoint().map(v -> VantagePoint.USERS_BROWSER.equals(v.origin())).orElse(false);
		if (report.verdict() == Verdict.OK && browser) {
			out.println("OK: media between the user's browser and " + report.target() + " flows (the browser's own ICE"
					+ " connected on every port it tested); no cause found.");
		} else if (report.verdict() == Verdict.OK) {
			out.println("OK: a call's media to " + report.target() + " flows (proven end to end); no cause found.");
		} else if (report.verdict() == Verdict.INCONCLUSIVE) {
			out.println("INCONCLUSIVE: no cause proven for " + report.target() + ", and media was not proven to flow either.");
			out.println("   Not proven: " + report.unproven().orElse(""));
		} else {
			out.println("FAILED: " + n + (n == 1 ? " cause" : " causes") + " found for " + report.target()
					+ (n > 1 ? ", most likely first" : "") + ".");
		}
		report.vantagePoint().filter(v -> browser).ifPresent(v -> out.println("Run in the user's browser: " + v.hostName()
				+ " on " + v.operatingSystem() + ", seen by the PBX from " + String.join(", ", v.clientAddresses())
				+ "; judged by mediapath " + v.productVersion() + "."));
		report.vantagePoint().filter(v -> !browser).ifPresent(v -> out.println("Probed from " + v.hostName()
				+ (v.clientAddresses().isEmpty() ? "" : " (" + String.join(", ", v.clientAddresses()) + ")") + ", "
				+ v.operatingSystem() + ", mediapath " + v.productVersion() + ", " + v.origin() + "."));
		int i = 1;
		for (Cause cause : report.causes()) {
			out.println();
			out.println(i++ + ". " + CauseTexts.title(cause.id(), browser) + "  [" + cause.id() + ", "
					+ org.mediapath.api.report.ConfidenceLevel.of(cause.confidence()).words() + "]");
			out.println("   Fix (" + CauseTexts.side(cause.remediation().side()) + "): " + cause.remediation().action());
			out.println("   Evidence:");
			for (Evidence e : cause.evidence()) {
				out.println("     - " + e.statement() + "  (" + e.checkId() + ")");
			}
		}
		List<CheckResult> warnings = report.checks().stream().filter(c -> c.status() == CheckStatus.WARN).toList();
		if (!warnings.isEmpty()) {
			out.println();
			out.println("Worth knowing (would not stop a call's media by itself):");
			warnings.forEach(w -> out.println("  - " + w.summary() + "  (" + w.checkId() + ")"));
		}
		out.println();
		out.println("Checks:");
		int width = report.checks().stream().mapToInt(c -> c.title().length()).max().orElse(10);
		for (CheckResult c : report.checks()) {
			out.printf("  %-8s %-" + width + "s  %s  (%d ms)%n", c.status(), c.title(), c.summary(), c.duration().toMillis());
		}
		if (report.request().responder().isEmpty() && !browser) {
			out.println();
			out.println("Without a responder: silent media ports can mean open or filtered. Run a mediapath responder on the"
					+ " server and add --responder HOST:PORT --secret-file F for conclusive results, the server-to-client"
					+ " direction (the client's own firewall) and a full ICE exchange as the softphone makes it.");
		}
		out.println();
		out.println("Report " + report.id() + ", started " + report.started() + ", took " + report.duration().toMillis() + " ms.");
	}
}
