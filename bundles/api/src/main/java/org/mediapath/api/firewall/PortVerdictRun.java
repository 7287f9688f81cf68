package org.mediapath.api.firewall;

import java.util.Objects;

import org.mediapath.api.net.PortRange;

/**
 * Consecutive ports that get the same verdict from the same rule.
 *
 * @param ports the ports
 * @param verdict allowed, blocked or unknown
 * @param rule the deciding rule as its format identifies it (Windows rule name, nft table/chain and
 *        handle, iptables chain and line, pf line), or the default policy that decided
 * @param reason why, in plain words
 */
public record PortVerdictRun(PortRange ports, FirewallVerdict verdict, String rule, String reason) {

	/** @throws NullPointerException if a field is null */
	public PortVerdictRun {
		Objects.requireNonNull(ports, "ports");
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(reason, "reason");
	}
}
