package org.mediapath.api.probe;

/**
 * What a STUN check to one UDP port met. With a cooperative responder every outcome is
 * conclusive; without one, {@link #SILENT} means "open or filtered" and {@link #CLOSED} means
 * "nothing listens, or a filter rejects", and the result says so.
 */
public enum PortOutcome {
	/** The check arrived and was answered: the path is open. */
	PASS,
	/** No answer and no ICMP error: something drops the packets (or, uncooperatively, nothing answers). */
	SILENT,
	/**
	 * A filter rejected the packet: an ICMP administratively-prohibited error, or, on a port the
	 * responder holds, ICMP port-unreachable (the default answer of nft, iptables and ufw {@code reject}).
	 */
	REJECTED,
	/**
	 * An ICMP port-unreachable error without a responder holding the port: nothing listens there, or a
	 * filter rejects with the same error; not proof of an open path.
	 */
	CLOSED,
	/** The responder could not bind the port because another program (the PBX) uses it: not a block. */
	IN_USE,
	/**
	 * A router on the way has no route to the address (ICMP network unreachable): a routing fault,
	 * not a filter.
	 * @since 1.2
	 */
	UNREACHABLE,
	/**
	 * This machine's own firewall refused to send the check (the send failed locally, EPERM): the
	 * client's outbound filter.
	 * @since 1.2
	 */
	BLOCKED_LOCALLY
}
