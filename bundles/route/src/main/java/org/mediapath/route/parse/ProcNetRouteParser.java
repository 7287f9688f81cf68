package org.mediapath.route.parse;

import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.RejectRoute;

/**
 * {@code /proc/net/route}: the kernel's main IPv4 table in little-endian hex. It shows no other
 * table, so on a wg-quick or Tailscale machine it misses the VPN's default route: the local
 * inspector reads it only when {@code ip} is missing.
 */
public final class ProcNetRouteParser implements SegmentParser {

	private static final int RTF_UP = 0x1;
	private static final int RTF_GATEWAY = 0x2;
	private static final int RTF_REJECT = 0x200;

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.PROC_NET_ROUTE.label());
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.startsWith("Iface")) {
				continue;
			}
			String[] t = Lines.tokens(line);
			try {
				if (t.length < 8) {
					throw new IllegalArgumentException("too few columns");
				}
				String dest = ipv4(t[1]);
				String gateway = ipv4(t[2]);
				int flags = Integer.parseInt(t[3], 16);
				int metric = Lines.parseInt(t[6], 0);
				int prefix = Addresses.maskLength(ipv4(t[7]));
				if (prefix < 0) {
					throw new IllegalArgumentException("mask is not contiguous");
				}
				if ((flags & RTF_UP) == 0) {
					continue;
				}
				String destination = Addresses.network(dest + "/" + prefix).orElseThrow();
				if ((flags & RTF_REJECT) != 0) {
					capture.rejectRoutes.add(new RejectRoute("unreachable", destination, "main", metric));
					continue;
				}
				capture.addRoute(new RouteEntry(destination,
						(flags & RTF_GATEWAY) != 0 ? Optional.of(gateway) : Optional.empty(), t[0], metric, "main", false),
						null);
			} catch (RuntimeException e) {
				capture.warn("line " + (segment.firstLine() + i) + " (/proc/net/route): not understood: "
						+ Lines.quote(line));
			}
		}
	}

	private static String ipv4(String littleEndianHex) {
		if (littleEndianHex.length() != 8) {
			throw new IllegalArgumentException("not 8 hex digits");
		}
		long value = Long.parseLong(littleEndianHex, 16);
		return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 24) & 0xff);
	}
}
