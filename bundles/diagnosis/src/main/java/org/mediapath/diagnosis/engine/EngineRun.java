package org.mediapath.diagnosis.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.rule.CauseRule;

/**
 * One diagnosis. Every check ends exactly once ({@link #finish} is first-wins), whatever happens
 * first: its own result, an exception, its timeout, its service leaving, cancellation, or the run's
 * bound. When the last check has ended the rules run and the report completes, so a run can end
 * late but never without a report.
 */
final class EngineRun implements DiagnosisRun {

	private enum State { PENDING, RUNNING, DONE }

	private final String id;
	private final DiagnosisRequest request;
	private final DiagnosisProgressListener listener;
	private final List<CauseRule> rules;
	private final EngineSettings settings;
	private final Clock clock;
	private final ExecutorService pool;
	private final ScheduledExecutorService timer;
	private final Engine.Hooks hooks;
	private final Consumer<EngineRun> ended;
	private final Instant started;
	private final long startNanos = System.nanoTime();

	/** The participating checks in registration order; the first registration of an id wins. */
	private final Map<String, CheckEntry> entries = new LinkedHashMap<>();
	private final Map<String, State> states = new HashMap<>();
	private final Map<String, Future<?>> futures = new HashMap<>();
	private final Map<String, ScheduledFuture<?>> timeouts = new HashMap<>();
	private final Map<String, Long> startedAt = new HashMap<>();
	/** Results by check id; read by checks through their context while the run goes on. */
	private final Map<String, CheckResult> results = new ConcurrentHashMap<>();
	private final Map<String, Object> shared = new ConcurrentHashMap<>();
	private final CompletableFuture<DiagnosticReport> report = new CompletableFuture<>();
	/** Seen by the checks; set only after the running ones were ended, so a check that stops early cannot pass for complete. */
	private volatile boolean cancelled;
	/** Why the run ended before its checks did (cancelled, stopped, bound reached); null while it runs its course. */
	private volatile String endedEarly;
	/** Seen by the scheduler: start nothing new. */
	private volatile boolean stopping;
	private ScheduledFuture<?> runBound;
	private boolean completing;

	/** Who asked for this run (the report's vantage point records it); set before {@link #begin()}. */
	volatile String origin = org.mediapath.api.report.VantagePoint.COMMAND_LINE;

	EngineRun(String id, DiagnosisRequest request, DiagnosisProgressListener listener, List<CheckEntry> checks,
			List<CauseRule> rules, EngineSettings settings, Clock clock, ExecutorService pool,
			ScheduledExecutorService timer, Engine.Hooks hooks, Consumer<EngineRun> ended) {
		this.id = id;
		this.request = request;
		this.listener = listener;
		this.rules = List.copyOf(rules);
		this.settings = settings;
		this.clock = clock;
		this.pool = pool;
		this.timer = timer;
		this.hooks = hooks;
		this.ended = ended;
		this.started = clock.instant();
		for (CheckEntry entry : checks) {
			if (entries.putIfAbsent(entry.id(), entry) != null) {
				hooks.log("two checks share the id '" + entry.id() + "'; service " + entry.serviceId() + " is ignored");
			} else {
				states.put(entry.id(), State.PENDING);
			}
		}
	}

	@Override
	public String id() {
		return id;
	}

	@Override
	public CompletionStage<DiagnosticReport> report() {
		return report.copy();
	}

	/** For the engine: the future itself, to wait on in tests. */
	CompletableFuture<DiagnosticReport> reportFuture() {
		return report;
	}

	synchronized void begin() {
		try {
			runBound = timer.schedule(this::runBoundReached, settings.runTimeout().toMillis(), TimeUnit.MILLISECONDS);
		} catch (RejectedExecutionException stopped) {
			// the engine is stopping: the shutdown path completes the run
		}
		schedule();
	}

	@Override
	public void cancel() {
		stopping = true;
		endedEarly = "was cancelled after " + elapsed().toMillis() + " ms";
		endAll("cancelled after " + elapsed().toMillis() + " ms, before it ran", CheckStatus.SKIPPED,
				"cancelled after " + elapsed().toMillis() + " ms while it ran; its partial result is lost",
				CheckStatus.SKIPPED);
		cancelled = true;
	}

	void shutdown() {
		stopping = true;
		endedEarly = "was stopped with the diagnosis engine";
		endAll("the diagnosis engine stopped before it ran", CheckStatus.SKIPPED,
				"the diagnosis engine stopped while it ran", CheckStatus.ERROR);
		cancelled = true;
	}

	void checkWentAway(long serviceId) {
		String checkId;
		State state;
		synchronized (this) {
			CheckEntry entry = entries.values().stream().filter(e -> e.serviceId() == serviceId).findFirst().orElse(null);
			if (entry == null) {
				return;
			}
			checkId = entry.id();
			state = states.get(checkId);
		}
		if (state == State.PENDING) {
			finish(checkId, CheckStatus.SKIPPED, "its service went away (bundle stopped or updated) before it ran");
		} else if (state == State.RUNNING) {
			finish(checkId, CheckStatus.ERROR, "its service went away (bundle stopped or updated) while it ran");
		}
	}

	private void runBoundReached() {
		stopping = true; // starts no new check
		endedEarly = "reached its bound of " + settings.runTimeout().toMillis() + " ms";
		endAll("the diagnosis reached its bound of " + settings.runTimeout().toMillis() + " ms before it ran",
				CheckStatus.SKIPPED, "the diagnosis reached its bound of " + settings.runTimeout().toMillis()
						+ " ms while it ran", CheckStatus.TIMEOUT);
		cancelled = true;
	}

	private void endAll(String pendingReason, CheckStatus pendingStatus, String runningReason, CheckStatus runningStatus) {
		Map<String, State> snapshot;
		synchronized (this) {
			snapshot = new HashMap<>(states);
		}
		// running ones first: a pending one ending could otherwise start a dependant
		snapshot.forEach((checkId, state) -> {
			if (state == State.RUNNING) {
				finish(checkId, runningStatus, runningReason);
			}
		});
		snapshot.forEach((checkId, state) -> {
			if (state == State.PENDING) {
				finish(checkId, pendingStatus, pendingReason);
			}
		});
		maybeComplete();
	}

	/** Starts every pending check whose predecessors have all ended; skips those whose prerequisite failed. */
	private void schedule() {
		List<String[]> skips = new ArrayList<>();
		synchronized (this) {
			if (stopping) {
				return;
			}
			for (CheckEntry entry : entries.values()) {
				if (states.get(entry.id()) != State.PENDING) {
					continue;
				}
				boolean ready = true;
				String failedPrerequisite = null;
				for (String before : concat(entry.requires(), entry.after())) {
					if (!entries.containsKey(before) || before.equals(entry.id())) {
						continue; // absent predecessor: run anyway, its result would be missing either way
					}
					if (states.get(before) != State.DONE) {
						ready = false;
					}
				}
				if (!ready) {
					continue;
				}
				for (String required : entry.requires()) {
					CheckResult r = results.get(required);
					if (r != null && r.status() == CheckStatus.FAIL) {
						failedPrerequisite = entries.get(required).title() + " failed (" + r.summary() + ")";
						break;
					}
				}
				if (failedPrerequisite != null) {
					skips.add(new String[] { entry.id(), "skipped: " + failedPrerequisite
							+ ", so a real call never reaches this stage" });
				} else {
					start(entry);
				}
			}
		}
		for (String[] skip : skips) {
			finish(skip[0], CheckStatus.SKIPPED, skip[1]);
		}
		maybeComplete();
	}

	/** Called with the monitor held. */
	private void start(CheckEntry entry) {
		states.put(entry.id(), State.RUNNING);
		startedAt.put(entry.id(), System.nanoTime());
		Duration timeout = entry.timeoutMillis() > 0 ? Duration.ofMillis(entry.timeoutMillis()) : settings.defaultCheckTimeout();
		try {
			futures.put(entry.id(), pool.submit(() -> execute(entry, timeout)));
		} catch (RejectedExecutionException stopped) {
			timer.execute(() -> finish(entry.id(), CheckStatus.ERROR, "the diagnosis engine stopped before it ran"));
		}
	}

	private void execute(CheckEntry entry, Duration timeout) {
		// The timeout starts when the check starts, not when it was queued behind others.
		synchronized (this) {
			if (states.get(entry.id()) != State.RUNNING) {
				return;
			}
			try {
				timeouts.put(entry.id(), timer.schedule(() -> finish(entry.id(), CheckStatus.TIMEOUT,
						"did not finish within " + timeout.toMillis() + " ms"), timeout.toMillis(), TimeUnit.MILLISECONDS));
			} catch (RejectedExecutionException stopped) {
				return;
			}
		}
		safely(() -> listener.checkStarted(id, entry.id(), entry.title()));
		RunContext context = new RunContext(id, entry.id(), request, clock.instant().plus(timeout), () -> cancelled,
				listener, results, shared);
		CheckResult result;
		try {
			result = entry.check().run(context);
		} catch (InterruptedException e) {
			// Usually a timeout, cancel or departure that already recorded the result (first wins);
			// otherwise the check gave up on its own and says so.
			finish(entry.id(), CheckStatus.ERROR, "the check was interrupted");
			return;
		} catch (Exception | LinkageError | AssertionError e) {
			finish(entry.id(), CheckStatus.ERROR, "the check failed: " + describe(e));
			return;
		}
		if (result == null) {
			finish(entry.id(), CheckStatus.ERROR, "the check returned no result");
			return;
		}
		if (!result.checkId().equals(entry.id())) {
			// keep what it saw, under the id it is registered with, so that the report stays consistent
			result = new CheckResult(entry.id(), result.title(), result.status(), result.summary(), result.measurements(),
					result.evidence(), result.duration());
		}
		finish(entry.id(), result);
	}

	private void finish(String checkId, CheckStatus status, String reason) {
		CheckEntry entry;
		synchronized (this) {
			entry = entries.get(checkId);
		}
		finish(checkId, CheckResult.inconclusive(checkId, entry.title(), status, reason, durationOf(checkId)));
	}

	private void finish(String checkId, CheckResult result) {
		Future<?> future;
		ScheduledFuture<?> timeout;
		synchronized (this) {
			if (states.get(checkId) == State.DONE) {
				return; // first ending wins
			}
			states.put(checkId, State.DONE);
			results.put(checkId, result);
			future = futures.remove(checkId);
			timeout = timeouts.remove(checkId);
		}
		if (timeout != null) {
			timeout.cancel(false);
		}
		if (future != null && !result.status().isConclusive()) {
			future.cancel(true); // interrupt a check that timed out, was cancelled or lost its service
		}
		safely(() -> listener.checkFinished(id, result));
		safely(() -> hooks.resultProduced(request, result));
		schedule();
	}

	private void maybeComplete() {
		synchronized (this) {
			if (completing || states.values().stream().anyMatch(s -> s != State.DONE)) {
				return;
			}
			completing = true;
			if (runBound != null) {
				runBound.cancel(false);
			}
		}
		try {
			List<CheckResult> checks = entries.keySet().stream().map(results::get).toList();
			DiagnosticReport done = hooks.completing(Judgement.report(id, request, started, elapsed(), checks, rules,
					Optional.ofNullable(endedEarly), failure -> hooks.log("a cause rule failed and was ignored: " + failure)),
					origin);
			safely(() -> hooks.reportCompleted(done));
			report.complete(done);
		} catch (RuntimeException e) {
			report.completeExceptionally(e);
		} finally {
			ended.accept(this);
		}
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private synchronized Duration durationOf(String checkId) {
		Long t = startedAt.get(checkId);
		return t == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - t);
	}

	private void safely(Runnable r) {
		try {
			r.run();
		} catch (RuntimeException e) {
			hooks.log("a listener failed: " + e);
		}
	}

	private static String describe(Throwable e) {
		String message = e.getMessage();
		return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.lines().findFirst().orElse(""));
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> out = new ArrayList<>(a);
		out.addAll(b);
		return out;
	}
}
