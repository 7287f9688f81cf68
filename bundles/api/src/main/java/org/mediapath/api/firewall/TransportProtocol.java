package org.mediapath.api.firewall;

/** The transport protocol asked about: UDP for media, TCP for signalling. */
public enum TransportProtocol {
	/** UDP (media, STUN checks). */
	UDP,
	/** TCP (signalling). */
	TCP
}
