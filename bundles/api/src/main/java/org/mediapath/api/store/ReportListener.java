package org.mediapath.api.store;

import org.mediapath.api.report.DiagnosticReport;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every completed report (whiteboard: register it as a service). Implemented by
 * consumers such as the console page or a partner's ticket integration.
 *
 * <p>Called on a thread of the engine's; an implementation returns quickly and does not throw.
 */
@ConsumerType
public interface ReportListener {

	/** @param report a report that has just been completed and stored */
	void reportCompleted(DiagnosticReport report);
}
