package org.mediapath.api.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which way packets to a target leave the inspected machine, and why.
 *
 * @param target the target address
 * @param route the routing-table row that wins, if any route matches
 * @param interfaceName the egress interface, if known
 * @param sourceAddress the source address the system uses, if known
 * @param viaVpn whether the path goes through a VPN interface
 * @param vpnProduct the VPN product, when known
 * @param mtu the egress interface's MTU, or -1 if unknown (tunnels: 1300-1420)
 * @param reconstructed whether the decision was reconstructed from a table rather than asked of the system
 * @param explanation the reasoning in plain words: longest prefix, metric, full-tunnel split routes
 */
public record RouteDecision(String target, Optional<RouteEntry> route, Optional<String> interfaceName,
		Optional<String> sourceAddress, boolean viaVpn, Optional<String> vpnProduct, int mtu, boolean reconstructed,
		List<String> explanation) {

	/** @throws NullPointerException if a component is null */
	public RouteDecision {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(route, "route");
		Objects.requireNonNull(interfaceName, "interfaceName");
		Objects.requireNonNull(sourceAddress, "sourceAddress");
		Objects.requireNonNull(vpnProduct, "vpnProduct");
		explanation = List.copyOf(explanation);
	}
}
