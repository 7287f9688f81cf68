package org.mediapath.diagnosis.engine;

import java.util.function.Consumer;

import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.store.ReportListener;
import org.mediapath.api.store.ReportStore;

/**
 * How every report leaves the bundle: stored first, so that whoever is told of it can read it from
 * the store, then each {@link ReportListener} (EventAdmin among them, see {@link EventAdminAnnouncer}).
 * A store or listener that fails is logged and does not stop the others.
 */
public final class ReportAnnouncer {

	private ReportAnnouncer() {
	}

	/**
	 * @param report the completed report
	 * @param store the report store, or null where the runtime has none
	 * @param listeners the listeners registered now
	 * @param warn where failures are logged
	 */
	public static void announce(DiagnosticReport report, ReportStore store, Iterable<ReportListener> listeners,
			Consumer<String> warn) {
		if (store != null) {
			try {
				store.store(report);
			} catch (RuntimeException e) {
				warn.accept("report " + report.id() + " could not be stored: " + e.getMessage());
			}
		}
		for (ReportListener listener : listeners) {
			try {
				listener.reportCompleted(report);
			} catch (RuntimeException e) {
				warn.accept("a ReportListener failed: " + e);
			}
		}
	}
}
