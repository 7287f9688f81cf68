package org.mediapath.route.parse;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

/** {@code ip addr} / {@code ip -d addr} text: a header line per interface, its details indented below. */
public final class IpAddrTextParser implements SegmentParser {

	private static final Pattern HEADER = Pattern
			.compile("^(\\d+):\\s+([^:@\\s]+)(?:@\\S+)?:\\s+<([^>]*)>(.*)$");
	/** Link kinds {@code ip -d} prints on a line of their own; they tell a tunnel from a bridge. */
	private static final Set<String> KINDS = Set.of("wireguard", "tun", "bridge", "veth", "vxlan", "macvlan",
			"ipvlan", "ipip", "gre", "gretap", "sit", "vti", "vti6", "xfrm", "dummy", "vrf", "ip6tnl", "geneve");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.IP_ADDR.label());
		InterfaceData current = null;
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			if (line.length() > FormatDetector.MAX_LINE) {
				capture.warn("line " + (segment.firstLine() + i) + " (ip addr): too long, ignored");
				continue;
			}
			Matcher header = HEADER.matcher(line);
			if (header.matches()) {
				current = capture.iface(header.group(2));
				current.index = Lines.parseInt(header.group(1), -1);
				applyFlags(current, List.of(header.group(3).split(",")));
				String[] rest = Lines.tokens(header.group(4));
				for (int k = 0; k + 1 < rest.length; k++) {
					if (rest[k].equals("mtu")) {
						current.mtu = Lines.parseInt(rest[k + 1], -1);
					}
				}
				continue;
			}
			if (current == null || !Character.isWhitespace(line.charAt(0))) {
				capture.warn("line " + (segment.firstLine() + i) + " (ip addr): not understood: " + Lines.quote(line));
				continue;
			}
			String[] t = Lines.tokens(line);
			if (t[0].startsWith("link/")) {
				current.linkType = t[0].substring("link/".length());
			} else if ((t[0].equals("inet") || t[0].equals("inet6")) && t.length > 1) {
				String local = t[1];
				if (t.length > 3 && t[2].equals("peer")) {
					// Point-to-point: the prefix printed belongs to the peer; the local address is a host.
					local = local.indexOf('/') < 0 ? local + (t[0].equals("inet") ? "/32" : "/128") : local;
				}
				int slash = local.indexOf('/');
				String cidr = slash < 0 ? null
						: Addresses.hostWithPrefix(local.substring(0, slash), Lines.parseInt(local.substring(slash + 1), -1))
								.orElse(null);
				if (cidr == null) {
					capture.warn("line " + (segment.firstLine() + i) + " (ip addr): bad address " + Lines.quote(t[1]));
				} else {
					current.addAddress(cidr);
				}
			} else if (KINDS.contains(t[0])) {
				current.linkType = t[0].equals("tun") && t.length > 2 && t[1].equals("type") ? t[2] : t[0];
			}
		}
	}

	static void applyFlags(InterfaceData data, List<String> flags) {
		data.up = flags.contains("UP") && !flags.contains("NO-CARRIER");
		data.pointToPoint = flags.contains("POINTOPOINT");
		if (flags.contains("LOOPBACK")) {
			data.linkType = "loopback";
		}
	}
}
