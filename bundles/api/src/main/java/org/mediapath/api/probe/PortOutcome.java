package org.mediapath.api.probe;

/**
 * What a STUN check to one UDP port met. With a cooperative responder every outcome is
 * conclusive; without one, {@link #SILENT} means "open or filtered" and the result says so.
 */
public enum PortOutcome {
	/** The check arrived and was answered: the path is open. */
	PASS,
	/** No answer and no ICMP error: something drops the packets (or, uncooperatively, nothing answers). */
	SILENT,
	/** An ICMP administratively-prohibited error: a filter rejected the packet. */
	REJECTED,
	/** An ICMP port-unreachable error: the path is open, nothing listens on the port. */
	CLOSED,
	/** The responder could not bind the port because another program (the PBX) uses it: not a block. */
	IN_USE
}
