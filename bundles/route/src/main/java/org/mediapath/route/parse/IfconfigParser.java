package org.mediapath.route.parse;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

/**
 * {@code ifconfig} of macOS and of Linux net-tools ({@code flags=...<...> mtu N} headers). macOS
 * writes netmasks in hex, Linux dotted; point-to-point lines carry {@code --> peer}.
 */
public final class IfconfigParser implements SegmentParser {

	private static final Pattern HEADER = Pattern
			.compile("^([A-Za-z][\\w.\\-]*):\\s+flags=\\d+<([^>]*)>(?:\\s+mtu\\s+(\\d+))?.*$");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.IFCONFIG.label());
		InterfaceData current = null;
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.length() > FormatDetector.MAX_LINE) {
				continue;
			}
			Matcher m = HEADER.matcher(line);
			if (m.matches()) {
				current = capture.iface(m.group(1));
				List<String> flags = List.of(m.group(2).split(","));
				current.up = flags.contains("UP") && flags.contains("RUNNING");
				current.pointToPoint = flags.contains("POINTOPOINT");
				if (flags.contains("LOOPBACK")) {
					current.linkType = "loopback";
				}
				if (m.group(3) != null) {
					current.mtu = Lines.parseInt(m.group(3), -1);
				}
				continue;
			}
			if (current == null || !Character.isWhitespace(line.charAt(0))) {
				capture.warn("line " + (segment.firstLine() + i) + " (ifconfig): not understood: " + Lines.quote(line));
				continue;
			}
			String[] t = Lines.tokens(line);
			if (t[0].equals("inet") && t.length > 1) {
				int prefix = 32;
				for (int k = 2; k + 1 < t.length; k++) {
					if (t[k].equals("netmask")) {
						prefix = t[k + 1].startsWith("0x") ? hexMaskLength(t[k + 1]) : Addresses.maskLength(t[k + 1]);
					}
				}
				add(current, t[1], prefix, capture, segment, i, line);
			} else if (t[0].equals("inet6") && t.length > 1) {
				int prefix = 128;
				for (int k = 2; k + 1 < t.length; k++) {
					if (t[k].equals("prefixlen")) {
						prefix = Lines.parseInt(t[k + 1], -1);
					}
				}
				add(current, t[1], prefix, capture, segment, i, line);
			} else if (t[0].equals("ether")) {
				current.linkType = current.linkType.isEmpty() ? "ether" : current.linkType;
			} else if (t[0].equals("status:") && t.length > 1 && t[1].equals("inactive")) {
				current.up = false;
			}
		}
	}

	private static void add(InterfaceData data, String address, int prefix, Capture capture, Segment segment, int i,
			String line) {
		Addresses.hostWithPrefix(Addresses.stripZone(address), prefix).ifPresentOrElse(data::addAddress,
				() -> capture.warn("line " + (segment.firstLine() + i) + " (ifconfig): bad address " + Lines.quote(line)));
	}

	private static int hexMaskLength(String hex) {
		try {
			long mask = Long.parseLong(hex.substring(2), 16);
			return Long.bitCount(mask & 0xffffffffL);
		} catch (NumberFormatException e) {
			return -1;
		}
	}
}
