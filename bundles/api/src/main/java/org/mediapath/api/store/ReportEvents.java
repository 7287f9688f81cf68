package org.mediapath.api.store;

/**
 * The EventAdmin announcement of a completed report: topic and event properties.
 */
public final class ReportEvents {

	/** The topic every completed report is posted on. */
	public static final String TOPIC_COMPLETED = "mediapath/report/COMPLETED";

	/** Event property: the report's id ({@code String}). */
	public static final String REPORT_ID = "mediapath.report.id";

	/** Event property: the diagnosed server ({@code String}). */
	public static final String TARGET = "mediapath.target";

	/** Event property: the verdict, {@code OK} or {@code FAILED} ({@code String}). */
	public static final String VERDICT = "mediapath.verdict";

	/** Event property: the ids of the causes found, most likely first ({@code String[]}). */
	public static final String CAUSE_IDS = "mediapath.cause.ids";

	/** Event property: the report itself ({@code DiagnosticReport}). */
	public static final String REPORT = "mediapath.report";

	private ReportEvents() {
	}
}
