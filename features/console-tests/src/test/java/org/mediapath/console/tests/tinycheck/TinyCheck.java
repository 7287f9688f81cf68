package org.mediapath.console.tests.tinycheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;

/**
 * The check of a throw-away bundle that the in-framework tests build at test time (see
 * {@code CheckBundles}): it waits for its configured delay, honouring cancellation and interrupts,
 * then passes and names its bundle's version, so a report tells which version took part.
 * Only this class and {@link TinyCheckActivator} go into that bundle; no lambdas or inner classes.
 */
public final class TinyCheck implements DiagnosticCheck {

	private final String id;
	private final String version;
	private final long delayMillis;

	TinyCheck(String id, String version, long delayMillis) {
		this.id = id;
		this.version = version;
		this.delayMillis = delayMillis;
	}

	@Override
	public CheckResult run(CheckContext context) throws Exception {
		long start = System.nanoTime();
		long end = start + delayMillis * 1_000_000L;
		while (System.nanoTime() < end && !context.isCancelled()) {
			Thread.sleep(10);
		}
		return new CheckResult(id, "Tiny check", CheckStatus.PASS, "tiny check version " + version,
				Map.of("version", version), List.of(), Duration.ofNanos(System.nanoTime() - start));
	}
}
