package org.mediapath.api.firewall;

import java.util.List;
import java.util.Objects;

import org.mediapath.api.net.PortRange;

/**
 * The analysis of one question against one ruleset.
 *
 * @param formats the formats recognised in the input (e.g. {@code nft list ruleset}), in input order
 * @param runs the asked ports in ascending order, cut into runs of one verdict and deciding rule
 * @param uncovered the sub-ranges of the asked ports that no rule or policy lets through (blocked or
 *        unknown), merged; empty when everything passes
 * @param warnings what the input cannot show or what was not understood; an answer with warnings
 *        is less certain, never "no blocking rule" by omission
 */
public record FirewallAnswer(List<String> formats, List<PortVerdictRun> runs, List<PortRange> uncovered,
		List<String> warnings) {

	/** @throws NullPointerException if a list is null */
	public FirewallAnswer {
		formats = List.copyOf(Objects.requireNonNull(formats, "formats"));
		runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
		uncovered = List.copyOf(Objects.requireNonNull(uncovered, "uncovered"));
		warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
	}

	/** @return whether any port was judged (not every run is unknown, and there is a run) */
	public boolean judged() {
		return runs.stream().anyMatch(r -> r.verdict() != FirewallVerdict.UNKNOWN);
	}

	/** @return whether some port is blocked */
	public boolean anyBlocked() {
		return runs.stream().anyMatch(r -> r.verdict() == FirewallVerdict.BLOCKED);
	}
}
