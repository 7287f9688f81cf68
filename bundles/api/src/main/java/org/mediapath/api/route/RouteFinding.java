package org.mediapath.api.route;

import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.report.CheckStatus;

/**
 * Something the routing analysis noticed.
 *
 * @param causeId the cause it is evidence for ({@code org.mediapath.api.report.CauseIds}), if any
 * @param severity FAIL when it stops media, WARN when it is worth knowing but would not
 * @param statement what was noticed, in plain words, naming interfaces and addresses
 */
public record RouteFinding(Optional<String> causeId, CheckStatus severity, String statement) {

	/** @throws NullPointerException if a component is null */
	public RouteFinding {
		Objects.requireNonNull(causeId, "causeId");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(statement, "statement");
	}
}
