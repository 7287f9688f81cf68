package org.mediapath.route.model;

import java.util.OptionalInt;

/**
 * One Linux policy-routing rule ({@code ip rule}): wg-quick and Tailscale put their default route
 * in a table of its own and select it here, so a table without its rules tells only half the story.
 *
 * @param priority the rule's priority, lower first
 * @param family 4 or 6
 * @param fromAll whether it matches every source ({@code from all})
 * @param fwmark the firewall mark it requires, or null
 * @param inverted {@code not}: matches what the selector does not
 * @param iif the input interface it requires, or null
 * @param otherSelector whether it has a selector this analysis cannot evaluate (oif, uidrange, ipproto, dport, tos)
 * @param table the table it looks up, or null for an action rule
 * @param action {@code unreachable}, {@code blackhole}, {@code prohibit}, or null for a lookup
 * @param suppressPrefixLength results with a prefix this short or shorter are ignored
 */
public record PolicyRule(int priority, int family, boolean fromAll, String fwmark, boolean inverted, String iif,
		boolean otherSelector, String table, String action, OptionalInt suppressPrefixLength) {

	/**
	 * @return whether an unmarked packet this machine originates, with no source bound, matches:
	 *         the case of a softphone's media socket
	 */
	public boolean matchesLocalUnmarked() {
		boolean selectors = fromAll && (fwmark == null || fwmark.equals("0") || fwmark.equals("0x0"))
				&& (iif == null || iif.equals("lo")) && !otherSelector;
		return inverted ? !selectors : selectors;
	}
}
