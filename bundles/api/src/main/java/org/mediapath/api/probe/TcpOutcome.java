package org.mediapath.api.probe;

/** What a TCP connect to the signalling port met. */
public enum TcpOutcome {
	/** The connection was accepted. */
	OPEN,
	/** The host answered with a reset: reachable; nothing listens on the port, or a firewall rejects with a reset. */
	REFUSED,
	/** No answer within the timeout: something drops the packets. */
	FILTERED,
	/** An ICMP error said the host or network cannot be reached. */
	UNREACHABLE,
	/** The host name did not resolve. */
	NAME_NOT_RESOLVED
}
