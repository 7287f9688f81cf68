package org.mediapath.diagnosis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Verdict;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.CauseRule;

/** The engine with real (test) checks: concurrency, timeouts, errors, ordering, departures, cancel. */
class EngineTest {

	static final DiagnosisRequest REQUEST = DiagnosisRequest.forServer("127.0.0.1");

	final List<CheckEntry> entries = new CopyOnWriteArrayList<>();
	final List<DiagnosticReport> completed = new CopyOnWriteArrayList<>();
	final List<CheckResult> produced = new CopyOnWriteArrayList<>();
	final List<String> logged = new CopyOnWriteArrayList<>();
	final AtomicInteger serviceIds = new AtomicInteger();
	Engine engine;

	Engine engine(EngineSettings settings) {
		engine = new Engine(settings, new Engine.Hooks() {
			@Override
			public List<CheckEntry> checks() {
				return List.copyOf(entries);
			}

			@Override
			public List<CauseRule> rules() {
				return List.of();
			}

			@Override
			public void resultProduced(DiagnosisRequest request, CheckResult result) {
				produced.add(result);
			}

			@Override
			public void reportCompleted(DiagnosticReport report) {
				completed.add(report);
			}

			@Override
			public void log(String message) {
				logged.add(message);
			}
		}, Clock.systemUTC());
		return engine;
	}

	Engine engine() {
		return engine(new EngineSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 4, true));
	}

	@AfterEach
	void close() {
		if (engine != null) {
			engine.close();
		}
	}

	CheckEntry add(String id, long timeoutMillis, List<String> requires, List<String> after, Function<CheckContext, CheckResult> body) {
		DiagnosticCheck check = body::apply;
		CheckEntry entry = new CheckEntry(id, "title of " + id, timeoutMillis, requires, after, serviceIds.incrementAndGet(), check);
		entries.add(entry);
		return entry;
	}

	static CheckResult result(String id, CheckStatus status) {
		return new CheckResult(id, id, status, id + " " + status, Map.of("n", 1), List.of(new Evidence(id, id + " seen")), Duration.ZERO);
	}

	static Function<CheckContext, CheckResult> sleeping(String id, long millis) {
		return ctx -> {
			try {
				Thread.sleep(millis);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return result(id, CheckStatus.PASS);
		};
	}

	static DiagnosticReport await(DiagnosisRun run) throws Exception {
		return run.report().toCompletableFuture().get(10, TimeUnit.SECONDS);
	}

	static CheckResult check(DiagnosticReport report, String id) {
		return report.checks().stream().filter(c -> c.checkId().equals(id)).findFirst().orElseThrow();
	}

	@Test
	void independentChecksRunConcurrently() throws Exception {
		add("a", 0, List.of(), List.of(), sleeping("a", 800));
		add("b", 0, List.of(), List.of(), sleeping("b", 800));
		add("c", 0, List.of(), List.of(), sleeping("c", 800));
		long start = System.nanoTime();
		DiagnosticReport report = await(engine().start(REQUEST, DiagnosisProgressListener.NONE));
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertTrue(millis < 2000, "three 800 ms checks took " + millis + " ms (in sequence: 2400)");
		assertEquals(Verdict.INCONCLUSIVE, report.verdict(), "no check proved media: never OK");
		assertEquals(List.of("a", "b", "c"), report.checks().stream().map(CheckResult::checkId).toList());
		assertEquals(List.of(report), completed, "the report was handed to store/announce before completing");
		assertEquals(3, produced.size());
	}

	@Test
	void aThrowingCheckIsAnErrorAndAHangingOneATimeoutAndTheReportStillComes() throws Exception {
		add("throws", 0, List.of(), List.of(), ctx -> {
			throw new IllegalStateException("socket exploded");
		});
		CountDownLatch interrupted = new CountDownLatch(1);
		add("hangs", 300, List.of(), List.of(), ctx -> {
			try {
				Thread.sleep(60_000);
			} catch (InterruptedException e) {
				interrupted.countDown();
			}
			return result("hangs", CheckStatus.PASS); // too late: the TIMEOUT stands
		});
		add("null", 0, List.of(), List.of(), ctx -> null);
		add("fine", 0, List.of(), List.of(), ctx -> result("fine", CheckStatus.PASS));
		long start = System.nanoTime();
		DiagnosticReport report = await(engine().start(REQUEST, DiagnosisProgressListener.NONE));
		assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
		assertEquals(CheckStatus.ERROR, check(report, "throws").status());
		assertTrue(check(report, "throws").summary().contains("IllegalStateException: socket exploded"));
		assertEquals(CheckStatus.TIMEOUT, check(report, "hangs").status());
		assertTrue(check(report, "hangs").summary().contains("300 ms"));
		assertEquals(CheckStatus.ERROR, check(report, "null").status());
		assertEquals(CheckStatus.PASS, check(report, "fine").status());
		assertTrue(interrupted.await(2, TimeUnit.SECONDS), "the hanging check was interrupted");
	}

	@Test
	void aFailedPrerequisiteSkipsItsDependantsAndOrderingIsHonoured() throws Exception {
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		add(BuiltInChecks.SERVER_UDP, 0, List.of(BuiltInChecks.SIGNALLING), List.of(), ctx -> {
			order.add("udp");
			return result(BuiltInChecks.SERVER_UDP, CheckStatus.PASS);
		});
		add(BuiltInChecks.SIGNALLING, 0, List.of(), List.of(), ctx -> {
			order.add("signalling");
			return new CheckResult(BuiltInChecks.SIGNALLING, "TCP signalling", CheckStatus.FAIL, "TCP 2230 does not answer",
					Map.of(BuiltInChecks.OUTCOME, "FILTERED"), List.of(new Evidence(BuiltInChecks.SIGNALLING, "TCP 2230 does not answer")),
					Duration.ZERO);
		});
		add("route", 0, List.of(), List.of(), ctx -> result("route", CheckStatus.PASS));
		DiagnosticReport report = await(engine().start(REQUEST, DiagnosisProgressListener.NONE));
		CheckResult udp = check(report, BuiltInChecks.SERVER_UDP);
		assertEquals(CheckStatus.SKIPPED, udp.status());
		assertTrue(udp.summary().contains("title of signalling failed (TCP 2230 does not answer)"), udp.summary());
		assertEquals(List.of("signalling"), order);
		assertEquals(Verdict.FAILED, report.verdict(), "the built-in rules run in the engine");
		assertEquals(CauseIds.SIGNALLING_BLOCKED, report.causes().get(0).id());
	}

	@Test
	void afterOrdersWithoutSkippingAndDependantsReadEarlierResults() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		add("second", 0, List.of(), List.of("first"), ctx -> {
			seen.add(((RunContext) ctx).resultOf("first").map(r -> r.status().name()).orElse("none"));
			((RunContext) ctx).shared().get("x");
			return result("second", CheckStatus.PASS);
		});
		add("first", 0, List.of(), List.of(), ctx -> {
			((RunContext) ctx).shared().put("x", "y");
			return result("first", CheckStatus.FAIL);
		});
		add("third", 0, List.of("absent"), List.of(), ctx -> result("third", CheckStatus.PASS));
		DiagnosticReport report = await(engine().start(REQUEST, DiagnosisProgressListener.NONE));
		assertEquals(List.of("FAIL"), seen);
		assertEquals(CheckStatus.PASS, check(report, "second").status());
		assertEquals(CheckStatus.PASS, check(report, "third").status(), "an absent prerequisite does not block");
	}

	@Test
	void aCheckWhoseServiceLeavesMidRunIsReportedAsSuch() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		CheckEntry leaving = add("leaving", 0, List.of(), List.of(), ctx -> {
			running.countDown();
			try {
				Thread.sleep(30_000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return result("leaving", CheckStatus.PASS);
		});
		CheckEntry waiting = add("waiting", 0, List.of(), List.of("leaving"), ctx -> result("waiting", CheckStatus.PASS));
		DiagnosisRun run = engine().start(REQUEST, DiagnosisProgressListener.NONE);
		assertTrue(running.await(5, TimeUnit.SECONDS));
		engine.checkWentAway(waiting.serviceId());
		engine.checkWentAway(leaving.serviceId());
		DiagnosticReport report = await(run);
		assertEquals(CheckStatus.ERROR, check(report, "leaving").status());
		assertTrue(check(report, "leaving").summary().contains("went away") && check(report, "leaving").summary().contains("while it ran"));
		assertEquals(CheckStatus.SKIPPED, check(report, "waiting").status());
		assertTrue(check(report, "waiting").summary().contains("before it ran"));
	}

	@Test
	void cancelEndsTheRunWithWhatItHad() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		add("done", 0, List.of(), List.of(), ctx -> result("done", CheckStatus.PASS));
		add("slow", 0, List.of(), List.of("done"), ctx -> {
			running.countDown();
			while (!ctx.isCancelled()) {
				Thread.onSpinWait();
			}
			return result("slow", CheckStatus.PASS);
		});
		add("later", 0, List.of(), List.of("slow"), ctx -> result("later", CheckStatus.PASS));
		DiagnosisRun run = engine().start(REQUEST, DiagnosisProgressListener.NONE);
		assertTrue(running.await(5, TimeUnit.SECONDS));
		run.cancel();
		DiagnosticReport report = await(run);
		assertEquals(CheckStatus.PASS, check(report, "done").status());
		assertEquals(CheckStatus.SKIPPED, check(report, "slow").status());
		assertTrue(check(report, "slow").summary().contains("cancelled"));
		assertEquals(CheckStatus.SKIPPED, check(report, "later").status());
		assertEquals(run.id(), report.id());
	}

	@Test
	void theRunBoundEndsEveryRunWithAReport() throws Exception {
		add("stubborn", 60_000, List.of(), List.of(), ctx -> {
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (System.nanoTime() < end) {
				Thread.onSpinWait(); // ignores interrupts and cancellation (briefly: a shared 2-core machine)
			}
			return result("stubborn", CheckStatus.PASS);
		});
		add("queued", 0, List.of(), List.of("stubborn"), ctx -> result("queued", CheckStatus.PASS));
		long start = System.nanoTime();
		DiagnosticReport report = await(engine(new EngineSettings(Duration.ofSeconds(60), Duration.ofMillis(400), 2, true))
				.start(REQUEST, DiagnosisProgressListener.NONE));
		assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
		assertEquals(CheckStatus.TIMEOUT, check(report, "stubborn").status());
		assertEquals(CheckStatus.SKIPPED, check(report, "queued").status());
	}

	@Test
	void progressIsReportedAndListenersThatThrowDoNotBreakTheRun() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		add("p", 0, List.of(), List.of(), ctx -> {
			ctx.progress(0.5, "half way");
			return result("p", CheckStatus.PASS);
		});
		DiagnosisProgressListener listener = new DiagnosisProgressListener() {
			@Override
			public void checkStarted(String runId, String checkId, String title) {
				events.add("started " + checkId + " " + title);
			}

			@Override
			public void checkProgress(String runId, String checkId, double fraction, String message) {
				events.add("progress " + checkId + " " + fraction + " " + message);
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void checkFinished(String runId, CheckResult result) {
				events.add("finished " + result.checkId() + " " + result.status());
			}
		};
		DiagnosticReport report = await(engine().start(REQUEST, listener));
		assertEquals(List.of("started p title of p", "progress p 0.5 half way", "finished p PASS"), events);
		assertEquals(CheckStatus.PASS, check(report, "p").status());
	}

	@Test
	void duplicateIdsKeepTheFirstAndAreLogged() throws Exception {
		add("dup", 0, List.of(), List.of(), ctx -> result("dup", CheckStatus.PASS));
		add("dup", 0, List.of(), List.of(), ctx -> result("dup", CheckStatus.FAIL));
		add("wrong-id", 0, List.of(), List.of(), ctx -> result("something-else", CheckStatus.WARN));
		DiagnosticReport report = await(engine().start(REQUEST, DiagnosisProgressListener.NONE));
		assertEquals(2, report.checks().size());
		assertEquals(CheckStatus.PASS, check(report, "dup").status());
		assertEquals(CheckStatus.WARN, check(report, "wrong-id").status(), "kept under its registered id");
		assertTrue(logged.stream().anyMatch(l -> l.contains("dup")));
	}

	@Test
	void noChecksStillGivesAReport() throws Exception {
		DiagnosticReport report = await(engine().start(REQUEST, DiagnosisProgressListener.NONE));
		assertEquals(Verdict.INCONCLUSIVE, report.verdict(), "nothing was tested: never OK");
		assertTrue(report.unproven().orElseThrow().contains("media was not proven"));
		assertEquals(List.of(), report.checks());
	}

	@Test
	void closeLeavesNoThreadAndRefusesNewRuns() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		add("long", 0, List.of(), List.of(), ctx -> {
			running.countDown();
			try {
				Thread.sleep(30_000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return result("long", CheckStatus.PASS);
		});
		DiagnosisRun run = engine().start(REQUEST, DiagnosisProgressListener.NONE);
		assertTrue(running.await(5, TimeUnit.SECONDS));
		engine.close();
		DiagnosticReport report = await(run);
		assertEquals(CheckStatus.ERROR, check(report, "long").status());
		assertEquals(0, engine.poolSize());
		Thread.sleep(100);
		assertFalse(Thread.getAllStackTraces().keySet().stream()
				.anyMatch(t -> t.isAlive() && (t.getName().startsWith("mediapath-check") || t.getName().startsWith("mediapath-diagnosis-timer"))));
		assertThrows(IllegalStateException.class, () -> engine.start(REQUEST, DiagnosisProgressListener.NONE));
	}
}
