package org.mediapath.firewall.netfilter;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain of a table. A base chain has a hook, a priority and a policy.
 *
 * @param family ip, ip6, inet, netdev, bridge, arp
 * @param table the table's name
 * @param name the chain's name
 * @param hook prerouting, input, output, postrouting, ingress, forward; null for a regular chain
 * @param priority the base chain's priority: lower runs first
 * @param policy the base chain's policy, {@link Action#ACCEPT} or {@link Action#DROP}
 * @param rules the rules in order
 */
public record Chain(String family, String table, String name, String hook, int priority, Action policy,
		List<Rule> rules) {

	public Chain {
		rules = new ArrayList<>(rules);
	}

	public boolean isBase() {
		return hook != null;
	}

	/** @return whether packets of this family pass through the chain's table */
	public boolean appliesTo(boolean ipv6) {
		return switch (family) {
		case "ip" -> !ipv6;
		case "ip6" -> ipv6;
		case "inet", "netdev" -> true;
		default -> false;
		};
	}
}
