package org.mediapath.api.firewall;

import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.PortRange;

/**
 * What is asked of a ruleset: which of these ports pass, for this traffic.
 *
 * @param direction inbound or outbound, seen from the host whose firewall it is
 * @param protocol UDP or TCP
 * @param ports the destination ports asked about: the host's own ports inbound, the far end's outbound
 * @param remoteAddress the far end's IPv4 or IPv6 address, when known; rules scoped to remote
 *        addresses are otherwise undecided
 * @param program the program that owns the socket (a path such as
 *        {@code C:\Program Files\Softphone\softphone.exe}), when known; program-scoped rules are
 *        otherwise undecided
 * @param profile the active Windows profile ({@code Domain}, {@code Private}, {@code Public}), when
 *        known and not in the paste
 */
public record FirewallQuestion(TrafficDirection direction, TransportProtocol protocol, PortRange ports,
		Optional<String> remoteAddress, Optional<String> program, Optional<String> profile) {

	/** @throws NullPointerException if a field is null */
	public FirewallQuestion {
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(protocol, "protocol");
		Objects.requireNonNull(ports, "ports");
		Objects.requireNonNull(remoteAddress, "remoteAddress");
		Objects.requireNonNull(program, "program");
		Objects.requireNonNull(profile, "profile");
	}

	/**
	 * A question with nothing but direction, protocol and ports.
	 *
	 * @param direction inbound or outbound
	 * @param protocol UDP or TCP
	 * @param ports the ports asked about
	 * @return the question
	 */
	public static FirewallQuestion of(TrafficDirection direction, TransportProtocol protocol, PortRange ports) {
		return new FirewallQuestion(direction, protocol, ports, Optional.empty(), Optional.empty(), Optional.empty());
	}
}
