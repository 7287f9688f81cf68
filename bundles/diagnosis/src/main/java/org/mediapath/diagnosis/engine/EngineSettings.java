package org.mediapath.diagnosis.engine;

import java.time.Duration;

/**
 * The engine's settings as a value (tests need no annotation proxy).
 *
 * @param defaultCheckTimeout timeout of a check that names none
 * @param runTimeout the bound of a whole diagnosis: every run ends within it with a report
 * @param maxConcurrentChecks checks running at once (this bounds the engine's threads)
 * @param publishResults whether the latest result of each check is registered as a service
 */
public record EngineSettings(Duration defaultCheckTimeout, Duration runTimeout, int maxConcurrentChecks,
		boolean publishResults) {

	/** The defaults of the Metatype configuration. */
	public static final EngineSettings DEFAULT = new EngineSettings(Duration.ofSeconds(15), Duration.ofSeconds(60), 4, true);

	/** @throws IllegalArgumentException naming the setting that is wrong */
	public EngineSettings {
		if (defaultCheckTimeout.isNegative() || defaultCheckTimeout.isZero()) {
			throw new IllegalArgumentException("check.timeout.millis must be positive, was " + defaultCheckTimeout.toMillis());
		}
		if (runTimeout.isNegative() || runTimeout.isZero()) {
			throw new IllegalArgumentException("run.timeout.millis must be positive, was " + runTimeout.toMillis());
		}
		if (maxConcurrentChecks < 1) {
			throw new IllegalArgumentException("max.concurrent.checks must be at least 1, was " + maxConcurrentChecks);
		}
	}
}
