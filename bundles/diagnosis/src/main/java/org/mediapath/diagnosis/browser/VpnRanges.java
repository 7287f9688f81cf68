package org.mediapath.diagnosis.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * The VPN's client address pools of an invitation's policy, as CIDR prefixes (IPAddress does the
 * parsing and the matching; literals only, nothing is ever resolved).
 */
public final class VpnRanges {

	private static final IPAddressStringParameters LITERALS = new IPAddressStringParameters.Builder()
			.allowEmpty(false).allowAll(false).allowMask(false).allowSingleSegment(false)
			.toParams();

	private VpnRanges() {
	}

	/**
	 * @param option the option or field named in an error, e.g. {@code --vpn-ranges}
	 * @param text one range, e.g. {@code 10.8.0.0/24}, {@code 2001:db8::/48}, or one address
	 * @return the range in its canonical form
	 * @throws IllegalArgumentException naming the option and the text
	 */
	public static String requireValid(String option, String text) {
		return parse(option, text).toPrefixBlock().toCanonicalString();
	}

	/**
	 * @param option the option named in an error
	 * @param commaSeparated ranges separated by commas
	 * @return the ranges, canonical
	 * @throws IllegalArgumentException naming the option and the range that is wrong
	 */
	public static List<String> parseList(String option, String commaSeparated) {
		List<String> out = new ArrayList<>();
		for (String part : commaSeparated.split(",", -1)) {
			out.add(requireValid(option, part));
		}
		return out;
	}

	/**
	 * @param ranges CIDR ranges (ones that do not parse are skipped: a stored policy of another version)
	 * @param address an address literal
	 * @return the first range that holds the address; empty when none does or the address is no literal
	 */
	public static Optional<String> rangeOf(List<String> ranges, String address) {
		IPAddress a;
		try {
			a = new IPAddressString(address.strip(), LITERALS).toAddress();
		} catch (AddressStringException | RuntimeException notAnAddress) {
			return Optional.empty();
		}
		for (String range : ranges) {
			try {
				IPAddress block = parse("range", range).toPrefixBlock();
				if (block.getIPVersion() == a.getIPVersion() && block.contains(a)) {
					return Optional.of(range);
				}
			} catch (IllegalArgumentException skipped) {
				// not a range: cannot hold the address
			}
		}
		return Optional.empty();
	}

	private static IPAddress parse(String option, String text) {
		String t = text == null ? "" : text.strip();
		if (t.isEmpty()) {
			throw new IllegalArgumentException(option + ": an empty range; give CIDR ranges such as 10.8.0.0/24, separated by commas");
		}
		try {
			IPAddress a = new IPAddressString(t, LITERALS).toAddress();
			if (a == null) {
				throw new IllegalArgumentException(option + ": '" + t + "' is not a CIDR range such as 10.8.0.0/24");
			}
			return a;
		} catch (AddressStringException e) {
			throw new IllegalArgumentException(option + ": '" + t + "' is not a CIDR range such as 10.8.0.0/24");
		}
	}
}
