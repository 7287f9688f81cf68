package org.mediapath.route.parse;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.RejectRoute;

/**
 * {@code netstat -rn} of macOS (and the BSD-style Linux {@code netstat -rn} / {@code route -n}).
 * Columns are found from the header because macOS versions differ (Refs/Use were dropped) and
 * Expire is often empty. macOS abbreviates networks ({@code 10.8/16}, {@code 192.168.1}) and marks
 * interface-scoped routes with the {@code I} flag: those serve only sockets bound to their
 * interface, which is how a VPN taking the default keeps the physical default alive.
 */
public final class NetstatParser implements SegmentParser {

	private static final Pattern MAC = Pattern.compile("^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5,7}$");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.NETSTAT.label());
		int netif = -1;
		int genmask = -1;
		int flagsColumn = 2;
		int metricColumn = -1;
		Boolean ipv6 = null;
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			String stripped = line.strip();
			if (stripped.isEmpty() || line.length() > FormatDetector.MAX_LINE || stripped.equals("Routing tables")
					|| stripped.equals("Kernel IP routing table")) {
				continue;
			}
			if (stripped.equals("Internet:")) {
				ipv6 = false;
				continue;
			}
			if (stripped.equals("Internet6:")) {
				ipv6 = true;
				continue;
			}
			String[] t = Lines.tokens(line);
			if (t[0].equals("Destination")) {
				List<String> header = List.of(t);
				netif = header.indexOf("Netif") >= 0 ? header.indexOf("Netif") : header.indexOf("Iface");
				genmask = header.indexOf("Genmask");
				flagsColumn = Math.max(header.indexOf("Flags"), 0);
				metricColumn = header.indexOf("Metric");
				continue;
			}
			if (netif < 0 || t.length <= Math.max(netif, flagsColumn) || (genmask >= 0 && t.length <= genmask)) {
				capture.warn("line " + (segment.firstLine() + i) + " (netstat -rn): not understood: " + Lines.quote(line));
				continue;
			}
			String flags = t[flagsColumn];
			boolean rowIpv6 = ipv6 != null ? ipv6 : t[0].indexOf(':') >= 0;
			Optional<String> destination = genmask >= 0 ? linuxDestination(t[0], t[genmask])
					: macDestination(t[0], rowIpv6, flags);
			if (destination.isEmpty()) {
				capture.warn("line " + (segment.firstLine() + i) + " (netstat -rn): bad destination " + Lines.quote(line));
				continue;
			}
			if (flags.contains("R") || flags.contains("B")) {
				capture.rejectRoutes.add(new RejectRoute(flags.contains("B") ? "blackhole" : "unreachable",
						destination.get(), "main", 0));
				continue;
			}
			String gatewayText = t[1];
			Optional<String> gateway = gatewayText.startsWith("link#") || MAC.matcher(gatewayText).matches()
					? Optional.empty()
					: Addresses.address(gatewayText).filter(g -> !g.equals("0.0.0.0"));
			int metric = metricColumn >= 0 && t.length > metricColumn ? Lines.parseInt(t[metricColumn], 0) : 0;
			capture.addRoute(new RouteEntry(destination.get(), gateway, t[netif], metric, "main", flags.contains("I")),
					null);
		}
	}

	private static Optional<String> linuxDestination(String dest, String mask) {
		int prefix = Addresses.maskLength(mask);
		return prefix < 0 ? Optional.empty() : Addresses.network(dest + "/" + prefix);
	}

	/** macOS drops trailing zero octets: "127" is 127.0.0.0/8, "192.168.1" a /24, unless a /len is given. */
	static Optional<String> macDestination(String dest, boolean ipv6, String flags) {
		if (dest.equals("default")) {
			return Optional.of(Addresses.defaultRoute(ipv6));
		}
		String withoutZone = Addresses.stripZone(dest);
		if (ipv6 || withoutZone.indexOf(':') >= 0) {
			return Addresses.network(withoutZone.indexOf('/') < 0 ? withoutZone + "/128" : withoutZone);
		}
		int slash = withoutZone.indexOf('/');
		String address = slash < 0 ? withoutZone : withoutZone.substring(0, slash);
		String[] octets = address.split("\\.", -1);
		if (octets.length < 1 || octets.length > 4) {
			return Optional.empty();
		}
		StringBuilder full = new StringBuilder(address);
		for (int k = octets.length; k < 4; k++) {
			full.append(".0");
		}
		int prefix = slash >= 0 ? Lines.parseInt(withoutZone.substring(slash + 1), -1)
				: octets.length == 4 ? 32 : octets.length * 8;
		return prefix < 0 ? Optional.empty() : Addresses.network(full + "/" + prefix);
	}
}
