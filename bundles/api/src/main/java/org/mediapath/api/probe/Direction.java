package org.mediapath.api.probe;

/** Which way a STUN check travelled: firewalls often let one direction through and not the other. */
public enum Direction {
	/** From the client's media ports to the server's (the softphone's checks). */
	CLIENT_TO_SERVER,
	/** From the server's media ports to the client's (the server's checks, blocked by client firewalls). */
	SERVER_TO_CLIENT
}
