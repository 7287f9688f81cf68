package org.mediapath.api.browser;

import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;

/**
 * Turns a browser run into a report: the same causes, remediations and verdict rules as
 * {@code diagnose}, with the run's evidence (and the console's own server-side results for the same
 * PBX when it has them), marked as run from the user's browser. The report is stored and announced
 * like any other.
 */
public interface BrowserRunDiagnosis {

	/**
	 * @param pbx the PBX the run tested
	 * @param run a run in state DONE or ABANDONED
	 * @return the report; a run reported before returns the stored report (one report per run)
	 * @throws IllegalArgumentException if the run is still RUNNING
	 */
	DiagnosticReport report(DiagnosisRequest pbx, BrowserRun run);
}
