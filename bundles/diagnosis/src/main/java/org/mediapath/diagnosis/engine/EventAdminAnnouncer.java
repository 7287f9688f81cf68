package org.mediapath.diagnosis.engine;

import java.util.HashMap;
import java.util.Map;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.store.ReportEvents;
import org.mediapath.api.store.ReportListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts every completed report on EventAdmin ({@link ReportEvents#TOPIC_COMPLETED}). A report
 * listener of its own, so that only this component needs EventAdmin: where there is none (the lean
 * command-line runtime) it simply is not satisfied and the engine runs on.
 */
@Component(service = ReportListener.class)
public class EventAdminAnnouncer implements ReportListener {

	private final EventAdmin eventAdmin;

	@Activate
	public EventAdminAnnouncer(@Reference EventAdmin eventAdmin) {
		this.eventAdmin = eventAdmin;
	}

	@Override
	public void reportCompleted(DiagnosticReport report) {
		// postEvent, not sendEvent: the engine's thread must not wait for slow handlers
		eventAdmin.postEvent(new Event(ReportEvents.TOPIC_COMPLETED, properties(report)));
	}

	static Map<String, Object> properties(DiagnosticReport report) {
		Map<String, Object> p = new HashMap<>();
		p.put(ReportEvents.REPORT_ID, report.id());
		p.put(ReportEvents.TARGET, report.target());
		p.put(ReportEvents.VERDICT, report.verdict().name());
		p.put(ReportEvents.CAUSE_IDS, report.causes().stream().map(Cause::id).toArray(String[]::new));
		p.put(ReportEvents.REPORT, report);
		return p;
	}
}
