package org.mediapath.route.parse;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

/**
 * Windows {@code route print}. Its titles and column headers are translated ("Aktive Routen:",
 * "Auf Verbindung"), so rows are recognised by their shape: IPv4 rows are four address-like
 * columns and a metric, the interface being an address; IPv6 rows start with the interface index
 * and a metric, and a long destination pushes the gateway onto the next line. Rows after the
 * second rule of a table are persistent routes: configured, not necessarily in effect.
 */
public final class RoutePrintParser implements SegmentParser {

	private static final String V4 = "\\d{1,3}(?:\\.\\d{1,3}){3}";
	private static final Pattern INTERFACE = Pattern.compile("^\\s*(\\d+)\\s*\\.\\.\\.((?:[0-9a-fA-F]{2} )*)\\.*(.*)$");
	private static final Pattern ROW_V4 = Pattern
			.compile("^\\s*(" + V4 + ")\\s+(" + V4 + ")\\s+(\\S.*?)\\s+(" + V4 + ")\\s+(\\d+)\\s*$");
	private static final Pattern ROW_V6 = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)\\s+([0-9a-fA-F:.]+/\\d+)\\s*(\\S.*)?$");
	private static final Pattern RULE = Pattern.compile("^={20,}\\s*$");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.ROUTE_PRINT.label());
		List<String> lines = segment.lines();
		int rules = 0;
		boolean persistent = false;
		int skippedPersistent = 0;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.length() > FormatDetector.MAX_LINE) {
				continue;
			}
			if (RULE.matcher(line).matches()) {
				rules++;
				persistent = rules >= 2;
				continue;
			}
			if (line.contains("IPv4") || line.contains("IPv6")) {
				if (!ROW_V6.matcher(line).matches()) {
					rules = 0;
					persistent = false;
					continue;
				}
			}
			if (persistent) {
				// Persistent routes are configuration, in a layout of their own (no interface column).
				if (!isKnownText(line)) {
					skippedPersistent++;
				}
				continue;
			}
			Matcher m = INTERFACE.matcher(line);
			if (m.matches()) {
				String description = m.group(3).strip();
				InterfaceData data = capture.iface(description.isEmpty() ? "interface " + m.group(1) : description);
				data.displayName = description;
				data.index = Lines.parseInt(m.group(1), -1);
				if (description.toLowerCase().contains("loopback")) {
					data.linkType = "loopback";
				}
				continue;
			}
			m = ROW_V4.matcher(line);
			if (m.matches()) {
				if (persistent) {
					skippedPersistent++;
					continue;
				}
				int prefix = Addresses.maskLength(m.group(2));
				Optional<String> destination = Addresses.network(m.group(1) + "/" + Math.max(prefix, 0));
				if (prefix < 0 || destination.isEmpty()) {
					capture.warn("line " + (segment.firstLine() + i) + " (route print): bad netmask " + Lines.quote(line));
					continue;
				}
				// Gateway "On-link" is translated; an address is not.
				Optional<String> gateway = Addresses.address(m.group(3).strip()).filter(g -> g.indexOf(':') < 0);
				capture.addRoute(new RouteEntry(destination.get(), gateway, m.group(4), Lines.parseInt(m.group(5), 0),
						"main", false), m.group(4));
				continue;
			}
			m = ROW_V6.matcher(line);
			if (m.matches()) {
				String gatewayText = m.group(4);
				if (gatewayText == null && i + 1 < lines.size() && !lines.get(i + 1).isBlank()
						&& !ROW_V6.matcher(lines.get(i + 1)).matches() && !RULE.matcher(lines.get(i + 1)).matches()) {
					gatewayText = lines.get(++i).strip();
				}
				if (persistent) {
					skippedPersistent++;
					continue;
				}
				Optional<String> destination = Addresses.network(m.group(3));
				if (destination.isEmpty()) {
					capture.warn("line " + (segment.firstLine() + i) + " (route print): bad destination "
							+ Lines.quote(line));
					continue;
				}
				Optional<String> gateway = gatewayText == null ? Optional.empty()
						: Addresses.address(gatewayText.strip()).filter(g -> g.indexOf(':') >= 0);
				capture.addRoute(new RouteEntry(destination.get(), gateway, Capture.INDEX_REF + m.group(1),
						Lines.parseInt(m.group(2), 0), "main", false), null);
				continue;
			}
			if (isKnownText(line)) {
				continue;
			}
			capture.warn("line " + (segment.firstLine() + i) + " (route print): not understood: " + Lines.quote(line));
		}
		if (skippedPersistent > 0) {
			capture.warn(skippedPersistent + " persistent route(s) of route print not counted: they are configured, "
					+ "the active routes above them are what is in effect");
		}
	}

	/**
	 * Titles, column headers and "None" lines: text without a digit-led column structure. Their
	 * wording is translated, so they are told by having no address-like token at all.
	 */
	private static boolean isKnownText(String line) {
		String stripped = line.strip();
		return stripped.endsWith(":") || !stripped.matches(".*\\d+\\.\\d+\\.\\d+.*|.*[0-9a-fA-F]+::.*");
	}
}
