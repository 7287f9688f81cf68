package org.mediapath.api.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One packet of a stream probe.
 *
 * @param sequence its place in the stream, from 0
 * @param sentAt when it was sent, from the start of the stream
 * @param roundTrip from sending it to its answer arriving; empty when no answer came back
 */
public record StreamSample(int sequence, Duration sentAt, Optional<Duration> roundTrip) {

	/** @throws NullPointerException if a component is null */
	public StreamSample {
		Objects.requireNonNull(sentAt, "sentAt");
		Objects.requireNonNull(roundTrip, "roundTrip");
	}

	/** @return whether the packet's answer came back */
	public boolean answered() {
		return roundTrip.isPresent();
	}
}
