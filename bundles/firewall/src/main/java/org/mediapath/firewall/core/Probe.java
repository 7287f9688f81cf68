package org.mediapath.firewall.core;

import java.util.Locale;
import java.util.Optional;

import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;

import inet.ipaddr.IPAddress;

/**
 * The traffic one port stands for: an unsolicited packet (connection state NEW, as the first media
 * packet of a call is) of the question's protocol to this destination port.
 *
 * @param direction inbound or outbound
 * @param protocol UDP or TCP
 * @param port the destination port
 * @param remote the far end's address, when the question gives it
 * @param program the owning program, when given
 * @param profile the Windows profile the question names, when given
 * @param beforeConntrack whether connection tracking has not seen the packet yet (netfilter chains
 *        at a priority before conntrack's -200 on prerouting and output, and ingress): there its state
 *        reads INVALID, not NEW
 */
public record Probe(TrafficDirection direction, TransportProtocol protocol, int port, Optional<IPAddress> remote,
		Optional<String> program, Optional<String> profile, boolean beforeConntrack) {

	public Probe(TrafficDirection direction, TransportProtocol protocol, int port, Optional<IPAddress> remote,
			Optional<String> program, Optional<String> profile) {
		this(direction, protocol, port, remote, program, profile, false);
	}

	/** @return whether the packet is IPv6; without a remote address the question is about IPv4 */
	public boolean ipv6() {
		return remote.map(IPAddress::isIPv6).orElse(false);
	}

	/** @return the protocol's lower-case name as rulesets write it ({@code udp}, {@code tcp}) */
	public String protocolName() {
		return protocol.name().toLowerCase(Locale.ROOT);
	}

	/** @return the IANA protocol number (17, 6) */
	public int protocolNumber() {
		return protocol == TransportProtocol.UDP ? 17 : 6;
	}

	/** @return whether the remote end is a loopback address (only then can loopback-interface rules match) */
	public boolean remoteIsLoopback() {
		return remote.map(IPAddress::isLoopback).orElse(false);
	}

	public Probe withPort(int other) {
		return new Probe(direction, protocol, other, remote, program, profile, beforeConntrack);
	}

	public Probe withBeforeConntrack(boolean before) {
		return new Probe(direction, protocol, port, remote, program, profile, before);
	}
}
