package org.mediapath.firewall.netfilter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mediapath.firewall.core.Addresses;
import org.mediapath.firewall.core.PortSet;

import inet.ipaddr.IPAddress;

/**
 * Turns an nft expression (selector, operator, values) into a {@link Match}; shared by the text and
 * the JSON reader, which both reduce values to strings ({@code 1000-2000}, {@code 198.18.0.0/15}).
 * Anything it does not know becomes an undecided condition, never a guess.
 */
final class NftMatches {

	/** Service names older nft versions print instead of numbers (nft -S is the default there). */
	static final Map<String, Integer> SERVICES = Map.ofEntries(Map.entry("ssh", 22), Map.entry("telnet", 23),
			Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("bootps", 67), Map.entry("bootpc", 68),
			Map.entry("http", 80), Map.entry("ntp", 123), Map.entry("snmp", 161), Map.entry("https", 443),
			Map.entry("sip", 5060), Map.entry("sip-tls", 5061), Map.entry("sips", 5061), Map.entry("ftp", 21),
			Map.entry("imap", 143), Map.entry("imaps", 993), Map.entry("pop3", 110), Map.entry("ldap", 389),
			Map.entry("mdns", 5353), Map.entry("isakmp", 500), Map.entry("ipsec-nat-t", 4500),
			Map.entry("openvpn", 1194), Map.entry("stun", 3478), Map.entry("rdp", 3389), Map.entry("ms-wbt-server", 3389),
			Map.entry("mysql", 3306), Map.entry("postgresql", 5432), Map.entry("http-alt", 8080),
			Map.entry("webcache", 8080), Map.entry("dhcpv6-client", 546), Map.entry("dhcpv6-server", 547));

	static final Map<String, String> PROTOCOL_NUMBERS = Map.of("17", "udp", "6", "tcp", "1", "icmp", "58", "ipv6-icmp",
			"136", "udplite", "132", "sctp", "33", "dccp");

	private NftMatches() {
	}

	/**
	 * @param selector e.g. {@code udp dport}, {@code ip saddr}, {@code meta l4proto}, {@code ct state}
	 * @param op {@code ==}, {@code !=}, {@code <}, {@code >}, {@code <=}, {@code >=}
	 * @param values the values, or null when they could not be read (an unknown set)
	 * @param text the expression as written, for reasons
	 */
	static Match build(String selector, String op, List<String> values, String text) {
		if (values == null) {
			return new Matches.Undecided(text);
		}
		boolean negated = op.equals("!=");
		String[] parts = selector.split(" ");
		String head = parts[0];
		String field = parts.length > 1 ? parts[1] : "";
		switch (head) {
		case "udp", "tcp", "udplite", "sctp", "dccp", "th":
			if (field.equals("dport") || field.equals("sport")) {
				Optional<PortSet> ports = ports(op, values);
				if (ports.isEmpty()) {
					return new Matches.Undecided(text);
				}
				return new Matches.PortIs(field.equals("dport"), ports.get(), negated, head.equals("th") ? null : head,
						text);
			}
			return head.equals("th") ? new Matches.Undecided(text) : withProtocol(head, text);
		case "ip", "ip6":
			int family = head.equals("ip") ? 4 : 6;
			if (field.equals("saddr") || field.equals("daddr")) {
				return addresses(field.equals("saddr"), family, op, values, text);
			}
			if (field.equals("protocol") || field.equals("nexthdr")) {
				return protocols(op, values, text);
			}
			return new Matches.Undecided(text);
		case "meta":
			return meta(field, op, values, text);
		case "iifname", "oifname", "iif", "oif", "l4proto", "nfproto":
			return meta(head, op, values, text);
		case "ct":
			if (field.equals("state") && !op.equals("<") && !op.equals(">")) {
				Set<String> states = new LinkedHashSet<>();
				for (String value : values) {
					states.add(value.toLowerCase(Locale.ROOT));
				}
				return new Matches.CtStateIs(states, negated, text);
			}
			return new Matches.Undecided(text);
		case "icmp", "icmpv6", "igmp":
			return new Matches.Never(text);
		default:
			return new Matches.Undecided(text);
		}
	}

	/** A header field of a protocol (tcp flags, udp length): requires that protocol, the rest undecided. */
	static Match withProtocol(String protocol, String text) {
		return new Matches.ProtocolField(protocol, text);
	}

	private static Match meta(String key, String op, List<String> values, String text) {
		boolean negated = op.equals("!=");
		switch (key) {
		case "l4proto":
			return protocols(op, values, text);
		case "nfproto":
			if (values.size() == 1 && !negated && (values.get(0).equals("ipv4") || values.get(0).equals("ipv6"))) {
				return new Matches.FamilyIs(values.get(0).equals("ipv6"), text);
			}
			return new Matches.Undecided(text);
		case "iifname", "oifname", "iif", "oif":
			if (key.startsWith("o")) {
				// Inbound traffic has no output interface yet; outbound traffic's is a routing matter.
				return new Matches.Undecided(text);
			}
			return new Matches.InterfaceIs(Set.copyOf(values), negated, text);
		default:
			return new Matches.Undecided(text);
		}
	}

	private static Match protocols(String op, List<String> values, String text) {
		if (!op.equals("==") && !op.equals("!=")) {
			return new Matches.Undecided(text);
		}
		Set<String> names = new LinkedHashSet<>();
		for (String value : values) {
			String name = value.toLowerCase(Locale.ROOT);
			names.add(PROTOCOL_NUMBERS.getOrDefault(name, name));
		}
		return new Matches.ProtocolIs(names, op.equals("!="), text);
	}

	private static Match addresses(boolean source, int family, String op, List<String> values, String text) {
		if (!op.equals("==") && !op.equals("!=")) {
			return new Matches.Undecided(text);
		}
		List<IPAddress> prefixes = new ArrayList<>();
		List<IPAddress[]> ranges = new ArrayList<>();
		for (String value : values) {
			int dash = value.indexOf('-');
			if (dash > 0) {
				Optional<IPAddress> low = Addresses.parse(value.substring(0, dash));
				Optional<IPAddress> high = Addresses.parse(value.substring(dash + 1));
				if (low.isEmpty() || high.isEmpty()) {
					return new Matches.Undecided(text);
				}
				ranges.add(new IPAddress[] { low.get(), high.get() });
			} else {
				Optional<IPAddress> prefix = Addresses.parse(value);
				if (prefix.isEmpty()) {
					return new Matches.Undecided(text);
				}
				prefixes.add(prefix.get());
			}
		}
		return new Matches.AddressIs(source, family, prefixes, ranges, op.equals("!="), text);
	}

	/** @return the ports the values and operator select, empty when a value is not a port */
	static Optional<PortSet> ports(String op, List<String> values) {
		PortSet.Builder builder = PortSet.builder();
		for (String value : values) {
			int dash = value.indexOf('-', 1);
			Optional<Integer> first = port(dash > 0 ? value.substring(0, dash) : value);
			Optional<Integer> last = dash > 0 ? port(value.substring(dash + 1)) : first;
			if (first.isEmpty() || last.isEmpty()) {
				return Optional.empty();
			}
			builder.add(first.get(), last.get());
		}
		PortSet set = builder.build();
		if (op.equals("==") || op.equals("!=")) {
			return Optional.of(set);
		}
		if (values.size() != 1 || values.get(0).indexOf('-', 1) > 0) {
			return Optional.empty();
		}
		int p = port(values.get(0)).get();
		return Optional.of(switch (op) {
		case "<" -> PortSet.of(0, p - 1);
		case ">" -> PortSet.of(p + 1, 65535);
		case "<=" -> PortSet.of(0, p);
		case ">=" -> PortSet.of(p, 65535);
		default -> set;
		});
	}

	static Optional<Integer> port(String text) {
		String t = text.strip();
		if (!t.isEmpty() && t.length() <= 5 && t.chars().allMatch(Character::isDigit)) {
			int p = Integer.parseInt(t);
			return p <= 65535 ? Optional.of(p) : Optional.empty();
		}
		return Optional.ofNullable(SERVICES.get(t.toLowerCase(Locale.ROOT)));
	}
}
