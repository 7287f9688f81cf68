package org.mediapath.api.report;

/** The answer to the administrator's question: would a real call's media flow? */
public enum Verdict {
	/** No cause found, and media was proven to flow end to end (ICE connected, or both directions answered). */
	OK,
	/** At least one cause found; the report names it. */
	FAILED,
	/**
	 * No cause proven, and the media path was not proven to work either: a check could not run or
	 * could not judge (no responder, a responder that did not answer, a timeout, a cancelled run).
	 * The report's {@code unproven} line says what was not proven and what would settle it.
	 */
	INCONCLUSIVE
}
