package org.mediapath.diagnosis.browser;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.net.AddressBlock;

/**
 * The VPN's client address pools of an invitation's policy, as CIDR blocks ({@link AddressBlock}:
 * literals only, nothing is ever resolved).
 */
public final class VpnRanges {

	private VpnRanges() {
	}

	/**
	 * @param option the option named in an error, e.g. {@code --vpn-ranges}
	 * @param commaSeparated ranges separated by commas, e.g. {@code 10.8.0.0/24,2001:db8:8::/48}
	 * @return the ranges, as {@link AddressBlock} writes them
	 * @throws IllegalArgumentException naming the option and the range that is wrong
	 */
	public static List<String> parseList(String option, String commaSeparated) {
		List<String> out = new ArrayList<>();
		for (String part : commaSeparated.split(",", -1)) {
			out.add(AddressBlock.parse(option, part).toString());
		}
		return out;
	}

	/**
	 * @param ranges CIDR ranges (ones that do not parse are skipped: a stored policy of another version)
	 * @param address an address literal
	 * @return the first range that holds the address; empty when none does or the address is no literal
	 */
	public static Optional<String> rangeOf(List<String> ranges, String address) {
		InetAddress literal;
		try {
			// a literal only (parsed without DNS), as a block of one
			literal = AddressBlock.parse("address", address).network();
		} catch (IllegalArgumentException notALiteral) {
			return Optional.empty();
		}
		for (String range : ranges) {
			try {
				if (AddressBlock.parse("range", range).contains(literal)) {
					return Optional.of(range);
				}
			} catch (IllegalArgumentException notARange) {
				// cannot hold the address
			}
		}
		return Optional.empty();
	}
}
