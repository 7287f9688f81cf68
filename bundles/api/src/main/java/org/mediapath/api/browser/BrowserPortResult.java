package org.mediapath.api.browser;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One media port of the PBX in a browser run: both sides' counts and what they mean together.
 *
 * @param port the PBX's media port
 * @param state the judgement
 * @param requestsSent the browser's connectivity checks sent (its {@code getStats()} candidate pair)
 * @param responsesReceived answers the browser received
 * @param requestsReceived the PBX's own checks the browser received
 * @param checksArrived authenticated checks from the browser that arrived at the PBX's port
 * @param answersSent answers the PBX sent back
 * @param roundTripMillis the browser's current round-trip time on the pair, when it had one
 * @param seenFrom the address and port the browser's checks came from as the PBX saw them (the
 *        user's NAT mapping), when any arrived
 */
public record BrowserPortResult(int port, PortState state, long requestsSent, long responsesReceived,
		long requestsReceived, long checksArrived, long answersSent, OptionalDouble roundTripMillis,
		Optional<String> seenFrom) {

	/** @throws NullPointerException if a component is null */
	public BrowserPortResult {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(roundTripMillis, "roundTripMillis");
		Objects.requireNonNull(seenFrom, "seenFrom");
	}
}
