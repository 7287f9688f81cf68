package org.mediapath.probe;

import java.time.Duration;

/**
 * The probe's settings as a value, so that code and tests need no annotation proxy.
 */
record ProbeSettings(int packetsPerSecond, int sampleSize, int socketsPerSweep, Duration answerWait, int retries,
		int reverseBatch, int icmpBatch, int icmpFollowUps, Duration icmpFollowUpSpacing, Duration controlTimeout,
		boolean publishResults, Duration iceEarlyFailure, boolean iceWarmUp, Duration answerWaitMin) {

	static final ProbeSettings DEFAULT = new ProbeSettings(10000, 64, 4, Duration.ofMillis(400), 1, 1024, 256, 8,
			Duration.ofMillis(200), Duration.ofSeconds(3), true, Duration.ofMillis(1500), true, Duration.ofMillis(150));

	ProbeSettings {
		positive("packets.per.second", packetsPerSecond);
		if (sampleSize < 2) {
			throw new IllegalArgumentException("sample.size: " + sampleSize + " must be at least 2 (both range ends)");
		}
		positive("sockets.per.sweep", socketsPerSweep);
		positive("reverse.batch", reverseBatch);
		positive("icmp.batch", icmpBatch);
		if (answerWaitMin.isNegative() || answerWaitMin.compareTo(answerWait) > 0) {
			throw new IllegalArgumentException("answer.wait.min.millis: must be between 0 and answer.wait.millis");
		}
		if (iceEarlyFailure.isNegative()) {
			throw new IllegalArgumentException("ice.early.failure.millis: must not be negative (0 = off)");
		}
		if (retries < 0 || icmpFollowUps < 0) {
			throw new IllegalArgumentException("retries and icmp.follow.ups must not be negative");
		}
	}

	static ProbeSettings from(ProbeConfig c) {
		return new ProbeSettings(c.packets_per_second(), c.sample_size(), c.sockets_per_sweep(),
				Duration.ofMillis(c.answer_wait_millis()), c.retries(), c.reverse_batch(), c.icmp_batch(),
				c.icmp_follow_ups(), Duration.ofMillis(c.icmp_follow_up_spacing_millis()),
				Duration.ofMillis(c.control_timeout_millis()), c.publish_results(),
				Duration.ofMillis(c.ice_early_failure_millis()), c.ice_warm_up(), Duration.ofMillis(c.answer_wait_min_millis()));
	}

	ProbeSettings withRate(int rate) {
		return new ProbeSettings(rate, sampleSize, socketsPerSweep, answerWait, retries, reverseBatch, icmpBatch,
				icmpFollowUps, icmpFollowUpSpacing, controlTimeout, publishResults, iceEarlyFailure, iceWarmUp, answerWaitMin);
	}

	ProbeSettings withIceEarlyFailure(Duration early) {
		return new ProbeSettings(packetsPerSecond, sampleSize, socketsPerSweep, answerWait, retries, reverseBatch, icmpBatch,
				icmpFollowUps, icmpFollowUpSpacing, controlTimeout, publishResults, early, iceWarmUp, answerWaitMin);
	}

	ProbeSettings withReverseBatch(int batch) {
		return new ProbeSettings(packetsPerSecond, sampleSize, socketsPerSweep, answerWait, retries, batch, icmpBatch,
				icmpFollowUps, icmpFollowUpSpacing, controlTimeout, publishResults, iceEarlyFailure, iceWarmUp, answerWaitMin);
	}

	/**
	 * How long a sweep waits for answers after its last check: four round trips of the control channel (measured
	 * per sweep) plus 50 ms for the far end's backlog, within [answer.wait.min.millis, answer.wait.millis].
	 */
	Duration answerWait(Duration controlRoundTrip) {
		Duration derived = controlRoundTrip.multipliedBy(4).plusMillis(50);
		return derived.compareTo(answerWaitMin) < 0 ? answerWaitMin : derived.compareTo(answerWait) > 0 ? answerWait : derived;
	}

	private static void positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + ": " + value + " must be at least 1");
		}
	}
}
