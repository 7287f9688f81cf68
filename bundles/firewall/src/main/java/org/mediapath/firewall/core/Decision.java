package org.mediapath.firewall.core;

import org.mediapath.api.firewall.FirewallVerdict;

/**
 * A ruleset's verdict on one port, with the deciding rule as its format identifies it and why.
 *
 * @param verdict allowed, blocked or unknown
 * @param rule the deciding rule or policy
 * @param reason plain words
 */
public record Decision(FirewallVerdict verdict, String rule, String reason) {

	public static Decision allowed(String rule, String reason) {
		return new Decision(FirewallVerdict.ALLOWED, rule, reason);
	}

	public static Decision blocked(String rule, String reason) {
		return new Decision(FirewallVerdict.BLOCKED, rule, reason);
	}

	public static Decision unknown(String rule, String reason) {
		return new Decision(FirewallVerdict.UNKNOWN, rule, reason);
	}
}
