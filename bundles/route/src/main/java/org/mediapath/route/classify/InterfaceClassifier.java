package org.mediapath.route.classify;

import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.InterfaceKind;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.InterfaceData;

/**
 * Decides what an interface is. Names and descriptions first (that is the only evidence on
 * Windows, where TAP, Wintun and AnyConnect adapters are not point-to-point and
 * {@code isVirtual()} only means a sub-interface), then the link type a Linux or macOS output
 * gave. A macOS utun counts as a VPN only when it carries an address other than link-local: every
 * Mac keeps utun0..utun3 up for system services.
 */
public final class InterfaceClassifier {

	private final InterfacePatterns patterns;

	public InterfaceClassifier(InterfacePatterns patterns) {
		this.patterns = patterns;
	}

	public NetworkInterfaceInfo classify(InterfaceData data) {
		String name = data.name;
		String display = data.displayName == null ? name : data.displayName;
		InterfaceKind kind;
		Optional<String> product = Optional.empty();
		if (data.linkType.equals("loopback") || patterns.isKind(InterfaceKind.LOOPBACK, name, display)) {
			kind = InterfaceKind.LOOPBACK;
		} else if (patterns.isMacUtun(name)) {
			boolean active = data.addresses.stream().anyMatch(a -> !Addresses.isLinkLocal(a));
			kind = active ? InterfaceKind.VPN : InterfaceKind.OTHER;
			product = active ? Optional.of(patterns.vpnProduct(name, display).orElse(patterns.macUtunProduct()))
					: Optional.empty();
		} else if ((product = patterns.vpnProduct(name, display)).isPresent()) {
			kind = InterfaceKind.VPN;
		} else if (data.linkType.equals("wireguard")) {
			kind = InterfaceKind.VPN;
			product = Optional.of("WireGuard");
		} else if (List.of("tun", "tap", "ppp").contains(data.linkType)
				|| (data.linkType.equals("none") && data.pointToPoint)) {
			kind = InterfaceKind.VPN;
			product = Optional.of("tunnel interface (product not visible)");
		} else if (data.linkType.equals("wifi") || patterns.isKind(InterfaceKind.WIFI, name, display)) {
			kind = InterfaceKind.WIFI;
		} else if (List.of("bridge", "veth", "vxlan", "macvlan", "ipvlan", "dummy", "vrf").contains(data.linkType)
				|| patterns.isKind(InterfaceKind.VIRTUAL, name, display)) {
			kind = InterfaceKind.VIRTUAL;
		} else if (data.linkType.equals("ether") || patterns.isKind(InterfaceKind.ETHERNET, name, display)) {
			kind = InterfaceKind.ETHERNET;
		} else {
			kind = InterfaceKind.OTHER;
		}
		return new NetworkInterfaceInfo(name, display, data.addresses, data.up == null || data.up, data.pointToPoint,
				data.virtual, data.mtu, kind, product);
	}

	/** @return whether the interface is a VPN that can carry traffic now: up, with a routable address or unknown addresses */
	public static boolean isActiveVpn(NetworkInterfaceInfo info) {
		return info.kind() == InterfaceKind.VPN && info.up()
				&& (info.addresses().isEmpty() || info.addresses().stream().anyMatch(a -> !Addresses.isLinkLocal(a)));
	}
}
