package org.mediapath.api.probe;

/** How a full ICE probe ended. */
public enum IceOutcome {
	/** A candidate pair succeeded: a softphone's call would connect. */
	CONNECTED,
	/** Every candidate pair failed. */
	FAILED,
	/** The failure bound passed with no pair succeeded and some still in progress. */
	TIMED_OUT
}
