package org.mediapath.diagnosis.spi;

/**
 * Service properties of a {@code DiagnosticCheck} that order it after other checks. The API's
 * check SPI has no ordering yet; these keys are what the engine honours meanwhile.
 */
public final class CheckOrdering {

	/**
	 * Service property ({@code String[]}): checks that must finish first; when one of them ends
	 * FAIL this check is SKIPPED, since its result would say nothing a real call could use (signalling
	 * blocked hides media results).
	 */
	public static final String REQUIRES = "mediapath.check.requires";

	/** Service property ({@code String[]}): checks that must finish first, whatever their outcome. */
	public static final String AFTER = "mediapath.check.after";

	private CheckOrdering() {
	}
}
