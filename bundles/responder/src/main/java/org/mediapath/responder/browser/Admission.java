package org.mediapath.responder.browser;

/** Whether a link's token may start a run now (asked when the page is fetched; nothing is used up). */
public enum Admission {
	/** The page may run. */
	VALID,
	/** Not a token of this responder (mistyped, forged, or from before a restart). */
	UNKNOWN,
	/** The link expired. */
	EXPIRED,
	/** The link's uses are spent. */
	USED_UP
}
