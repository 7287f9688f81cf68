package org.mediapath.diagnosis.spi;

/**
 * Service properties of a {@code DiagnosticCheck} that order it after other checks: the same keys
 * as the API's {@code DiagnosticCheck.CHECK_REQUIRES} and {@code CHECK_AFTER} (API 1.1), which
 * partner checks should use; kept here for the built-in checks written before the API had them.
 */
public final class CheckOrdering {

	/**
	 * Service property ({@code String[]}): checks that must finish first; when one of them ends
	 * FAIL this check is SKIPPED, since its result would say nothing a real call could use (signalling
	 * blocked hides media results).
	 */
	public static final String REQUIRES = org.mediapath.api.check.DiagnosticCheck.CHECK_REQUIRES;

	/** Service property ({@code String[]}): checks that must finish first, whatever their outcome. */
	public static final String AFTER = org.mediapath.api.check.DiagnosticCheck.CHECK_AFTER;

	private CheckOrdering() {
	}
}
