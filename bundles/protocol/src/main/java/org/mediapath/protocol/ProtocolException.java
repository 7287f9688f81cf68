package org.mediapath.protocol;

/**
 * Input that does not follow the wire format: a malformed STUN packet or control frame. The
 * message names the field that was wrong, so that a log line or a probe result can say it.
 */
public class ProtocolException extends Exception {

	private static final long serialVersionUID = 1L;

	/** @param message what was wrong, naming the field */
	public ProtocolException(String message) {
		super(message);
	}
}
