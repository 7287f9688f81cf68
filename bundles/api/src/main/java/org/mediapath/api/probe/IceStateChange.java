package org.mediapath.api.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * One state change of the ICE agent, for the timeline.
 *
 * @param state the agent's new state (e.g. RUNNING, COMPLETED, FAILED)
 * @param at the time since the probe started
 */
public record IceStateChange(String state, Duration at) {

	/** @throws NullPointerException if a component is null */
	public IceStateChange {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(at, "at");
	}
}
