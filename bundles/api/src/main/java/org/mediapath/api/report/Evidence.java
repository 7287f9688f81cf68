package org.mediapath.api.report;

import java.util.Objects;

/**
 * One observed fact that supports a cause, in plain words, with the check that observed it.
 *
 * @param checkId the id of the check that observed it
 * @param statement what was observed, readable by an administrator (e.g. "UDP 30000-33000 on
 *        198.18.2.10: 0 of 64 probes answered")
 */
public record Evidence(String checkId, String statement) {

	/** @throws NullPointerException if a component is null */
	public Evidence {
		Objects.requireNonNull(checkId, "checkId");
		Objects.requireNonNull(statement, "statement");
	}
}
