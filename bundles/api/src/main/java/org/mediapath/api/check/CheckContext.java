package org.mediapath.api.check;

import java.time.Instant;

import org.mediapath.api.report.DiagnosisRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine gives a running check. Implemented by the engine only.
 */
@ProviderType
public interface CheckContext {

	/** @return what is being diagnosed */
	DiagnosisRequest request();

	/** @return the instant by which the check must have returned */
	Instant deadline();

	/** @return whether the diagnosis was cancelled; a check should return soon after this turns true */
	boolean isCancelled();

	/**
	 * Reports progress of a long check, shown live in the console.
	 *
	 * @param fraction from 0 to 1
	 * @param message what the check is doing now, in plain words
	 */
	void progress(double fraction, String message);
}
