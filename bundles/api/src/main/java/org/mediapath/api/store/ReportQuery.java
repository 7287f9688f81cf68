package org.mediapath.api.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored reports to return, newest first.
 *
 * @param target only reports about this server, if given
 * @param from only reports started at or after this instant, if given
 * @param to only reports started before this instant, if given
 * @param limit at most this many reports (at least 1)
 */
public record ReportQuery(Optional<String> target, Optional<Instant> from, Optional<Instant> to, int limit) {

	/** @throws IllegalArgumentException if the limit is below 1 */
	public ReportQuery {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
	}

	/**
	 * @param limit at most this many reports
	 * @return a query for the newest reports about any target
	 */
	public static ReportQuery newest(int limit) {
		return new ReportQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
	}
}
