package org.mediapath.diagnosis.engine;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.rule.CauseRule;

/**
 * The diagnosis engine as plain Java: it owns its threads (a bounded pool for checks, one timer for
 * timeouts) and gives them back in {@link #close()}, so the component that wraps it leaves no thread
 * behind when it deactivates.
 */
public final class Engine implements AutoCloseable {

	/** What the engine calls out to; the DS component wires these to the registry. */
	public interface Hooks {
		/** @return the checks registered now */
		List<CheckEntry> checks();

		/** @return the partner rules registered now (the built-in ones are added by the engine) */
		List<CauseRule> rules();

		/** @param result a check's latest result, to publish */
		default void resultProduced(DiagnosisRequest request, CheckResult result) {
		}

		/** @param report a completed report, to store and announce before the run completes */
		default void reportCompleted(DiagnosticReport report) {
		}

		/** @param message something an operator should see in the log */
		default void log(String message) {
		}

		/**
		 * The last word on a report before it is stored and announced.
		 *
		 * @param report the report as the run made it
		 * @param origin who asked for the run
		 * @return the report to complete the run with (the component adds where it ran)
		 */
		default DiagnosticReport completing(DiagnosticReport report, String origin) {
			return report;
		}
	}

	private final EngineSettings settings;
	private final Hooks hooks;
	private final Clock clock;
	private final ThreadPoolExecutor pool;
	private final ScheduledExecutorService timer;
	private final Set<EngineRun> running = ConcurrentHashMap.newKeySet();
	private final Supplier<String> ids;

	/**
	 * @param settings timeouts and concurrency
	 * @param hooks the registry side
	 * @param clock the clock of report timestamps
	 */
	public Engine(EngineSettings settings, Hooks hooks, Clock clock) {
		this(settings, hooks, clock, () -> UUID.randomUUID().toString());
	}

	Engine(EngineSettings settings, Hooks hooks, Clock clock, Supplier<String> ids) {
		this.settings = settings;
		this.hooks = hooks;
		this.clock = clock;
		this.ids = ids;
		this.pool = new ThreadPoolExecutor(settings.maxConcurrentChecks(), settings.maxConcurrentChecks(), 30,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("mediapath-check"));
		this.pool.allowCoreThreadTimeOut(true); // idle engine, no threads
		ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, threads("mediapath-diagnosis-timer"));
		t.setRemoveOnCancelPolicy(true);
		this.timer = t;
	}

	/**
	 * Starts a diagnosis and returns at once.
	 *
	 * @param request what to diagnose
	 * @param listener told of progress
	 * @return the run
	 */
	public DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener) {
		return start(request, listener, org.mediapath.api.report.VantagePoint.COMMAND_LINE);
	}

	/**
	 * Starts a diagnosis on behalf of an origin and returns at once.
	 *
	 * @param request what to diagnose
	 * @param listener told of progress
	 * @param origin who asks (recorded in the report's vantage point)
	 * @return the run
	 */
	public DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener, String origin) {
		if (pool.isShutdown()) {
			throw new IllegalStateException("the diagnosis engine has stopped");
		}
		List<CauseRule> rules = Judgement.rules(hooks.rules());
		EngineRun run = new EngineRun(ids.get(), request, listener == null ? DiagnosisProgressListener.NONE : listener,
				hooks.checks(), rules, settings, clock, pool, timer, hooks, running::remove);
		run.origin = origin;
		running.add(run);
		run.begin();
		return run;
	}

	/**
	 * Tells running diagnoses that a check's service went away: a check that had not started is
	 * SKIPPED, a running one ends as ERROR, saying so.
	 *
	 * @param serviceId the departed check's service id
	 */
	public void checkWentAway(long serviceId) {
		running.forEach(run -> run.checkWentAway(serviceId));
	}

	/** Cancels every running diagnosis (each still completes with what it had) and stops the threads. */
	@Override
	public void close() {
		running.forEach(EngineRun::shutdown);
		pool.shutdownNow();
		timer.shutdownNow();
		try {
			pool.awaitTermination(2, TimeUnit.SECONDS);
			timer.awaitTermination(2, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** @return threads alive in the check pool now (for tests of the "no thread left" promise) */
	int poolSize() {
		return pool.getPoolSize();
	}

	private static ThreadFactory threads(String name) {
		AtomicInteger n = new AtomicInteger();
		ThreadFactory base = Executors.defaultThreadFactory();
		return r -> {
			Thread t = base.newThread(r);
			t.setName(name + "-" + n.incrementAndGet());
			t.setDaemon(true); // never keeps a JVM alive; close() still stops them explicitly
			return t;
		};
	}

	/** @param consumer for tests: run something on each running diagnosis */
	void forEachRun(Consumer<DiagnosisRun> consumer) {
		running.forEach(consumer);
	}
}
