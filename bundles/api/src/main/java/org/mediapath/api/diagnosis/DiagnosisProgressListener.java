package org.mediapath.api.diagnosis;

import org.mediapath.api.report.CheckResult;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows one diagnosis as it runs, to show live progress. Called on the engine's threads; an
 * implementation returns quickly.
 */
@ConsumerType
public interface DiagnosisProgressListener {

	/** A listener that ignores everything. */
	DiagnosisProgressListener NONE = new DiagnosisProgressListener() {
	};

	/**
	 * @param runId the diagnosis
	 * @param checkId the check that started
	 * @param title its title
	 */
	default void checkStarted(String runId, String checkId, String title) {
	}

	/**
	 * @param runId the diagnosis
	 * @param checkId the check
	 * @param fraction from 0 to 1
	 * @param message what it is doing now
	 */
	default void checkProgress(String runId, String checkId, double fraction, String message) {
	}

	/**
	 * @param runId the diagnosis
	 * @param result the check's result
	 */
	default void checkFinished(String runId, CheckResult result) {
	}
}
