package org.mediapath.route.parse;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.RejectRoute;

/**
 * {@code ip route} / {@code ip route show table all} / {@code ip -6 route} text. Keywords, not
 * columns: iproute2 prints only the attributes a route has, in a fixed order of keywords.
 */
public final class IpRouteTextParser implements SegmentParser {

	static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast", "unreachable",
			"blackhole", "prohibit", "throw", "nat");
	static final Set<String> REJECT_TYPES = Set.of("unreachable", "blackhole", "prohibit", "throw");
	static final Set<String> IGNORED_TYPES = Set.of("broadcast", "multicast", "anycast", "nat");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.IP_ROUTE.label());
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.length() > FormatDetector.MAX_LINE) {
				if (!line.isBlank()) {
					capture.warn("line " + (segment.firstLine() + i) + " (ip route): too long, ignored");
				}
				continue;
			}
			if (Character.isWhitespace(line.charAt(0)) && line.strip().startsWith("nexthop")) {
				continue; // consumed with its route
			}
			String[] t = Lines.tokens(line);
			// Multipath routes list their next hops on the lines below; the first one stands for the route.
			if (!line.contains(" dev ") && i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("nexthop")) {
				t = Lines.tokens(line + " " + lines.get(i + 1).strip().substring("nexthop".length()));
			}
			if (!parseRoute(t, 0, capture)) {
				capture.warn("line " + (segment.firstLine() + i) + " (ip route): not understood: " + Lines.quote(line));
			}
		}
	}

	/**
	 * @param t tokens of one route
	 * @param family 4, 6, or 0 to tell from the route itself
	 * @return false if it is not a route
	 */
	static boolean parseRoute(String[] t, int family, Capture capture) {
		int i = 0;
		String type = "unicast";
		if (t.length > 0 && TYPES.contains(t[0])) {
			type = t[0];
			i++;
		}
		if (i >= t.length) {
			return false;
		}
		String dst = t[i++];
		String via = null;
		String dev = null;
		String table = "main";
		long metric = 0;
		String src = null;
		boolean pref = false;
		for (; i < t.length; i++) {
			String key = t[i];
			boolean hasValue = i + 1 < t.length;
			switch (key) {
			case "via":
				if (hasValue && (t[i + 1].equals("inet") || t[i + 1].equals("inet6")) && i + 2 < t.length) {
					i++;
				}
				if (i + 1 < t.length) {
					via = t[++i];
				}
				break;
			case "dev":
				if (hasValue) {
					dev = t[++i];
				}
				break;
			case "table":
				if (hasValue) {
					table = t[++i];
				}
				break;
			case "metric":
			case "preference":
				if (hasValue) {
					try {
						metric = Long.parseLong(t[++i]);
					} catch (NumberFormatException e) {
						return false;
					}
				}
				break;
			case "src":
				if (hasValue) {
					src = t[++i];
				}
				break;
			case "pref":
				pref = true;
				i++;
				break;
			case "proto":
			case "scope":
			case "mtu":
			case "advmss":
			case "from":
			case "tos":
			case "dsfield":
			case "realm":
			case "realms":
			case "expires":
			case "error":
			case "hoplimit":
			case "weight":
			case "nhid":
				if (hasValue && t[i + 1].equals("lock")) {
					i++;
				}
				i++;
				break;
			default:
				break; // flags such as linkdown, onlink, dead: no value
			}
		}
		int fam = family != 0 ? family
				: dst.indexOf(':') >= 0 || (via != null && via.indexOf(':') >= 0)
						|| (src != null && src.indexOf(':') >= 0) || pref ? 6 : 4;
		Optional<String> destination = destination(dst, fam == 6);
		if (destination.isEmpty()) {
			return false;
		}
		if (IGNORED_TYPES.contains(type)) {
			return true;
		}
		if (REJECT_TYPES.contains(type)) {
			capture.rejectRoutes.add(new RejectRoute(type, destination.get(), table, metric));
			return true;
		}
		if (dev == null) {
			return false;
		}
		Optional<String> gateway = via == null ? Optional.empty() : Addresses.address(via);
		if (via != null && gateway.isEmpty()) {
			return false;
		}
		capture.addRoute(new RouteEntry(destination.get(), gateway, dev, (int) Math.min(Integer.MAX_VALUE, metric),
				table, false), src == null ? null : Addresses.address(src).orElse(null));
		return true;
	}

	static Optional<String> destination(String dst, boolean ipv6) {
		if (dst.equals("default")) {
			return Optional.of(Addresses.defaultRoute(ipv6));
		}
		return Addresses.network(dst);
	}
}
