package org.mediapath.api.report;

/** The answer to the administrator's question: would a real call's media flow? */
public enum Verdict {
	/** No cause found: a call's media would flow. */
	OK,
	/** At least one cause found; the report names it. */
	FAILED
}
