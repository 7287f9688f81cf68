package org.mediapath.route.parse;

import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.RejectRoute;

/** {@code /proc/net/ipv6_route}: every IPv6 table merged, in hex, one route per line. */
public final class ProcNetIpv6RouteParser implements SegmentParser {

	private static final long RTF_GATEWAY = 0x2;
	private static final long RTF_REJECT = 0x200;
	private static final long RTF_LOCAL = 0x80000000L;

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.PROC_NET_IPV6_ROUTE.label());
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			String[] t = Lines.tokens(line);
			try {
				if (t.length != 10 || t[0].length() != 32 || t[4].length() != 32) {
					throw new IllegalArgumentException("not 10 columns");
				}
				int prefix = Integer.parseInt(t[1], 16);
				String destination = Addresses.network(ipv6(t[0]) + "/" + prefix).orElseThrow();
				long metric = Long.parseLong(t[5], 16);
				long flags = Long.parseLong(t[8], 16);
				String table = (flags & RTF_LOCAL) != 0 ? "local" : "main";
				if ((flags & RTF_REJECT) != 0) {
					capture.rejectRoutes.add(new RejectRoute("unreachable", destination, table, metric));
					continue;
				}
				Optional<String> gateway = (flags & RTF_GATEWAY) != 0 ? Addresses.address(ipv6(t[4])) : Optional.empty();
				capture.addRoute(new RouteEntry(destination, gateway, t[9], (int) Math.min(Integer.MAX_VALUE, metric),
						table, false), null);
			} catch (RuntimeException e) {
				capture.warn("line " + (segment.firstLine() + i) + " (/proc/net/ipv6_route): not understood: "
						+ Lines.quote(line));
			}
		}
	}

	private static String ipv6(String hex) {
		StringBuilder text = new StringBuilder(39);
		for (int k = 0; k < 32; k += 4) {
			if (k > 0) {
				text.append(':');
			}
			text.append(hex, k, k + 4);
		}
		return text.toString();
	}
}
