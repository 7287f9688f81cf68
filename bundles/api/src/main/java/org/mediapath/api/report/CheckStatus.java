package org.mediapath.api.report;

/**
 * How one check ended. {@code PASS}, {@code FAIL}, {@code WARN} and {@code SKIPPED} are the values
 * of the JSON contract; {@code ERROR} and {@code TIMEOUT} say that the check itself broke or did
 * not finish within its bound, so a report is never lost because one check misbehaved.
 */
public enum CheckStatus {
	/** The check saw what a working call needs. */
	PASS,
	/** The check saw something that stops a call's media. */
	FAIL,
	/** The check saw something worth knowing that would not stop WebRTC media. */
	WARN,
	/** The check did not run, for a reason given in its summary (no responder, a failed precondition). */
	SKIPPED,
	/** The check threw; its summary names the error. */
	ERROR,
	/** The check did not finish within its timeout. */
	TIMEOUT;

	/** @return true for the outcomes that mean the check ran to its end and judged the path */
	public boolean isConclusive() {
		return this == PASS || this == FAIL || this == WARN;
	}
}
