package org.mediapath.firewall.core;

import java.util.Optional;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/** Address literals (never names: nothing in a paste is ever resolved) and prefix containment. */
public final class Addresses {

	private static final IPAddressStringParameters LITERALS = new IPAddressStringParameters.Builder()
			.allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(true).toParams();

	private Addresses() {
	}

	/** @return the address or prefix ({@code 198.18.0.0/15}, {@code 2001:db8::/32}, {@code 10.0.0.1}) */
	public static Optional<IPAddress> parse(String text) {
		if (text == null || text.isBlank() || text.length() > 100) {
			return Optional.empty();
		}
		IPAddress address = new IPAddressString(text.strip(), LITERALS).getAddress();
		return Optional.ofNullable(address);
	}

	/** @return whether the prefix (or single address) holds the address; families differ: no */
	public static boolean contains(IPAddress prefix, IPAddress address) {
		if (prefix.isIPv4() != address.isIPv4()) {
			return false;
		}
		IPAddress block = prefix.getNetworkPrefixLength() == null ? prefix : prefix.toPrefixBlock();
		return block.contains(address.withoutPrefixLength());
	}

	/** @return whether the address lies in the inclusive range {@code low}-{@code high} of its family */
	public static boolean inRange(IPAddress low, IPAddress high, IPAddress address) {
		if (low.isIPv4() != address.isIPv4() || high.isIPv4() != address.isIPv4()) {
			return false;
		}
		return low.spanWithRange(high).contains(address.withoutPrefixLength());
	}
}
