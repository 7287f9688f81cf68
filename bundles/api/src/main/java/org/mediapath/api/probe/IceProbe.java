package org.mediapath.api.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a full ICE probe.
 *
 * @param request what was asked
 * @param outcome connected, failed, or timed out
 * @param states the agent's state changes with their times
 * @param pairs every candidate pair and its outcome
 * @param selected the pair ICE selected, if it connected
 * @param elapsed time from start to connected or to the failure decision
 */
public record IceProbe(IceProbeRequest request, IceOutcome outcome, List<IceStateChange> states,
		List<CandidatePairResult> pairs, Optional<CandidatePairResult> selected, Duration elapsed) {

	/** @throws NullPointerException if a component is null */
	public IceProbe {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(selected, "selected");
		Objects.requireNonNull(elapsed, "elapsed");
		states = List.copyOf(states);
		pairs = List.copyOf(pairs);
	}
}
