package org.mediapath.check.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statistics of the voice-quality check, pure functions for plain unit tests.
 *
 * <p>Jitter follows RFC 3550 (section 6.4.1): the variation D between the transit times of
 * consecutive packets. RFC 3550 smooths |D| with gain 1/16, which needs many packets to settle; with
 * a few dozen samples this class reports the plain mean of |D|, the value that estimator converges to.
 */
final class VoiceStats {

	private VoiceStats() {
	}

	/**
	 * @param sent packets sent (at least 1)
	 * @param arrived packets that arrived (0..sent)
	 * @return the lost share in percent, 0 to 100
	 */
	static double lossPercent(int sent, int arrived) {
		if (sent < 1) {
			throw new IllegalArgumentException("sent: " + sent + " must be at least 1");
		}
		if (arrived < 0 || arrived > sent) {
			throw new IllegalArgumentException("arrived: " + arrived + " is outside 0-" + sent);
		}
		return 100.0 * (sent - arrived) / sent;
	}

	/**
	 * @param samples at least one value
	 * @return the median (the mean of the two middle values for an even count)
	 */
	static double median(List<Double> samples) {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("samples: none");
		}
		List<Double> sorted = new ArrayList<>(samples);
		Collections.sort(sorted);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

	/**
	 * @param samples transit or round-trip times in milliseconds, in the order they were taken (at least two)
	 * @return the mean absolute difference between consecutive samples, in milliseconds
	 */
	static double jitter(List<Double> samples) {
		if (samples.size() < 2) {
			throw new IllegalArgumentException("samples: jitter needs at least 2, got " + samples.size());
		}
		double sum = 0;
		for (int i = 1; i < samples.size(); i++) {
			sum += Math.abs(samples.get(i) - samples.get(i - 1));
		}
		return sum / (samples.size() - 1);
	}

	/**
	 * RFC 3550's running estimator, J += (|D| - J) / 16, starting at 0; for comparison and long streams.
	 *
	 * @param samples transit times in milliseconds, in order (at least two)
	 * @return the estimate after the last sample
	 */
	static double rfc3550Jitter(List<Double> samples) {
		if (samples.size() < 2) {
			throw new IllegalArgumentException("samples: jitter needs at least 2, got " + samples.size());
		}
		double j = 0;
		for (int i = 1; i < samples.size(); i++) {
			j += (Math.abs(samples.get(i) - samples.get(i - 1)) - j) / 16.0;
		}
		return j;
	}

	/** @return the value rounded to two decimals, for measurements people read */
	static double round2(double value) {
		return Math.round(value * 100.0) / 100.0;
	}

	/** WARN thresholds for voice. */
	record Thresholds(double lossPercent, double jitterMillis, double rttMillis) {

		/** @throws IllegalArgumentException naming the threshold that is negative */
		Thresholds {
			if (lossPercent < 0) {
				throw new IllegalArgumentException("warn.loss.percent: " + lossPercent + " is negative");
			}
			if (jitterMillis < 0) {
				throw new IllegalArgumentException("warn.jitter.millis: " + jitterMillis + " is negative");
			}
			if (rttMillis < 0) {
				throw new IllegalArgumentException("warn.rtt.millis: " + rttMillis + " is negative");
			}
		}

		/**
		 * @param lossPercent measured loss
		 * @param jitterMillis measured jitter, NaN if unknown
		 * @param rttMillis measured round trip, NaN if unknown
		 * @return one plain-words line per threshold exceeded (strictly above), empty when fit for voice
		 */
		List<String> exceeded(double lossPercent, double jitterMillis, double rttMillis) {
			List<String> out = new ArrayList<>();
			if (lossPercent > this.lossPercent) {
				out.add("packet loss " + round2(lossPercent) + " % is above " + round2(this.lossPercent)
						+ " %: speech drops out");
			}
			if (!Double.isNaN(jitterMillis) && jitterMillis > this.jitterMillis) {
				out.add("jitter " + round2(jitterMillis) + " ms is above " + round2(this.jitterMillis)
						+ " ms: the softphone's jitter buffer overflows, speech stutters");
			}
			if (!Double.isNaN(rttMillis) && rttMillis > this.rttMillis) {
				out.add("round-trip time " + round2(rttMillis) + " ms is above " + round2(this.rttMillis)
						+ " ms: people talk over each other");
			}
			return out;
		}
	}
}
