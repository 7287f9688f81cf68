package org.mediapath.api.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The result of a packet-stream probe: every packet sent, which answers came back and when, and
 * the responder's count of what arrived, so that loss is told per direction.
 *
 * @param request what was asked
 * @param clientPort the client port the stream was sent from
 * @param serverPort the server port it was sent to
 * @param answerBytes the size of the responder's answers above UDP
 * @param samples every packet sent, in order
 * @param arrivedAtServer how many packets the responder saw; empty when it could not say (an
 *        older responder) or the stream never started
 * @param caveats what limits the result, in plain words
 * @param duration from the start of the probe to its result, control exchanges included
 */
public record StreamProbe(StreamProbeRequest request, int clientPort, int serverPort, int answerBytes,
		List<StreamSample> samples, OptionalInt arrivedAtServer, List<String> caveats, Duration duration) {

	/** @throws NullPointerException if a component is null */
	public StreamProbe {
		Objects.requireNonNull(request, "request");
		samples = List.copyOf(samples);
		Objects.requireNonNull(arrivedAtServer, "arrivedAtServer");
		caveats = List.copyOf(caveats);
		Objects.requireNonNull(duration, "duration");
	}

	/** @return how many packets were sent */
	public int sent() {
		return samples.size();
	}

	/** @return how many answers came back */
	public int answered() {
		return (int) samples.stream().filter(StreamSample::answered).count();
	}

	/** @return the round-trip times of the answered packets, in stream order */
	public List<Duration> roundTrips() {
		return samples.stream().flatMap(s -> s.roundTrip().stream()).toList();
	}
}
