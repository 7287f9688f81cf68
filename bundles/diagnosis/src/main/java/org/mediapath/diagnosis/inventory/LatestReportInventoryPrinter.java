package org.mediapath.diagnosis.inventory;

import java.io.PrintWriter;
import java.util.List;

import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.mediapath.diagnosis.json.ReportJson;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Puts the latest diagnostic report into the Web Console's status dump (Felix Inventory): plain
 * text for the status page and the zip's .txt, the report's public JSON for the zip's .json. A
 * support engineer who receives a status zip then sees what the administrator last saw.
 *
 * <p>The store is an optional dynamic reference, so the printer says "no report" rather than
 * vanishing when the store is gone. Needs the {@code org.apache.felix.inventory} package; where
 * it is absent (the lean command-line runtime) this one component cannot load and the rest of the
 * bundle runs on (the import is optional).
 */
@Component(service = InventoryPrinter.class, property = {
		InventoryPrinter.NAME + "=mediapath-report",
		InventoryPrinter.TITLE + "=mediapath: latest diagnosis",
		InventoryPrinter.FORMAT + "=TEXT",
		InventoryPrinter.FORMAT + "=JSON" })
public class LatestReportInventoryPrinter implements InventoryPrinter {

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile ReportStore store;

	@Override
	public void print(PrintWriter out, Format format, boolean isZip) {
		ReportStore s = store;
		List<DiagnosticReport> latest;
		try {
			latest = s == null ? List.of() : s.find(ReportQuery.newest(1));
		} catch (RuntimeException e) {
			latest = List.of();
			if (Format.JSON.equals(format)) {
				out.print("{\"error\":\"the report store failed: " + jsonEscape(String.valueOf(e.getMessage())) + "\"}");
			} else {
				out.println("The report store failed: " + e.getMessage());
			}
			out.flush();
			return;
		}
		if (Format.JSON.equals(format)) {
			out.print(latest.isEmpty() ? (s == null ? "{\"report\":null,\"reason\":\"no report store is running\"}"
					: "{\"report\":null,\"reason\":\"no diagnosis has been run yet\"}") : ReportJson.write(latest.get(0)));
		} else {
			if (latest.isEmpty()) {
				out.println(s == null ? "No report store is running (bundle org.mediapath.diagnosis stopped?)."
						: "No diagnosis has been run yet.");
			} else {
				text(latest.get(0), out);
				if (!isZip) {
					// the zip carries the JSON as its own file; the status page shows it here
					out.println();
					out.println("JSON:");
					out.println(ReportJson.write(latest.get(0)));
				}
			}
		}
		out.flush();
	}

	static void text(DiagnosticReport report, PrintWriter out) {
		out.println("Latest mediapath diagnosis");
		out.println("Report:   " + report.id());
		out.println("Target:   " + report.target());
		out.println("Started:  " + report.started());
		out.println("Duration: " + report.duration().toMillis() + " ms");
		out.println("Verdict:  " + report.verdict());
		out.println("Request:  " + report.request());
		if (!report.causes().isEmpty()) {
			out.println();
			out.println("Causes (most likely first):");
			for (Cause cause : report.causes()) {
				out.println("  " + cause.id() + " (confidence " + cause.confidence() + ")");
				out.println("    Fix (" + cause.remediation().side().name().toLowerCase() + " side): "
						+ cause.remediation().action());
				for (Evidence e : cause.evidence()) {
					out.println("    - [" + e.checkId() + "] " + e.statement());
				}
			}
		}
		out.println();
		out.println("Checks:");
		for (CheckResult check : report.checks()) {
			out.println("  " + check.status() + "  " + check.checkId() + " (" + check.title() + ", "
					+ check.duration().toMillis() + " ms): " + check.summary());
			if (!check.measurements().isEmpty()) {
				out.println("        " + new java.util.TreeMap<>(check.measurements()));
			}
		}
	}

	private static String jsonEscape(String s) {
		return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
	}
}
