package org.mediapath.ui.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;

/**
 * The diagnoses started from the page: their live progress, fed by a
 * {@link DiagnosisProgressListener} each, and their reports once done (so a report can be shown
 * even when no ReportStore is registered). Bounded: the oldest finished runs are forgotten.
 *
 * <p>At most {@link #maxConcurrent} page runs probe at once (each one sends packets from this
 * machine and binds its ports); the others wait in a queue, first come first served, and their
 * progress says their place. A run is known by the page's own id from the moment it is queued.
 */
final class RunTracker {

	static final int MAX_RUNS = 20;
	/** The most runs that may wait; beyond it the page says to try again later. */
	static final int MAX_QUEUED = 20;

	private final LongSupplier nanoTime;
	private final Map<String, Progress> runs = new LinkedHashMap<>();
	private final Deque<Progress> queue = new ArrayDeque<>();
	private int running;
	private volatile int maxConcurrent = 2;

	RunTracker(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/** @param max how many page runs may probe at once (at least 1) */
	void maxConcurrent(int max) {
		this.maxConcurrent = Math.max(1, max);
		startQueued();
	}

	/**
	 * Starts a run now if fewer than the cap are running, or queues it.
	 *
	 * @param expected the checks expected to run (shown as waiting)
	 * @param starter starts the diagnosis with the progress as its listener
	 * @return the run's progress, known by its page id
	 * @throws IllegalStateException if the queue is full
	 * @throws RuntimeException what the starter threw, when it ran at once and failed
	 */
	Progress submit(List<CheckResult> expected, Function<Progress, DiagnosisRun> starter) {
		Progress progress = newProgress(expected);
		progress.runId = UUID.randomUUID().toString();
		progress.starter = starter;
		boolean now;
		synchronized (this) {
			if (running >= maxConcurrent && queue.size() >= MAX_QUEUED) {
				throw new IllegalStateException("queue full");
			}
			runs.put(progress.runId, progress);
			trim();
			now = running < maxConcurrent;
			if (now) {
				running++;
			} else {
				queue.addLast(progress);
			}
		}
		if (now) {
			RuntimeException failed = begin(progress);
			if (failed != null) {
				throw failed;
			}
		}
		return progress;
	}

	/** @return the failure of a start that threw (the run is then finished with it), or null */
	private RuntimeException begin(Progress progress) {
		DiagnosisRun run;
		try {
			run = progress.starter.apply(progress);
		} catch (RuntimeException e) {
			progress.finish(null, e);
			ended();
			return e;
		}
		progress.run = run;
		progress.engineRunId = run.id();
		run.report().whenComplete((report, failure) -> {
			progress.finish(report, failure);
			ended();
		});
		return null;
	}

	private void ended() {
		synchronized (this) {
			running--;
		}
		startQueued();
	}

	private void startQueued() {
		while (true) {
			Progress next;
			synchronized (this) {
				if (running >= maxConcurrent || queue.isEmpty()) {
					return;
				}
				next = queue.pollFirst();
				running++;
			}
			begin(next);
		}
	}

	/** @return the place of a waiting run in the queue, 1 for the next to start; 0 when it is not waiting */
	synchronized int queuePosition(Progress p) {
		int i = 1;
		for (Progress q : queue) {
			if (q == p) {
				return i;
			}
			i++;
		}
		return 0;
	}

	/** @return whether it was waiting and has been taken out of the queue (it then ends as cancelled) */
	boolean dequeue(Progress p) {
		boolean removed;
		synchronized (this) {
			removed = queue.remove(p);
		}
		if (removed) {
			p.finish(null, new java.util.concurrent.CancellationException("cancelled while waiting in the queue"));
		}
		return removed;
	}

	/** @return a new progress, seeded with the check ids expected to run (shown as waiting) */
	Progress newProgress(List<CheckResult> expected) {
		Progress p = new Progress(nanoTime);
		p.tracker = this;
		for (CheckResult r : expected) {
			p.seed(r.checkId(), r.title());
		}
		return p;
	}

	/** Records a run started elsewhere under its engine id and completes it when its report arrives. */
	void track(DiagnosisRun run, Progress progress) {
		synchronized (this) {
			progress.runId = run.id();
			runs.put(run.id(), progress);
			progress.run = run;
			trim();
		}
		run.report().whenComplete((report, failure) -> progress.finish(report, failure));
	}

	synchronized Optional<Progress> get(String runId) {
		return Optional.ofNullable(runs.get(runId));
	}

	/** @return a finished report this page started, if still remembered */
	synchronized Optional<DiagnosticReport> report(String id) {
		for (Progress p : runs.values()) {
			DiagnosticReport r = p.report;
			if (r != null && r.id().equals(id)) {
				return Optional.of(r);
			}
		}
		return Optional.empty();
	}

	/** Cancels every run still going or waiting; called when the page goes away. */
	void cancelAll() {
		List<Progress> all;
		synchronized (this) {
			all = new ArrayList<>(runs.values());
			queue.clear();
		}
		for (Progress p : all) {
			if (!p.isDone() && p.run != null) {
				p.run.cancel();
			}
		}
	}

	private void trim() {
		var it = runs.entrySet().iterator();
		while (runs.size() > MAX_RUNS && it.hasNext()) {
			Progress p = it.next().getValue();
			if (p.isDone() && !queue.contains(p)) {
				it.remove();
			}
		}
	}

	/** One check's state on the progress endpoint. */
	enum State {
		WAITING, RUNNING, PASS, FAIL, WARN, SKIPPED, ERROR, TIMEOUT
	}

	/** The live state of one run. */
	static final class Progress implements DiagnosisProgressListener {
		private final LongSupplier nanoTime;
		private final long startNanos;
		private final Map<String, CheckProgress> checks = new LinkedHashMap<>();
		private volatile String runId;
		private volatile String engineRunId;
		private volatile Function<Progress, DiagnosisRun> starter;
		private volatile RunTracker tracker;
		private volatile DiagnosisRun run;
		private volatile DiagnosticReport report;
		private volatile String failure;
		private volatile long endNanos;

		Progress(LongSupplier nanoTime) {
			this.nanoTime = nanoTime;
			this.startNanos = nanoTime.getAsLong();
		}

		synchronized void seed(String checkId, String title) {
			checks.computeIfAbsent(checkId, id -> new CheckProgress(id, title));
		}

		@Override
		public synchronized void checkStarted(String id, String checkId, String title) {
			CheckProgress c = checks.computeIfAbsent(checkId, k -> new CheckProgress(k, title));
			c.title = title;
			c.state = State.RUNNING;
			c.startNanos = nanoTime.getAsLong();
		}

		@Override
		public synchronized void checkProgress(String id, String checkId, double fraction, String message) {
			CheckProgress c = checks.computeIfAbsent(checkId, k -> new CheckProgress(k, k));
			if (c.state == State.WAITING) {
				c.state = State.RUNNING;
				c.startNanos = nanoTime.getAsLong();
			}
			c.fraction = Math.max(0, Math.min(1, fraction));
			c.message = message;
		}

		@Override
		public synchronized void checkFinished(String id, CheckResult result) {
			CheckProgress c = checks.computeIfAbsent(result.checkId(), k -> new CheckProgress(k, result.title()));
			c.title = result.title();
			c.state = State.valueOf(result.status().name());
			c.fraction = 1;
			c.message = result.summary();
			c.elapsed = result.duration();
		}

		synchronized void finish(DiagnosticReport finished, Throwable error) {
			endNanos = nanoTime.getAsLong();
			if (finished != null) {
				for (CheckResult r : finished.checks()) {
					checkFinished(runId, r);
				}
				// checks that were expected but did not take part this time
				checks.values().removeIf(c -> c.state == State.WAITING);
				report = finished;
			} else {
				failure = error == null ? "no report"
						: error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
			}
		}

		/** @return whether the run was still going (or waiting) and has been asked to stop */
		boolean cancel() {
			RunTracker t = tracker;
			if (t != null && t.dequeue(this)) {
				return true;
			}
			DiagnosisRun r = run;
			if (isDone() || r == null) {
				return false;
			}
			r.cancel();
			return true;
		}

		boolean isDone() {
			return report != null || failure != null;
		}

		String runId() {
			return runId;
		}

		DiagnosticReport report() {
			return report;
		}

		/** @return the JSON-ready state: runId, done, reportId, verdict, failure, elapsedMillis, checks[] */
		synchronized Map<String, Object> toMap() {
			long now = nanoTime.getAsLong();
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("runId", runId);
			m.put("done", isDone());
			RunTracker t = tracker;
			int position = t == null || isDone() ? 0 : t.queuePosition(this);
			if (position > 0) {
				m.put("queuePosition", position);
			}
			m.put("elapsedMillis", Duration.ofNanos((isDone() ? endNanos : now) - startNanos).toMillis());
			if (report != null) {
				m.put("reportId", report.id());
				m.put("verdict", report.verdict().name());
			}
			if (failure != null) {
				m.put("failure", failure);
			}
			List<Map<String, Object>> list = new ArrayList<>();
			for (CheckProgress c : checks.values()) {
				Map<String, Object> cm = new LinkedHashMap<>();
				cm.put("id", c.id);
				cm.put("title", c.title);
				cm.put("state", c.state.name().toLowerCase());
				long elapsed = c.elapsed != null ? c.elapsed.toMillis()
						: c.state == State.WAITING ? 0 : Duration.ofNanos(now - c.startNanos).toMillis();
				cm.put("elapsedMillis", elapsed);
				cm.put("fraction", c.fraction);
				if (c.message != null) {
					cm.put("message", c.message);
				}
				list.add(cm);
			}
			m.put("checks", list);
			return m;
		}
	}

	private static final class CheckProgress {
		final String id;
		String title;
		State state = State.WAITING;
		long startNanos;
		double fraction;
		String message;
		Duration elapsed;

		CheckProgress(String id, String title) {
			this.id = id;
			this.title = title;
		}
	}
}
