package org.mediapath.api.store;

import java.util.List;
import java.util.Optional;

import org.mediapath.api.report.DiagnosticReport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The history of diagnostic reports. Implemented by the diagnosis bundle.
 *
 * <p>Promises: a stored report survives a restart of the console; a crash while storing loses at
 * most the report being stored and never damages the others; retention is bounded.
 */
@ProviderType
public interface ReportStore {

	/**
	 * Stores a report, replacing one with the same id.
	 *
	 * @param report the report
	 */
	void store(DiagnosticReport report);

	/**
	 * @param id a report id
	 * @return the report, if it is still kept
	 */
	Optional<DiagnosticReport> get(String id);

	/**
	 * @param query which reports
	 * @return the matching reports, newest first
	 */
	List<DiagnosticReport> find(ReportQuery query);
}
