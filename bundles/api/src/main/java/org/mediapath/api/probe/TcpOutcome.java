package org.mediapath.api.probe;

/** What a TCP connect to the signalling port met. */
public enum TcpOutcome {
	/** The connection was accepted. */
	OPEN,
	/** The host answered with a reset: reachable; nothing listens on the port, or a firewall rejects with a reset. */
	REFUSED,
	/** No answer within the timeout: something drops the packets. */
	FILTERED,
	/** An ICMP error said the network cannot be reached ("Network is unreachable"): routing. */
	UNREACHABLE,
	/** The host name did not resolve. */
	NAME_NOT_RESOLVED,
	/**
	 * An ICMP error "no route to host" came back: a firewall rejects with administratively-prohibited
	 * (or a host that does not answer on its own network).
	 * @since 1.2
	 */
	REJECTED,
	/**
	 * This machine's own firewall refused to send the connection attempt (EPERM).
	 * @since 1.2
	 */
	BLOCKED_LOCALLY
}
