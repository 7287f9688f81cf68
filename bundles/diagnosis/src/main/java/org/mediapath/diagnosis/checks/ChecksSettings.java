package org.mediapath.diagnosis.checks;

import java.time.Duration;

import org.mediapath.api.probe.SweepMode;

/**
 * The built-in checks' settings as a value, so that code and tests need no annotation proxy.
 *
 * @param signallingTimeout timeout of one TCP connect
 * @param signallingAttempts TCP connects per check
 * @param sweepMode sample or full UDP sweep
 * @param packetsPerSecond UDP rate cap, 0 for the probe's default
 * @param iceFailureBound ICE failure bound
 */
public record ChecksSettings(Duration signallingTimeout, int signallingAttempts, SweepMode sweepMode,
		int packetsPerSecond, Duration iceFailureBound) {

	/** The PID every built-in check reads. */
	public static final String PID = "org.mediapath.diagnosis.checks";

	/** The Metatype defaults. */
	public static final ChecksSettings DEFAULT = new ChecksSettings(Duration.ofSeconds(2), 3, SweepMode.FULL, 0,
			Duration.ofSeconds(3));

	/** @throws IllegalArgumentException naming the setting that is wrong */
	public ChecksSettings {
		if (signallingTimeout.isNegative() || signallingTimeout.isZero()) {
			throw new IllegalArgumentException("signalling.timeout.millis must be positive");
		}
		if (signallingAttempts < 1) {
			throw new IllegalArgumentException("signalling.attempts must be at least 1, was " + signallingAttempts);
		}
		if (packetsPerSecond < 0) {
			throw new IllegalArgumentException("udp.packets.per.second must not be negative, was " + packetsPerSecond);
		}
		if (iceFailureBound.isNegative() || iceFailureBound.isZero()) {
			throw new IllegalArgumentException("ice.failure.bound.millis must be positive");
		}
	}

	static ChecksSettings from(ChecksConfig c) {
		return new ChecksSettings(Duration.ofMillis(c.signalling_timeout_millis()), c.signalling_attempts(),
				c.udp_sweep_mode(), c.udp_packets_per_second(), Duration.ofMillis(c.ice_failure_bound_millis()));
	}
}
