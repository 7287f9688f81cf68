package org.mediapath.api.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;

/**
 * The result of probing the TCP signalling port over a few attempts.
 *
 * @param target the host and port probed
 * @param address the address the host resolved to, if it did
 * @param outcome the outcome of the attempts (OPEN if any attempt connected)
 * @param connectTimes the connect times of the attempts that connected, in order
 * @param attempts how many attempts were made
 * @param detail one line in plain words, with the error text of a failed attempt
 */
public record SignallingProbe(HostAndPort target, Optional<String> address, TcpOutcome outcome,
		List<Duration> connectTimes, int attempts, String detail) {

	/** @throws NullPointerException if a component is null */
	public SignallingProbe {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(detail, "detail");
		connectTimes = List.copyOf(connectTimes);
	}
}
