package org.mediapath.route.parse;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

/**
 * Windows {@code ipconfig /all}. Labels are translated, so values are recognised by their shape
 * first (an address, a netmask, a MAC) and labels only where the shape is ambiguous, in the
 * languages most often seen. The adapter description, which names the VPN product, is matched by
 * label or, failing that, taken as the value just before the physical address, where Windows
 * always prints it.
 */
public final class IpconfigParser implements SegmentParser {

	private static final Pattern MAC = Pattern.compile("^[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){5,7}$");
	private static final Pattern V4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}");
	private static final List<String> DESCRIPTION = List.of("description", "beschreibung", "descripción",
			"descripcion", "descrizione", "beschrijving", "descrição", "descricao", "opis", "popis");
	private static final List<String> DISCONNECTED = List.of("disconnected", "getrennt", "déconnecté",
			"desconectado", "disconnesso", "verbroken", "odłączony");
	private static final List<String> MASK = List.of("mask", "maske", "masque", "máscara", "maschera", "masker");
	private static final List<String> WIRELESS = List.of("wireless", "wlan", "wi-fi", "drahtlos", "sans fil",
			"inalámbrica", "wifi");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.IPCONFIG.label());
		InterfaceData current = null;
		String previousValue = null;
		String pendingV4 = null;
		String lastLabel = "";
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.length() > FormatDetector.MAX_LINE) {
				continue;
			}
			if (!Character.isWhitespace(line.charAt(0))) {
				String header = line.strip();
				if (header.endsWith(":")) {
					current = capture.iface(adapterName(header));
					current.up = Boolean.TRUE;
					String lower = header.toLowerCase(Locale.ROOT);
					if (WIRELESS.stream().anyMatch(lower::contains)) {
						current.linkType = "wifi";
					} else if (lower.startsWith("ppp")) {
						current.linkType = "ppp";
					} else if (lower.contains("tunnel")) {
						current.linkType = "tunnel";
					} else if (lower.contains("ethernet")) {
						current.linkType = "ether";
					}
				} else {
					current = null; // the "Windows IP Configuration" title
				}
				previousValue = null;
				pendingV4 = null;
				continue;
			}
			int colon = line.indexOf(" :");
			boolean keyLine = colon > 0 && FormatDetector.isIpconfigKey(line);
			String label = keyLine ? line.substring(0, colon).replaceAll("[ .]+$", "").strip().toLowerCase(Locale.ROOT)
					: lastLabel;
			String value = keyLine ? line.substring(colon + 2).strip() : line.strip();
			if (keyLine) {
				lastLabel = label;
			}
			if (current == null) {
				continue; // host-wide settings
			}
			String bare = value.replaceAll("\\(.*\\)$", "").strip();
			if (MAC.matcher(bare).matches()) {
				if (current.displayName.equals(current.name) && previousValue != null && !previousValue.isEmpty()
						&& Addresses.parse(previousValue).isEmpty()) {
					current.displayName = previousValue;
				}
			} else if (DESCRIPTION.stream().anyMatch(label::startsWith) && !value.isEmpty()) {
				current.displayName = value;
			} else if (DISCONNECTED.stream().anyMatch(value.toLowerCase(Locale.ROOT)::contains)) {
				current.up = Boolean.FALSE;
			} else if (label.contains("ipv6") && bare.indexOf(':') > 0) {
				String address = Addresses.address(bare).orElse(null);
				if (address != null) {
					current.addAddress(address + (Addresses.isLinkLocal(address) ? "/64" : "/128"));
				}
			} else if (pendingV4 != null && MASK.stream().anyMatch(label::contains) && V4.matcher(bare).find()) {
				int prefix = Addresses.maskLength(bare);
				current.addresses.remove(pendingV4 + "/32");
				current.addAddress(pendingV4 + "/" + (prefix < 0 ? 32 : prefix));
				pendingV4 = null;
			} else if ((label.contains("ipv4") || label.contains("ip address") || label.contains("ip-adresse"))
					&& !label.contains("dhcp") && !label.contains("dns") && !label.contains("gateway")
					&& V4.matcher(bare).find() && keyLine) {
				pendingV4 = Addresses.address(bare).orElse(null);
				if (pendingV4 != null) {
					current.addAddress(pendingV4 + "/32"); // until the subnet mask line gives the prefix
				}
			}
			if (keyLine) {
				previousValue = value;
			}
		}
	}

	/** "Ethernet adapter Ethernet 2:" is "Ethernet 2"; translations put the name last, after "adapter". */
	static String adapterName(String header) {
		String withoutColon = header.substring(0, header.length() - 1).strip();
		String lower = withoutColon.toLowerCase(Locale.ROOT);
		int at = lower.lastIndexOf("adapter ");
		if (at >= 0) {
			return withoutColon.substring(at + "adapter ".length()).strip();
		}
		return withoutColon;
	}
}
