package org.mediapath.route.model;

import java.util.Optional;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Address text as the outputs write it, turned into canonical CIDR. Uses the IPAddress library
 * rather than InetAddress because InetAddress would resolve names given to it, has no notion of a
 * prefix, and cannot tell a netmask from an address.
 */
public final class Addresses {

	/** Literal addresses and prefixes only: never a host name, never a wildcard or range. */
	private static final IPAddressStringParameters LITERAL;

	static {
		IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder();
		builder.allowEmpty(false).allowAll(false).allowSingleSegment(false);
		builder.getIPv4AddressParametersBuilder().allow_inet_aton(false).allowWildcardedSeparator(false)
				.setRangeOptions(RangeParameters.NO_RANGE);
		builder.getIPv6AddressParametersBuilder().allowWildcardedSeparator(false)
				.setRangeOptions(RangeParameters.NO_RANGE);
		LITERAL = builder.toParams();
	}

	private Addresses() {
	}

	/** @return the address (host part kept, prefix as given) or empty if the text is not an address */
	public static Optional<IPAddress> parse(String text) {
		if (text == null || text.isEmpty() || text.length() > 64) {
			return Optional.empty();
		}
		String withoutZone = stripZone(text);
		try {
			return Optional.ofNullable(new IPAddressString(withoutZone, LITERAL).toAddress());
		} catch (AddressStringException | RuntimeException e) {
			return Optional.empty();
		}
	}

	/** Drops an IPv6 zone ({@code %en0}, {@code %17}) wherever it sits, before or after the prefix. */
	public static String stripZone(String text) {
		int percent = text.indexOf('%');
		if (percent < 0) {
			return text;
		}
		int slash = text.indexOf('/', percent);
		return text.substring(0, percent) + (slash < 0 ? "" : text.substring(slash));
	}

	/** @return the network in CIDR with host bits cleared ({@code 10.8.0.0/16}), or empty */
	public static Optional<String> network(String text) {
		return parse(text).map(a -> a.getNetworkPrefixLength() == null ? a.withoutPrefixLength()
				: a.toPrefixBlock()).map(a -> a.getNetworkPrefixLength() == null
						? a.toCanonicalString() + "/" + a.getBitCount()
						: a.toCanonicalString());
	}

	/** @return the address without prefix, canonical, or empty */
	public static Optional<String> address(String text) {
		return parse(text).map(a -> a.withoutPrefixLength().toCanonicalString());
	}

	/** @return the host address with its prefix length ({@code 10.8.0.6/24}), as interfaces carry them */
	public static Optional<String> hostWithPrefix(String address, int prefixLength) {
		Optional<IPAddress> parsed = parse(address);
		if (parsed.isEmpty() || prefixLength < 0 || prefixLength > parsed.get().getBitCount()) {
			return Optional.empty();
		}
		return Optional.of(parsed.get().withoutPrefixLength().toCanonicalString() + "/" + prefixLength);
	}

	/** @return the prefix length of a contiguous netmask ({@code 255.255.0.0} is 16), or -1 */
	public static int maskLength(String mask) {
		Optional<IPAddress> parsed = parse(mask);
		if (parsed.isEmpty() || !parsed.get().isIPv4()) {
			return -1;
		}
		Integer length = parsed.get().getBlockMaskPrefixLength(true);
		return length == null ? -1 : length;
	}

	public static boolean isLinkLocal(String addressOrCidr) {
		return parse(addressOrCidr).map(a -> a.withoutPrefixLength().isLinkLocal()).orElse(false);
	}

	public static boolean isIpv6(String addressOrCidr) {
		return addressOrCidr.indexOf(':') >= 0;
	}

	/** @return default route text of a family */
	public static String defaultRoute(boolean ipv6) {
		return ipv6 ? "::/0" : "0.0.0.0/0";
	}
}
