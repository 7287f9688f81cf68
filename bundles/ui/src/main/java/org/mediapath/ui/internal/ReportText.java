package org.mediapath.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;

/** Reports as readable terminal text, verdict first, for the Gogo commands. */
final class ReportText {

	private ReportText() {
	}

	static String history(List<DiagnosticReport> reports, Texts t) {
		if (reports.isEmpty()) {
			return t.get("cmd.history.none");
		}
		StringBuilder b = new StringBuilder();
		b.append(String.format("%-24s %-23s %-7s %-30s %s%n", "ID", "STARTED", "VERDICT", "SERVER", "CAUSES"));
		for (DiagnosticReport r : reports) {
			b.append(String.format("%-24s %-23s %-7s %-30s %s%n", r.id(), Page.TIME.format(r.started()),
					r.verdict().name(), clip(r.target(), 30),
					String.join(",", r.causes().stream().map(Cause::id).toList())));
		}
		return b.toString();
	}

	static String report(DiagnosticReport r, Texts t) {
		StringBuilder b = new StringBuilder();
		b.append(t.get("report.title", r.id())).append('\n');
		b.append(t.get("report.meta", r.target(), Page.TIME.format(r.started()), r.duration().toMillis())).append("\n\n");
		b.append(r.causes().isEmpty() ? t.get("verdict.OK") : t.get("verdict.FAILED", r.causes().size())).append('\n');
		int i = 1;
		for (Cause c : r.causes()) {
			b.append('\n').append(i++).append(". ").append(t.getOr("cause." + c.id(), c.id())).append(" [")
					.append(c.id()).append(", ").append(t.get("cause.confidence", c.confidence())).append("]\n");
			b.append("   ").append(t.get("cause.fix")).append(": ").append(t.get("side." + c.remediation().side().name()))
					.append('\n');
			b.append("   ").append(c.remediation().action()).append('\n');
			b.append("   ").append(t.get("cause.evidence")).append(":\n");
			for (Evidence e : c.evidence()) {
				b.append("   - [").append(e.checkId()).append("] ").append(e.statement()).append('\n');
			}
		}
		b.append('\n').append(t.get("checks.title")).append(":\n");
		for (CheckResult c : r.checks()) {
			b.append(String.format("  %-8s %-22s %6d ms  %s%n", c.status().name(), clip(c.checkId(), 22),
					c.duration().toMillis(), c.summary()));
			Map<String, Object> m = new TreeMap<>(c.measurements());
			for (Map.Entry<String, Object> e : m.entrySet()) {
				b.append("           ").append(e.getKey()).append(" = ").append(clip(Json.plain(e.getValue()), 200))
						.append('\n');
			}
		}
		return b.toString();
	}

	private static String clip(String s, int max) {
		String oneLine = s.replaceAll("[\\r\\n\\t]+", " ");
		return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
	}
}
