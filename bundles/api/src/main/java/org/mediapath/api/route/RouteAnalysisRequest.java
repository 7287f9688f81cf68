package org.mediapath.api.route;

import java.util.List;
import java.util.Objects;

/**
 * What the routing analysis should check.
 *
 * @param signallingAddress the address signalling goes to
 * @param serverAddresses every address media may go to: all DNS answers, the media address, candidates
 * @param vpnOnlyNetworks networks (CIDR) that policy says are reachable only through a VPN
 * @param requireVpn whether policy requires the VPN for the server at all
 */
public record RouteAnalysisRequest(String signallingAddress, List<String> serverAddresses,
		List<String> vpnOnlyNetworks, boolean requireVpn) {

	/** @throws NullPointerException if a component is null */
	public RouteAnalysisRequest {
		Objects.requireNonNull(signallingAddress, "signallingAddress");
		serverAddresses = List.copyOf(serverAddresses);
		vpnOnlyNetworks = List.copyOf(vpnOnlyNetworks);
	}
}
