package org.mediapath.diagnosis.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.store.ReportEvents;
import org.mediapath.api.store.ReportListener;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.mediapath.diagnosis.store.FileReportStore;
import org.osgi.framework.Constants;

/**
 * The DS component's whiteboard handling, driven the way SCR drives it (bind/unbind with service
 * properties), without a framework: partner checks and rules coming and going, listeners, the store.
 */
class DiagnosisEngineComponentTest {

	@TempDir
	Path dir;

	DiagnosisEngineComponent component;
	long nextServiceId = 100;

	static EngineConfig config() {
		return (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(), new Class<?>[] { EngineConfig.class },
				(proxy, method, args) -> switch (method.getName()) {
				case "check_timeout_millis" -> 2000L;
				case "run_timeout_millis" -> 10000L;
				case "max_concurrent_checks" -> 2;
				case "publish_results" -> false; // no framework here to register results in
				default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	Map<String, Object> props(String id, Object... more) {
		Map<String, Object> p = new HashMap<>();
		p.put(Constants.SERVICE_ID, nextServiceId++);
		if (id != null) {
			p.put(DiagnosticCheck.CHECK_ID, id);
		}
		for (int i = 0; i < more.length; i += 2) {
			p.put((String) more[i], more[i + 1]);
		}
		return p;
	}

	@AfterEach
	void deactivate() {
		if (component != null) {
			component.deactivate();
		}
	}

	@Test
	void partnerChecksAndRulesJoinAndLeaveAndReportsGoToStoreAndListeners() throws Exception {
		component = new DiagnosisEngineComponent(null, config());
		FileReportStore store = new FileReportStore(dir, 10, Duration.ofDays(1), Clock.systemUTC(), m -> {
		});
		component.store = store;
		List<DiagnosticReport> heard = new CopyOnWriteArrayList<>();
		ReportListener listener = report -> heard.add(store.get(report.id()).orElseThrow()); // stored before told
		component.addListener(listener);
		ReportListener broken = report -> {
			throw new IllegalStateException("listener bug");
		};
		component.addListener(broken);

		DiagnosticCheck quality = ctx -> new CheckResult("quality", "Voice quality", CheckStatus.FAIL, "jitter 80 ms",
				Map.of("jitterMillis", 80), List.of(new Evidence("quality", "jitter 80 ms")), Duration.ZERO);
		Map<String, Object> qualityProps = props("quality", DiagnosticCheck.CHECK_TITLE, "Voice quality",
				DiagnosticCheck.CHECK_TIMEOUT_MILLIS, "500", CheckOrdering.AFTER, new String[] { "absent" });
		component.addCheck(quality, qualityProps);
		component.addCheck(ctx -> null, props(null)); // no id: ignored
		CauseRule jitter = f -> f.is("quality", CheckStatus.FAIL) ? List.of(new Cause("JITTER_TOO_HIGH", 0.7,
				List.of(new Evidence("quality", "jitter 80 ms")), new Remediation(Side.NETWORK, "Prioritise UDP 30000-33000")))
				: List.of();
		Map<String, Object> ruleProps = props(null);
		component.addRule(jitter, ruleProps);

		DiagnosticReport report = component.start(DiagnosisRequest.forServer("127.0.0.1"), DiagnosisProgressListener.NONE)
				.report().toCompletableFuture().get(10, TimeUnit.SECONDS);
		assertEquals(List.of("quality"), report.checks().stream().map(CheckResult::checkId).toList());
		assertEquals("JITTER_TOO_HIGH", report.causes().get(0).id());
		assertEquals(List.of(report.id()), heard.stream().map(DiagnosticReport::id).toList());
		assertTrue(store.get(report.id()).isPresent());

		component.removeRule(jitter, ruleProps);
		component.removeCheck(quality, qualityProps);
		DiagnosticReport empty = component.start(DiagnosisRequest.forServer("127.0.0.1"), DiagnosisProgressListener.NONE)
				.report().toCompletableFuture().get(10, TimeUnit.SECONDS);
		assertEquals(List.of(), empty.checks());
		assertEquals(List.of(), empty.causes());
	}

	@Test
	void aCheckUnregisteredWhileItRunsIsReportedAsGone() throws Exception {
		component = new DiagnosisEngineComponent(null, config());
		CountDownLatch running = new CountDownLatch(1);
		DiagnosticCheck slow = ctx -> {
			running.countDown();
			Thread.sleep(1500);
			return new CheckResult("slow", "Slow", CheckStatus.PASS, "fine", Map.of(), List.of(), Duration.ZERO);
		};
		Map<String, Object> p = props("slow");
		component.addCheck(slow, p);
		DiagnosisRun run = component.start(DiagnosisRequest.forServer("127.0.0.1"), DiagnosisProgressListener.NONE);
		assertTrue(running.await(5, TimeUnit.SECONDS));
		component.removeCheck(slow, p);
		CheckResult r = run.report().toCompletableFuture().get(10, TimeUnit.SECONDS).checks().get(0);
		assertEquals(CheckStatus.ERROR, r.status());
		assertTrue(r.summary().contains("went away"), r.summary());
	}

	@Test
	void theTimeoutPropertyIsHonoured() throws Exception {
		component = new DiagnosisEngineComponent(null, config());
		component.addCheck(ctx -> {
			Thread.sleep(5000);
			return null;
		}, props("sleepy", DiagnosticCheck.CHECK_TIMEOUT_MILLIS, 200L));
		long start = System.nanoTime();
		CheckResult r = component.start(DiagnosisRequest.forServer("127.0.0.1"), DiagnosisProgressListener.NONE).report()
				.toCompletableFuture().get(10, TimeUnit.SECONDS).checks().get(0);
		assertEquals(CheckStatus.TIMEOUT, r.status());
		assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(3000), "a 200 ms timeout ends a 5 s check");
	}

	@Test
	void theEventCarriesTheContractProperties() {
		Cause cause = new Cause("SIGNALLING_BLOCKED", 0.9, List.of(new Evidence("signalling", "refused")),
				new Remediation(Side.SERVER, "Open TCP 2230"));
		DiagnosticReport report = new DiagnosticReport("id-1", DiagnosisRequest.forServer("pbx"), java.time.Instant.EPOCH,
				Duration.ZERO, org.mediapath.api.report.Verdict.FAILED, List.of(cause), List.of());
		Map<String, Object> p = EventAdminAnnouncer.properties(report);
		assertEquals("id-1", p.get(ReportEvents.REPORT_ID));
		assertEquals("pbx", p.get(ReportEvents.TARGET));
		assertEquals("FAILED", p.get(ReportEvents.VERDICT));
		assertArrayEquals(new String[] { "SIGNALLING_BLOCKED" }, (String[]) p.get(ReportEvents.CAUSE_IDS));
		assertEquals(report, p.get(ReportEvents.REPORT));
	}
}
