package org.mediapath.api.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One candidate pair of a full ICE probe and how its checks ended.
 *
 * @param local the local candidate ({@code address:port/udp host})
 * @param remote the remote candidate
 * @param state the pair's final state (SUCCEEDED, FAILED, IN_PROGRESS, WAITING, FROZEN)
 * @param roundTrip the round-trip time of its successful check, if any
 */
public record CandidatePairResult(String local, String remote, String state, Optional<Duration> roundTrip) {

	/** @throws NullPointerException if a component is null */
	public CandidatePairResult {
		Objects.requireNonNull(local, "local");
		Objects.requireNonNull(remote, "remote");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(roundTrip, "roundTrip");
	}
}
