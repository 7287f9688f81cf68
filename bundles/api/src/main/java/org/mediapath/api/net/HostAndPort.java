package org.mediapath.api.net;

import java.util.Objects;

/**
 * A host name or address with a port, such as a responder's control address {@code pbx:2231}.
 * Nothing is resolved here: resolution is a measured step of a diagnosis, not a side effect of
 * parsing.
 *
 * @param host a host name, an IPv4 address, or an IPv6 address without brackets
 * @param port the port, 1-65535
 */
public record HostAndPort(String host, int port) {

	/** @throws IllegalArgumentException if the host is not a plausible name or address, or the port is out of range */
	public HostAndPort {
		Objects.requireNonNull(host, "host");
		HostNames.requireValid("host", host);
		if (port < PortRange.MIN_PORT || port > PortRange.MAX_PORT) {
			throw new IllegalArgumentException("port " + port + " is outside 1-65535");
		}
	}

	/**
	 * Parses {@code HOST:PORT}, {@code [IPV6]:PORT}, or {@code HOST} with a default port.
	 *
	 * @param field the option or form field the text came from, used in the error message
	 * @param text the text to parse
	 * @param defaultPort the port to use when the text names none, or -1 if a port is required
	 * @return the pair
	 * @throws IllegalArgumentException naming the field and what was wrong with the text
	 */
	public static HostAndPort parse(String field, String text, int defaultPort) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException(field + ": a HOST:PORT is required");
		}
		String trimmed = text.strip();
		String host;
		String port = null;
		if (trimmed.startsWith("[")) {
			int close = trimmed.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException(field + ": '" + trimmed + "' has no closing ']'");
			}
			host = trimmed.substring(1, close);
			String rest = trimmed.substring(close + 1);
			if (!rest.isEmpty()) {
				if (!rest.startsWith(":")) {
					throw new IllegalArgumentException(field + ": '" + trimmed + "' must be [ADDRESS]:PORT");
				}
				port = rest.substring(1);
			}
		} else if (trimmed.indexOf(':') != trimmed.lastIndexOf(':')) {
			host = trimmed; // a bare IPv6 address
		} else {
			int colon = trimmed.indexOf(':');
			host = colon < 0 ? trimmed : trimmed.substring(0, colon);
			port = colon < 0 ? null : trimmed.substring(colon + 1);
		}
		try {
			if (port == null) {
				if (defaultPort < 0) {
					throw new IllegalArgumentException("a port is required, e.g. " + host + ":2231");
				}
				return new HostAndPort(host, defaultPort);
			}
			PortRange one = PortRange.parse("port", port);
			if (one.size() != 1) {
				throw new IllegalArgumentException("'" + port.strip() + "' is a range; one port is needed");
			}
			return new HostAndPort(host, one.first());
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(field + ": '" + trimmed + "': " + e.getMessage(), e);
		}
	}

	/** @return {@code HOST:PORT}, with brackets around an IPv6 address */
	@Override
	public String toString() {
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
	}
}
