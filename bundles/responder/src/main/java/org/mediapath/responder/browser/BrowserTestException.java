package org.mediapath.responder.browser;

/**
 * A refusal the page (or the control channel) is told about: a stable code, the HTTP status that
 * goes with it, and plain words. Never carries a stack trace to the user.
 */
public final class BrowserTestException extends Exception {

	private static final long serialVersionUID = 1L;

	/** The link's token is not one this responder made. */
	public static final String TOKEN_UNKNOWN = "TOKEN_UNKNOWN";
	/** The link expired. */
	public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
	/** The link's uses are spent. */
	public static final String TOKEN_USED = "TOKEN_USED";
	/** The run is unknown, or the key does not match it. */
	public static final String RUN_UNKNOWN = "RUN_UNKNOWN";
	/** The run is over: no more offers or reports. */
	public static final String RUN_OVER = "RUN_OVER";
	/** Too many runs or agents at once. */
	public static final String BUSY = "BUSY";
	/** Malformed or out-of-bounds input. */
	public static final String BAD_REQUEST = "BAD_REQUEST";

	private final String code;
	private final int httpStatus;

	/**
	 * @param code one of the codes above
	 * @param httpStatus the HTTP status the page gets
	 * @param message plain words, safe to show (never echoes the input)
	 */
	public BrowserTestException(String code, int httpStatus, String message) {
		super(message);
		this.code = code;
		this.httpStatus = httpStatus;
	}

	/** @return the stable code */
	public String code() {
		return code;
	}

	/** @return the HTTP status */
	public int httpStatus() {
		return httpStatus;
	}
}
