package org.mediapath.api.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check in one diagnosis.
 *
 * @param checkId the check's id (its {@code mediapath.check.id} service property)
 * @param title a short human title ("TCP signalling", "Server media ports")
 * @param status how the check ended
 * @param summary one line in plain words saying what was seen
 * @param measurements the raw figures, keyed by name; values are strings, numbers, booleans, or
 *        lists and maps of those, so that they serialise to JSON unchanged
 * @param evidence observations that rules may cite as evidence for a cause
 * @param duration how long the check ran
 */
public record CheckResult(String checkId, String title, CheckStatus status, String summary,
		Map<String, Object> measurements, List<Evidence> evidence, Duration duration) {

	/** @throws NullPointerException if a component is null */
	public CheckResult {
		Objects.requireNonNull(checkId, "checkId");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(summary, "summary");
		Objects.requireNonNull(duration, "duration");
		measurements = Map.copyOf(measurements);
		evidence = List.copyOf(evidence);
	}

	/**
	 * A result for a check that could not judge the path.
	 *
	 * @param checkId the check's id
	 * @param title the check's title
	 * @param status {@link CheckStatus#SKIPPED}, {@link CheckStatus#ERROR} or {@link CheckStatus#TIMEOUT}
	 * @param reason why, in plain words
	 * @param duration how long was spent
	 * @return the result, with no measurements or evidence
	 */
	public static CheckResult inconclusive(String checkId, String title, CheckStatus status, String reason,
			Duration duration) {
		if (status.isConclusive()) {
			throw new IllegalArgumentException(status + " is a conclusive status");
		}
		return new CheckResult(checkId, title, status, reason, Map.of(), List.of(), duration);
	}
}
