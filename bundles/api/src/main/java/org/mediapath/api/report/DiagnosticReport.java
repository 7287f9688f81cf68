package org.mediapath.api.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one diagnosis: a verdict, the causes ranked most likely first, and every check's
 * result.
 *
 * <p>Promise: {@code verdict} is {@link Verdict#FAILED} exactly when {@code causes} is not empty,
 * and every cause carries evidence; {@code unproven} is present exactly when the verdict is
 * {@link Verdict#INCONCLUSIVE}.
 *
 * @param id a unique id of this report, stable across restarts (the {@code ReportStore} key)
 * @param request what was asked
 * @param started when the diagnosis started
 * @param duration how long it took, start-up of the checks included
 * @param verdict OK, FAILED or INCONCLUSIVE
 * @param causes the causes found, most likely first
 * @param checks the result of every check that took part, partner checks included
 * @param unproven for an INCONCLUSIVE verdict, one line saying what was not proven and what would
 *        settle it ("start the responder on the PBX"); empty otherwise
 * @param vantagePoint where the diagnosis ran (empty in reports stored before it was recorded)
 * @since 1.1 (unproven), 1.2 (vantagePoint)
 */
public record DiagnosticReport(String id, DiagnosisRequest request, Instant started, Duration duration,
		Verdict verdict, List<Cause> causes, List<CheckResult> checks, Optional<String> unproven,
		Optional<VantagePoint> vantagePoint) {

	/** @throws IllegalArgumentException if the verdict disagrees with the causes */
	public DiagnosticReport {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(started, "started");
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(verdict, "verdict");
		causes = List.copyOf(causes);
		checks = List.copyOf(checks);
		Objects.requireNonNull(unproven, "unproven");
		Objects.requireNonNull(vantagePoint, "vantagePoint");
		if ((verdict == Verdict.FAILED) == causes.isEmpty()) {
			throw new IllegalArgumentException("verdict " + verdict + " with " + causes.size() + " causes");
		}
		if ((verdict == Verdict.INCONCLUSIVE) != unproven.isPresent()) {
			throw new IllegalArgumentException("verdict " + verdict + (unproven.isPresent() ? " with" : " without")
					+ " a line saying what was not proven");
		}
	}

	/**
	 * A report whose verdict is OK or FAILED, as version 1.0 of this package made them.
	 *
	 * @param id a unique id of this report
	 * @param request what was asked
	 * @param started when the diagnosis started
	 * @param duration how long it took
	 * @param verdict OK or FAILED
	 * @param causes the causes found, most likely first
	 * @param checks the result of every check that took part
	 */
	public DiagnosticReport(String id, DiagnosisRequest request, Instant started, Duration duration, Verdict verdict,
			List<Cause> causes, List<CheckResult> checks) {
		this(id, request, started, duration, verdict, causes, checks, Optional.empty());
	}

	/**
	 * A report without a vantage point (the constructor of version 1.1 of this package).
	 *
	 * @param id a unique id of this report
	 * @param request what was asked
	 * @param started when the diagnosis started
	 * @param duration how long it took
	 * @param verdict the verdict
	 * @param causes the causes found, most likely first
	 * @param checks the result of every check that took part
	 * @param unproven for an INCONCLUSIVE verdict, what was not proven; empty otherwise
	 */
	public DiagnosticReport(String id, DiagnosisRequest request, Instant started, Duration duration, Verdict verdict,
			List<Cause> causes, List<CheckResult> checks, Optional<String> unproven) {
		this(id, request, started, duration, verdict, causes, checks, unproven, Optional.empty());
	}

	/**
	 * @param vantage where the diagnosis ran
	 * @return this report with that vantage point
	 */
	public DiagnosticReport withVantagePoint(VantagePoint vantage) {
		return new DiagnosticReport(id, request, started, duration, verdict, causes, checks, unproven, Optional.of(vantage));
	}

	/** @return the verdict's server, the key reports are grouped by in history */
	public String target() {
		return request.server();
	}
}
