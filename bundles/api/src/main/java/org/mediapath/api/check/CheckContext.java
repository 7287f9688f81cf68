package org.mediapath.api.check;

import java.time.Instant;
import java.util.Optional;

import org.mediapath.api.report.CheckResult;
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

	/**
	 * The result of another check of the same run, for checks ordered after it
	 * ({@code mediapath.check.requires}).
	 *
	 * @param checkId the other check's id
	 * @return its result, once it finished
	 * @since 1.2
	 */
	Optional<CheckResult> resultOf(String checkId);

	/**
	 * Shares a raw probe result with the later checks of this run (one probe, two checks: the UDP
	 * sweep measures both directions at once). Lives as long as the run.
	 *
	 * @param key the key, named after the sharing check
	 * @param value the value
	 * @since 1.2
	 */
	void share(String key, Object value);

	/**
	 * @param key a key another check of this run shared
	 * @param type the type expected
	 * @param <T> the type
	 * @return the shared value, if one of that type was shared under the key
	 * @since 1.2
	 */
	<T> Optional<T> shared(String key, Class<T> type);
}
