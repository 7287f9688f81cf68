package org.mediapath.route.decide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.mediapath.api.route.InterfaceKind;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.decide.PrefixTable.Candidate;
import org.mediapath.route.decide.PrefixTable.Match;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.PolicyRule;
import org.mediapath.route.model.RejectRoute;
import org.mediapath.route.model.SnapshotExtras;

import inet.ipaddr.IPAddress;

/**
 * Reconstructs the kernel's choice from a table, and says in plain words why: policy rules (Linux),
 * longest prefix, then metric, the default route, the 0.0.0.0/1 + 128.0.0.0/1 full-tunnel trick,
 * and macOS interface-scoped routes, which an unbound socket never uses.
 */
public final class RouteDecider {

	private static final String LOCAL = "local";
	private static final String MAIN = "main";
	private static final String DEFAULT = "default";

	/**
	 * @param snapshot the machine's interfaces and routes
	 * @param extras rules, reject routes and source addresses the snapshot cannot carry
	 * @param targetAddress the address media or signalling goes to
	 * @return the decision, marked reconstructed
	 * @throws IllegalArgumentException if the target is not an IPv4 or IPv6 address
	 */
	public RouteDecision reconstruct(NetworkSnapshot snapshot, SnapshotExtras extras, String targetAddress) {
		IPAddress target = Addresses.parse(targetAddress).filter(a -> a.getNetworkPrefixLength() == null)
				.orElseThrow(() -> new IllegalArgumentException(
						"target: '" + abbreviate(targetAddress) + "' is not an IPv4 or IPv6 address"));
		String shown = target.toCanonicalString();
		boolean ipv6 = target.isIPv6();
		List<String> why = new ArrayList<>();
		why.add(snapshot.captured()
				? "Reconstructed from the " + snapshot.origin() + ": the user's machine was not asked."
				: "From this machine's routing table.");

		Map<String, PrefixTable> tables = new LinkedHashMap<>();
		List<RouteEntry> scopedSkipped = new ArrayList<>();
		int order = 0;
		for (RouteEntry route : snapshot.routes()) {
			if (Addresses.isIpv6(route.destination()) != ipv6) {
				continue;
			}
			if (route.scoped()) {
				scopedSkipped.add(route);
				continue;
			}
			Optional<IPAddress> block = Addresses.parse(route.destination()).map(IPAddress::toPrefixBlock);
			if (block.isPresent()) {
				tables.computeIfAbsent(route.table(), t -> new PrefixTable())
						.add(block.get(), new Candidate(route, null, Integer.toUnsignedLong(route.metric()), order++));
			}
		}
		for (RejectRoute reject : extras.rejectRoutes()) {
			if (Addresses.isIpv6(reject.destination()) != ipv6) {
				continue;
			}
			Optional<IPAddress> block = Addresses.parse(reject.destination()).map(IPAddress::toPrefixBlock);
			if (block.isPresent()) {
				tables.computeIfAbsent(reject.table(), t -> new PrefixTable())
						.add(block.get(), new Candidate(null, reject, reject.metric(), order++));
			}
		}
		if (!scopedSkipped.isEmpty()) {
			RouteEntry example = scopedSkipped.stream().filter(r -> r.destination().endsWith("/0")).findFirst()
					.orElse(scopedSkipped.get(0));
			why.add(scopedSkipped.size() + " interface-scoped route(s) (macOS I flag) left out: they serve only sockets "
					+ "bound to their interface, such as " + describe(example) + ".");
		}

		Optional<Candidate> winner = Optional.empty();
		Optional<Match> winningMatch = Optional.empty();
		String winningTable = null;
		for (Step step : lookupOrder(tables, extras, ipv6, why)) {
			if (step.action() != null) {
				why.add("Policy rule " + step.priority() + " ends the lookup: '" + step.action() + "'.");
				break;
			}
			PrefixTable table = tables.get(step.table());
			Optional<Match> match = table == null ? Optional.empty() : table.longestMatch(target);
			if (match.isEmpty()) {
				continue;
			}
			Candidate best = match.get().best();
			if (step.suppress() >= 0 && match.get().prefixLength() <= step.suppress()) {
				why.add("Table " + step.table() + " would use " + best.destination() + ", but rule " + step.priority()
						+ " ignores matches of prefix length " + step.suppress() + " or less (suppress_prefixlength): "
						+ "that is how wg-quick lets only its own default route apply.");
				continue;
			}
			if (best.reject() != null) {
				if (best.reject().type().equals("throw")) {
					why.add("Table " + step.table() + " has 'throw " + best.destination()
							+ "': the lookup goes on with the next rule.");
					continue;
				}
				why.add("Table " + step.table() + " has '" + best.reject().type() + " " + best.destination()
						+ "': the system refuses to send to " + shown + ".");
				break;
			}
			winner = Optional.of(best);
			winningMatch = match;
			winningTable = step.table();
			break;
		}

		if (winner.isEmpty()) {
			why.add("No route matches " + shown + ": the system would report the network as unreachable, and no "
					+ "packet to it leaves this machine.");
			return new RouteDecision(shown, Optional.empty(), Optional.empty(), Optional.empty(), false,
					Optional.empty(), -1, true, why);
		}
		RouteEntry route = winner.get().route();
		explainMatch(route, winningMatch.get(), winningTable, tables, target, snapshot, why);
		Optional<NetworkInterfaceInfo> egress = snapshot.interfaces().stream()
				.filter(i -> i.name().equals(route.interfaceName())).findFirst();
		Optional<String> source = Optional.ofNullable(extras.preferredSources().get(route))
				.or(() -> egress.flatMap(i -> sourceOf(i, ipv6, target.isLinkLocal())));
		// The kind decides, not the state: a route into a VPN interface goes into the tunnel, up or not.
		boolean viaVpn = egress.map(i -> i.kind() == InterfaceKind.VPN).orElse(false);
		Optional<String> product = viaVpn ? egress.get().vpnProduct() : Optional.empty();
		int mtu = egress.map(NetworkInterfaceInfo::mtu).orElse(-1);
		explainEgress(route, egress, viaVpn, mtu, why);
		return new RouteDecision(shown, Optional.of(route), Optional.of(route.interfaceName()), source, viaVpn, product,
				mtu, true, why);
	}

	private record Step(int priority, String table, int suppress, String action) {
	}

	/**
	 * The tables in the order the kernel consults them. Linux with known rules: the rules an
	 * unmarked packet from this machine matches. Linux tables without their rules: the wg-quick /
	 * Tailscale arrangement is assumed and said. One table: just that table.
	 */
	private static List<Step> lookupOrder(Map<String, PrefixTable> tables, SnapshotExtras extras, boolean ipv6,
			List<String> why) {
		List<Step> steps = new ArrayList<>();
		if (extras.rulesKnown() && !extras.rules().isEmpty()) {
			for (PolicyRule rule : extras.rules()) {
				if (rule.family() != 0 && (rule.family() == 6) != ipv6) {
					continue;
				}
				if (!rule.matchesLocalUnmarked()) {
					continue;
				}
				if (rule.table() != null && !List.of(LOCAL, MAIN, DEFAULT).contains(rule.table())
						&& tables.containsKey(rule.table())) {
					why.add("Policy rule " + rule.priority() + (rule.inverted() ? " (not fwmark " + rule.fwmark() + ")" : "")
							+ " sends this machine's unmarked packets to table " + rule.table() + ".");
				}
				steps.add(new Step(rule.priority(), rule.table(), rule.suppressPrefixLength().orElse(-1), rule.action()));
			}
			return steps;
		}
		TreeSet<String> extraTables = new TreeSet<>();
		for (String table : tables.keySet()) {
			if (!List.of(LOCAL, MAIN, DEFAULT).contains(table)) {
				extraTables.add(table);
			}
		}
		steps.add(new Step(0, LOCAL, -1, null));
		if (!extraTables.isEmpty()) {
			why.add("Routing table(s) " + String.join(", ", extraTables) + " exist but the policy rules (ip rule) were "
					+ "not given; assumed as wg-quick and Tailscale set them up: main's specific routes first, then "
					+ String.join(", ", extraTables) + ", then main's default.");
			steps.add(new Step(32764, MAIN, 0, null));
			for (String table : extraTables) {
				steps.add(new Step(32765, table, -1, null));
			}
		}
		steps.add(new Step(32766, MAIN, -1, null));
		steps.add(new Step(32767, DEFAULT, -1, null));
		return steps;
	}

	private static void explainMatch(RouteEntry route, Match match, String table, Map<String, PrefixTable> tables,
			IPAddress target, NetworkSnapshot snapshot, List<String> why) {
		String shown = target.toCanonicalString();
		String where = table.equals(MAIN) || tables.size() == 1 ? "" : " in table " + table;
		boolean isDefault = match.prefixLength() == 0;
		if (isDefault) {
			why.add("No more specific route contains " + shown + ": the default route " + describe(route) + where
					+ " applies.");
		} else {
			Optional<RouteEntry> defaultRoute = snapshot.routes().stream()
					.filter(r -> r.destination().equals(Addresses.defaultRoute(target.isIPv6())) && !r.scoped())
					.findFirst();
			why.add("Longest prefix: " + route.destination() + " is the most specific route containing " + shown + where
					+ " (prefix length " + match.prefixLength() + "), so it wins over any shorter one"
					+ defaultRoute.map(d -> ", the default route " + describe(d) + " included").orElse("") + ".");
		}
		if (match.candidates().size() > 1) {
			Candidate loser = match.candidates().get(1);
			why.add(match.candidates().size() + " routes share " + route.destination() + "; the lowest metric wins: "
					+ route.metric() + " via " + route.interfaceName() + " over " + loser.metric() + " via "
					+ (loser.route() != null ? loser.route().interfaceName() : loser.reject().type())
					+ (snapshot.origin().contains("route print") || snapshot.origin().contains("Get-NetRoute")
							? " (on Windows the metric is route metric plus interface metric)"
							: "")
					+ ".");
		}
		boolean halfSpace = !isDefault && match.prefixLength() <= (target.isIPv4() ? 1 : 3);
		if (halfSpace) {
			Optional<RouteEntry> physicalDefault = snapshot.routes().stream()
					.filter(r -> r.destination().equals(Addresses.defaultRoute(target.isIPv6())) && !r.scoped()
							&& !r.interfaceName().equals(route.interfaceName()))
					.findFirst();
			why.add("Full-tunnel trick: the VPN installs " + (target.isIPv4() ? "0.0.0.0/1 and 128.0.0.0/1" : "short prefixes")
					+ " through " + route.interfaceName() + "; together they cover every address and, being longer than /0, "
					+ "beat the default route"
					+ physicalDefault.map(d -> " " + describe(d) + ", which stays in place").orElse("") + ".");
		}
	}

	private static void explainEgress(RouteEntry route, Optional<NetworkInterfaceInfo> egress, boolean viaVpn, int mtu,
			List<String> why) {
		String gateway = route.gateway().map(g -> "to the gateway " + g).orElse("directly (on-link, no gateway)");
		if (egress.isEmpty()) {
			why.add("Packets leave " + gateway + " through '" + route.interfaceName() + "'"
					+ (Addresses.parse(route.interfaceName()).isPresent()
							? ", the interface with that address; paste ipconfig /all too to name the adapter and tell whether it is a VPN."
							: "; the interface itself was not in the paste."));
			return;
		}
		NetworkInterfaceInfo info = egress.get();
		if (!info.up()) {
			why.add(info.name() + " is down" + (viaVpn ? " (no carrier: the VPN program is not attached to it)" : "")
					+ ", yet the route leads into it: packets to this target are dropped there.");
		}
		String named = info.name() + (info.displayName().equals(info.name()) ? "" : " (" + info.displayName() + ")");
		if (viaVpn) {
			why.add("Packets leave " + gateway + " through " + named + ", a VPN interface"
					+ info.vpnProduct().map(p -> " of " + p).orElse("") + ": the path goes through the tunnel"
					+ (mtu > 0 ? ", MTU " + mtu : "") + ".");
		} else {
			why.add("Packets leave " + gateway + " through " + named + " (" + info.kind().name().toLowerCase()
					+ "), outside any VPN" + (mtu > 0 ? ", MTU " + mtu : "") + ".");
		}
		if (!viaVpn && mtu > 0 && mtu <= 1420 && mtu >= 1280 && info.kind() != InterfaceKind.LOOPBACK) {
			why.add("MTU " + mtu + " is typical of a tunnel (1300-1420): a VPN that carries traffic inside TCP would not "
					+ "show in the routing table.");
		}
	}

	static Optional<String> sourceOf(NetworkInterfaceInfo info, boolean ipv6, boolean linkLocalTarget) {
		return info.addresses().stream().filter(a -> Addresses.isIpv6(a) == ipv6)
				.filter(a -> linkLocalTarget || !Addresses.isLinkLocal(a)).findFirst()
				.flatMap(Addresses::address);
	}

	static String describe(RouteEntry route) {
		return route.destination() + route.gateway().map(g -> " via " + g).orElse("") + " on " + route.interfaceName()
				+ (route.metric() != 0 ? " (metric " + route.metric() + ")" : "");
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		return text.length() <= 60 ? text : text.substring(0, 57) + "...";
	}
}
