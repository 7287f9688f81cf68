package org.mediapath.api.probe;

import java.util.Objects;

import org.mediapath.api.net.PortRange;

/**
 * Consecutive probed ports with the same outcome, e.g. "30000-30999 pass". Ports between two
 * sampled ports take the outcome of the run they lie in only when both neighbours agree.
 *
 * @param ports the ports of the run
 * @param outcome their outcome
 * @param probed how many of them were actually probed (all of them in a full sweep)
 */
public record PortRun(PortRange ports, PortOutcome outcome, int probed) {

	/** @throws IllegalArgumentException if more ports were probed than the run holds */
	public PortRun {
		Objects.requireNonNull(ports, "ports");
		Objects.requireNonNull(outcome, "outcome");
		if (probed < 1 || probed > ports.size()) {
			throw new IllegalArgumentException("probed " + probed + " of " + ports.size() + " ports");
		}
	}
}
