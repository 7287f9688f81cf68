package org.mediapath.api.net;

import java.util.PrimitiveIterator;
import java.util.stream.IntStream;

/**
 * An inclusive range of TCP or UDP ports, such as the server's media ports 30000-33000.
 *
 * @param first the lowest port, 1-65535
 * @param last the highest port, {@code first}-65535
 */
public record PortRange(int first, int last) implements Iterable<Integer> {

	/** The lowest port number a range may hold. */
	public static final int MIN_PORT = 1;
	/** The highest port number a range may hold. */
	public static final int MAX_PORT = 65535;

	/** @throws IllegalArgumentException if a port is out of 1-65535 or the range is reversed */
	public PortRange {
		checkPort(first, "first port");
		checkPort(last, "last port");
		if (first > last) {
			throw new IllegalArgumentException("port range " + first + "-" + last + " is reversed: write it as "
					+ last + "-" + first);
		}
	}

	/**
	 * A range of one port.
	 *
	 * @param port the port, 1-65535
	 * @return the range holding only that port
	 */
	public static PortRange of(int port) {
		return new PortRange(port, port);
	}

	/**
	 * Parses {@code FIRST-LAST} or a single {@code PORT}, as typed on a command line or in a form.
	 *
	 * @param field the name of the field or option the text came from, used in the error message
	 * @param text the text to parse
	 * @return the range
	 * @throws IllegalArgumentException naming the field and what was wrong with the text
	 */
	public static PortRange parse(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException(field + ": a port range is required, e.g. 30000-33000");
		}
		String trimmed = text.strip();
		int dash = trimmed.indexOf('-', 1);
		try {
			if (dash < 0) {
				return of(parsePort(trimmed));
			}
			return new PortRange(parsePort(trimmed.substring(0, dash)), parsePort(trimmed.substring(dash + 1)));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(field + ": '" + trimmed + "' is not a valid port range: " + e.getMessage(),
					e);
		}
	}

	/** @return how many ports the range holds */
	public int size() {
		return last - first + 1;
	}

	/**
	 * @param port a port number
	 * @return whether the range holds it
	 */
	public boolean contains(int port) {
		return port >= first && port <= last;
	}

	/** @return the ports in ascending order */
	public IntStream ports() {
		return IntStream.rangeClosed(first, last);
	}

	@Override
	public PrimitiveIterator.OfInt iterator() {
		return ports().iterator();
	}

	/** @return {@code FIRST-LAST}, or the single port; the form {@link #parse} reads */
	@Override
	public String toString() {
		return first == last ? Integer.toString(first) : first + "-" + last;
	}

	private static int parsePort(String text) {
		String digits = text.strip();
		if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("'" + digits + "' is not a port number");
		}
		int port = Integer.parseInt(digits);
		checkPort(port, "port");
		return port;
	}

	private static void checkPort(int port, String what) {
		if (port < MIN_PORT || port > MAX_PORT) {
			throw new IllegalArgumentException(what + " " + port + " is outside " + MIN_PORT + "-" + MAX_PORT);
		}
	}
}
