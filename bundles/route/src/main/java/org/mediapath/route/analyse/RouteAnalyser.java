package org.mediapath.route.analyse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.route.InterfaceKind;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.route.classify.InterfaceClassifier;
import org.mediapath.route.model.Addresses;

import inet.ipaddr.IPAddress;

/**
 * Turns route decisions for every server address into findings. Every address is routed on its
 * own: a split tunnel or a multi-homed server sends signalling one way and media another, and
 * that difference is the finding. Only what would stop media is a FAIL; a VPN carrying media is
 * WARN-level evidence for VPN_DROPS_UDP, which only the UDP probe can confirm.
 */
public final class RouteAnalyser {

	private static final List<String> SHARED_PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
			"100.64.0.0/10", "fc00::/7");

	/**
	 * @param snapshot the machine
	 * @param request the addresses and the VPN policy
	 * @param decide the route decision for one address (the system is asked for the local machine)
	 * @return findings, FAIL first, then WARN, then PASS
	 */
	public List<RouteFinding> analyse(NetworkSnapshot snapshot, RouteAnalysisRequest request,
			Function<String, RouteDecision> decide) {
		List<RouteFinding> findings = new ArrayList<>();
		List<IPAddress> vpnOnly = new ArrayList<>();
		for (String network : request.vpnOnlyNetworks()) {
			Optional<IPAddress> parsed = Addresses.parse(network).map(IPAddress::toPrefixBlock);
			if (parsed.isEmpty()) {
				findings.add(new RouteFinding(Optional.empty(), CheckStatus.WARN,
						"vpnOnlyNetworks: '" + network + "' is not a network in CIDR notation; ignored."));
			} else {
				vpnOnly.add(parsed.get());
			}
		}
		List<NetworkInterfaceInfo> activeVpns = snapshot.interfaces().stream().filter(InterfaceClassifier::isActiveVpn)
				.toList();
		Set<String> addresses = new LinkedHashSet<>();
		addresses.add(request.signallingAddress());
		addresses.addAll(request.serverAddresses());
		Optional<RouteDecision> signalling = Optional.empty();
		for (String address : addresses) {
			Optional<IPAddress> parsed = Addresses.parse(address).filter(a -> a.getNetworkPrefixLength() == null);
			boolean isSignalling = address.equals(request.signallingAddress());
			String role = isSignalling ? "signalling address" : "server address";
			if (parsed.isEmpty()) {
				findings.add(new RouteFinding(Optional.empty(), CheckStatus.WARN, "'" + address + "' (" + role
						+ ") is not an IP address; resolve it and route every address it resolves to."));
				continue;
			}
			RouteDecision d = decide.apply(address);
			if (isSignalling) {
				signalling = Optional.of(d);
			}
			String shown = d.target() + " (" + role + ")";
			String reconstructed = d.reconstructed() ? " [reconstructed from the table]" : "";
			boolean policyVpn = request.requireVpn() || vpnOnly.stream().anyMatch(n -> n.contains(parsed.get()));
			String why = !policyVpn ? "" : request.requireVpn() ? "policy requires the VPN for the server"
					: "policy says " + vpnOnly.stream().filter(n -> n.contains(parsed.get())).findFirst().orElseThrow()
							.toCanonicalString() + " is reachable only through a VPN";
			if (d.interfaceName().isEmpty()) {
				findings.add(new RouteFinding(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED), CheckStatus.FAIL,
						"No route to " + shown + ": this machine has no way to send to it, so media to it never leaves"
								+ reconstructed + "."));
				if (policyVpn) {
					// The VPN being down is what removed the route: cause 4, not only an unrouted address.
					findings.add(new RouteFinding(Optional.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED), CheckStatus.FAIL,
							activeVpns.isEmpty()
									? "The " + why + ", but no VPN interface is up and " + shown + " has no route at all"
											+ reconstructed + ". Connect the VPN."
									: "The " + why + ", and VPN " + names(activeVpns) + " is up, but it has no route to "
											+ shown + reconstructed + ". The VPN's routes must include it."));
				}
				continue;
			}
			String path = d.interfaceName().get() + d.route().flatMap(r -> r.gateway()).map(g -> " via " + g).orElse("");
			Optional<NetworkInterfaceInfo> egress = snapshot.interfaces().stream()
					.filter(i -> i.name().equals(d.interfaceName().get())).findFirst();
			if (egress.isPresent() && !egress.get().up()) {
				findings.add(new RouteFinding(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED), CheckStatus.FAIL,
						"The route to " + shown + " leads into " + path + ", which is down"
								+ (d.viaVpn() ? " (a VPN interface without carrier: the VPN program is not attached)" : "")
								+ reconstructed + ": packets to it are dropped."));
			}
			boolean flagged = false;
			if (policyVpn && !d.viaVpn()) {
				flagged = true;
				findings.add(new RouteFinding(Optional.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED), CheckStatus.FAIL,
						activeVpns.isEmpty()
								? "The " + why + ", but no VPN interface is up: " + shown + " is routed through " + path
										+ " outside any tunnel" + reconstructed + ". Connect the VPN."
								: "The " + why + ", and VPN " + names(activeVpns) + " is up, but " + shown
										+ " is routed through " + path + ", outside the tunnel (split tunnel)"
										+ reconstructed + ". The VPN's routes must include it."));
			}
			if (!isSignalling && signalling.isPresent() && signalling.get().interfaceName().isPresent() && !flagged) {
				flagged = compareWithSignalling(signalling.get(), d, shown, path, parsed.get(), findings, reconstructed);
			}
			if (!flagged && !policyVpn && !activeVpns.isEmpty() && !d.viaVpn() && isSignalling) {
				boolean privateViaDefault = isSharedPrivate(parsed.get())
						&& d.route().map(r -> r.destination().endsWith("/0")).orElse(false);
				flagged = true;
				findings.add(new RouteFinding(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED),
						privateViaDefault ? CheckStatus.FAIL : CheckStatus.WARN,
						"VPN " + names(activeVpns) + " is up, but " + shown + " is routed outside it through " + path
								+ reconstructed + (privateViaDefault
										? ": a private address sent to the default gateway goes to the Internet, where it is not routed. "
												+ "The VPN's split-tunnel list must include it."
										: ": split tunnel. If the server is reachable only through the VPN, add it to the VPN's routes "
												+ "(or set vpnOnlyNetworks to have this checked).")));
			}
			if (d.viaVpn()) {
				findings.add(new RouteFinding(Optional.of(CauseIds.VPN_DROPS_UDP), CheckStatus.WARN,
						"Traffic to " + shown + " goes through VPN interface " + path
								+ d.vpnProduct().map(p -> " (" + p + ")").orElse("")
								+ (d.mtu() > 0 ? ", MTU " + d.mtu() : "") + reconstructed
								+ ": if the tunnel carries only TCP (an SSL/TLS fallback), UDP media is lost while "
								+ "signalling works. The UDP probe decides."));
			} else if (d.mtu() >= 1280 && d.mtu() <= 1420 && !isLoopback(snapshot, d)) {
				findings.add(new RouteFinding(Optional.empty(), CheckStatus.WARN, shown + " leaves through " + path
						+ " with MTU " + d.mtu() + ", typical of a tunnel: a VPN that carries traffic inside TCP does "
						+ "not show in the routing table."));
			} else if (!flagged) {
				findings.add(new RouteFinding(Optional.empty(), CheckStatus.PASS,
						shown + " is routed through " + path + ", outside any VPN" + reconstructed + "."));
			}
		}
		findings.sort(Comparator.comparingInt(f -> switch (f.severity()) {
		case FAIL -> 0;
		case WARN -> 1;
		default -> 2;
		}));
		return findings;
	}

	/** @return whether a finding was added */
	private static boolean compareWithSignalling(RouteDecision signalling, RouteDecision media, String shown, String path,
			IPAddress address, List<RouteFinding> findings, String reconstructed) {
		String sigPath = signalling.interfaceName().orElseThrow()
				+ signalling.route().flatMap(r -> r.gateway()).map(g -> " via " + g).orElse("");
		String sigShown = signalling.target() + " (signalling)";
		if (signalling.viaVpn() && !media.viaVpn()) {
			boolean privateAddress = isSharedPrivate(address);
			findings.add(new RouteFinding(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED),
					privateAddress ? CheckStatus.FAIL : CheckStatus.WARN,
					"Split tunnel: signalling to " + sigShown + " goes through the VPN (" + sigPath + "), but media to "
							+ shown + " leaves outside it through " + path + reconstructed
							+ (privateAddress
									? ". A private address is not reachable outside the tunnel: add it to the VPN's routes."
									: ". It works only if the server accepts media from the user's own Internet address; "
											+ "otherwise add it to the VPN's routes.")));
			return true;
		}
		if (!signalling.viaVpn() && media.viaVpn()) {
			findings.add(new RouteFinding(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED), CheckStatus.WARN,
					"Split tunnel the other way: signalling to " + sigShown + " goes outside the VPN (" + sigPath
							+ "), media to " + shown + " through the VPN (" + path + ")" + reconstructed
							+ ": media depends on the tunnel carrying UDP and on the server answering into it."));
			return true;
		}
		if (!signalling.interfaceName().equals(media.interfaceName())) {
			findings.add(new RouteFinding(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED), CheckStatus.WARN,
					"Different paths: " + shown + " leaves through " + path + ", signalling " + sigShown + " through "
							+ sigPath + reconstructed
							+ ". A multi-homed server's media address must be reachable on the path media takes."));
			return true;
		}
		return false;
	}

	private static boolean isLoopback(NetworkSnapshot snapshot, RouteDecision d) {
		return snapshot.interfaces().stream().anyMatch(i -> i.name().equals(d.interfaceName().orElse(""))
				&& i.kind() == InterfaceKind.LOOPBACK);
	}

	static boolean isSharedPrivate(IPAddress address) {
		return SHARED_PRIVATE.stream().map(Addresses::parse).flatMap(Optional::stream)
				.anyMatch(n -> n.isIPv4() == address.isIPv4() && n.toPrefixBlock().contains(address));
	}

	private static String names(List<NetworkInterfaceInfo> vpns) {
		return vpns.stream().map(v -> v.name() + v.vpnProduct().map(p -> " (" + p + ")").orElse(""))
				.collect(Collectors.joining(", "));
	}

}
