package org.mediapath.diagnosis.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.mediapath.api.check.CheckContext;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;

/**
 * The context a check runs with. Beyond the API's {@link CheckContext} it lets the built-in checks
 * read the results of the checks they were ordered after and share raw probe results within one
 * run (one cooperative sweep measures both directions; probing twice would double the load on the
 * PBX). Partner checks only see the API interface.
 */
public final class RunContext implements CheckContext {

	private final String runId;
	private final String checkId;
	private final DiagnosisRequest request;
	private final Instant deadline;
	private final BooleanSupplier cancelled;
	private final DiagnosisProgressListener listener;
	private final Map<String, CheckResult> results;
	private final Map<String, Object> shared;

	RunContext(String runId, String checkId, DiagnosisRequest request, Instant deadline, BooleanSupplier cancelled,
			DiagnosisProgressListener listener, Map<String, CheckResult> results, Map<String, Object> shared) {
		this.runId = runId;
		this.checkId = checkId;
		this.request = request;
		this.deadline = deadline;
		this.cancelled = cancelled;
		this.listener = listener;
		this.results = results;
		this.shared = shared;
	}

	/**
	 * A context outside any engine, for running a check on its own (tests, a single-check command).
	 *
	 * @param request what to diagnose
	 * @param deadline when the check must be done
	 * @return the context
	 */
	public static RunContext standalone(DiagnosisRequest request, Instant deadline) {
		return new RunContext("standalone", "standalone", request, deadline, () -> false, DiagnosisProgressListener.NONE,
				new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
	}

	@Override
	public DiagnosisRequest request() {
		return request;
	}

	@Override
	public Instant deadline() {
		return deadline;
	}

	@Override
	public boolean isCancelled() {
		return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
	}

	@Override
	public void progress(double fraction, String message) {
		try {
			listener.checkProgress(runId, checkId, Math.max(0, Math.min(1, fraction)), String.valueOf(message));
		} catch (RuntimeException e) {
			// a listener's failure must not fail the check that reported progress
		}
	}

	/**
	 * @param otherCheckId a check this one was ordered after
	 * @return its result, once finished
	 */
	@Override
	public Optional<CheckResult> resultOf(String otherCheckId) {
		return Optional.ofNullable(results.get(otherCheckId));
	}

	@Override
	public void share(String key, Object value) {
		shared.put(key, value);
	}

	@Override
	public <T> Optional<T> shared(String key, Class<T> type) {
		return Optional.ofNullable(shared.get(key)).filter(type::isInstance).map(type::cast);
	}

	/** @return the run's shared scratch space (raw probe results by key) */
	Map<String, Object> shared() {
		return shared;
	}
}
