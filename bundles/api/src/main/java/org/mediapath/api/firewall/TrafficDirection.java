package org.mediapath.api.firewall;

/** Which way traffic crosses the host whose firewall is judged. */
public enum TrafficDirection {
	/** Arriving at the host (a server's media ports, a client's ports for the server's checks). */
	INBOUND,
	/** Leaving the host. */
	OUTBOUND
}
