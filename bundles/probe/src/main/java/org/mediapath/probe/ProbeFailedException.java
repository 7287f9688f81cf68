package org.mediapath.probe;

/**
 * A probe could not run at all (the responder refused or could not be reached, no local port
 * could be bound): unlike a blocked path, which is a result, this is an error with a reason.
 */
final class ProbeFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ProbeFailedException(String message, Throwable cause) {
		super(message, cause);
	}
}
