package org.mediapath.api.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A block of addresses in CIDR notation, such as a VPN's client pool {@code 10.8.0.0/24}. Parsed
 * without DNS; the host bits below the prefix are ignored when testing membership.
 *
 * @param network the block's address (as written)
 * @param prefixLength the number of leading bits that name the block (0-32 for IPv4, 0-128 for IPv6)
 * @since 1.2
 */
public record AddressBlock(InetAddress network, int prefixLength) {

	/** @throws IllegalArgumentException if the prefix length does not fit the address family */
	public AddressBlock {
		Objects.requireNonNull(network, "network");
		int bits = network.getAddress().length * 8;
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-" + bits);
		}
	}

	/**
	 * Parses {@code ADDRESS/PREFIX} (or a single address, as a block of one).
	 *
	 * @param field the option or form field the text came from, used in the error message
	 * @param text the text
	 * @return the block
	 * @throws IllegalArgumentException naming the field and what was wrong
	 */
	public static AddressBlock parse(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException(field + ": an address block such as 10.8.0.0/24 is required");
		}
		String t = text.strip();
		int slash = t.indexOf('/');
		String address = slash < 0 ? t : t.substring(0, slash);
		boolean v4 = HostNames.isIpv4Literal(address);
		if (!v4 && !(address.indexOf(':') >= 0 && address.indexOf('%') < 0 && HostNames.isIpv6Literal(address))) {
			throw new IllegalArgumentException(field + ": '" + abbreviate(t) + "' is not ADDRESS/PREFIX with a literal IPv4 or IPv6 address");
		}
		int bits = v4 ? 32 : 128;
		int prefix = bits;
		if (slash >= 0) {
			String p = t.substring(slash + 1);
			if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
				throw new IllegalArgumentException(field + ": '" + abbreviate(t) + "' has no prefix length after '/'");
			}
			prefix = Integer.parseInt(p);
			if (prefix > bits) {
				throw new IllegalArgumentException(field + ": prefix length " + prefix + " is outside 0-" + bits);
			}
		}
		try {
			return new AddressBlock(InetAddress.getByName(address), prefix);
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException(field + ": '" + abbreviate(t) + "' is not a literal address", e);
		}
	}

	/**
	 * @param address an address
	 * @return whether it lies in the block (an address of the other family never does)
	 */
	public boolean contains(InetAddress address) {
		byte[] a = address.getAddress();
		byte[] n = network.getAddress();
		if (a.length != n.length) {
			return false;
		}
		int full = prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (a[i] != n[i]) {
				return false;
			}
		}
		int rest = prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (a[full] & mask) == (n[full] & mask);
	}

	@Override
	public String toString() {
		return network.getHostAddress() + "/" + prefixLength;
	}

	private static String abbreviate(String text) {
		String printable = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
	}
}
