package org.mediapath.api.diagnosis;

import org.mediapath.api.report.DiagnosisRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs diagnoses: the built-in checks and every registered {@code DiagnosticCheck}, then the cause
 * rules. Implemented by the diagnosis bundle.
 *
 * <p>Promise: every run ends, within its bound, with a report; a check that throws or hangs
 * becomes an ERROR or TIMEOUT result in it.
 */
@ProviderType
public interface DiagnosisService {

	/**
	 * Starts a diagnosis and returns at once.
	 *
	 * @param request what to diagnose
	 * @param listener told of progress; may be {@link DiagnosisProgressListener#NONE}
	 * @return the running diagnosis
	 */
	DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener);

	/**
	 * Starts a diagnosis on behalf of an origin, which the report's vantage point records.
	 *
	 * @param request what to diagnose
	 * @param listener told of progress; may be {@link DiagnosisProgressListener#NONE}
	 * @param origin who asks, e.g. {@link org.mediapath.api.report.VantagePoint#CONSOLE}
	 * @return the running diagnosis
	 * @since 1.1
	 */
	default DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener, String origin) {
		return start(request, listener);
	}
}
