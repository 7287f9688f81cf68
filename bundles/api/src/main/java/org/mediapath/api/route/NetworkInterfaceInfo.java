package org.mediapath.api.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One network interface of the inspected machine.
 *
 * @param name the system's name ({@code eth0}, {@code utun3}; synthesised by Java on Windows)
 * @param displayName the adapter description, which identifies VPN products on Windows
 * @param addresses its addresses with prefix length, CIDR notation ({@code 198.18.1.2/24})
 * @param up whether it is up
 * @param pointToPoint whether it is a point-to-point link
 * @param virtual whether the system calls it a virtual sub-interface (says nothing about VPNs)
 * @param mtu its MTU, or -1 if unknown
 * @param kind what kind of interface it is
 * @param vpnProduct the VPN product, when the interface is a VPN and the product can be told
 */
public record NetworkInterfaceInfo(String name, String displayName, List<String> addresses, boolean up,
		boolean pointToPoint, boolean virtual, int mtu, InterfaceKind kind, Optional<String> vpnProduct) {

	/** @throws NullPointerException if a component is null */
	public NetworkInterfaceInfo {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(vpnProduct, "vpnProduct");
		addresses = List.copyOf(addresses);
	}
}
