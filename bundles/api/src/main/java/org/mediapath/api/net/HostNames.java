package org.mediapath.api.net;

/**
 * Syntax checks for host names and literal addresses typed by users. They only say whether a
 * text could name a host; they never resolve it.
 */
public final class HostNames {

	private static final int MAX_NAME_LENGTH = 253;

	private HostNames() {
	}

	/**
	 * @param host the text
	 * @return whether it is a syntactically valid DNS name, IPv4 address or IPv6 address (without
	 *         brackets, optionally with a {@code %zone})
	 */
	public static boolean isValid(String host) {
		if (host == null || host.isEmpty() || host.length() > MAX_NAME_LENGTH) {
			return false;
		}
		if (host.indexOf(':') >= 0) {
			return isIpv6Literal(host);
		}
		String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (name.isEmpty()) {
			return false;
		}
		for (String label : name.split("\\.", -1)) {
			if (!isLabel(label)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @param field the option or form field the text came from
	 * @param host the text
	 * @return the host, unchanged
	 * @throws IllegalArgumentException naming the field, if the text cannot name a host
	 */
	public static String requireValid(String field, String host) {
		if (!isValid(host)) {
			throw new IllegalArgumentException(field + ": '" + abbreviate(host)
					+ "' is not a host name or IP address (letters, digits, '-' and '.' for names)");
		}
		return host;
	}

	private static boolean isLabel(String label) {
		if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
			return false;
		}
		return label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
	}

	static boolean isIpv6Literal(String host) {
		int zone = host.indexOf('%');
		String address = zone < 0 ? host : host.substring(0, zone);
		if (zone >= 0 && !host.substring(zone + 1).chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'))) {
			return false;
		}
		// ASCII only: Character.digit also takes other scripts' digits and fullwidth letters as hex digits.
		if (address.length() < 2 || address.chars().anyMatch(c -> !(isAsciiHexDigit(c) || c == ':' || c == '.'))) {
			return false;
		}
		// A single ':' at either end ("1:2:3:4:5:6:7:8:") is no IPv6 address; only "::" may stand there.
		if ((address.startsWith(":") && !address.startsWith("::")) || (address.endsWith(":") && !address.endsWith("::"))) {
			return false;
		}
		int doubleColon = address.indexOf("::");
		if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
			return false;
		}
		String[] groups = address.split(":", -1);
		int count = 0;
		for (int i = 0; i < groups.length; i++) {
			String group = groups[i];
			if (group.isEmpty()) {
				continue;
			}
			if (group.indexOf('.') >= 0) {
				if (i != groups.length - 1 || !isIpv4Literal(group)) {
					return false;
				}
				count += 2;
			} else if (group.length() > 4 || group.indexOf('.') >= 0) {
				return false;
			} else {
				count++;
			}
		}
		return doubleColon >= 0 ? count < 8 : count == 8;
	}

	static boolean isIpv4Literal(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
					|| Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiHexDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		return text.length() <= 80 ? text : text.substring(0, 77) + "...";
	}
}
