package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.store.ReportEvents;
import org.mediapath.api.store.ReportListener;
import org.mediapath.api.store.ReportStore;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * The diagnosis engine wired through the registry inside the console's runtime: whiteboard checks
 * come and go, misbehaving checks cannot stop a report, every report is announced on EventAdmin and
 * to {@link ReportListener}s, and the {@link ReportStore} keeps reports across a restart of the
 * diagnosis bundle. Every run targets 127.0.0.1 on a closed port, so runs take about a second.
 */
@ExtendWith(BundleContextExtension.class)
class DiagnosisInFelixTest {

	private static final String DIAGNOSIS_BSN = "org.mediapath.diagnosis";

	@InjectBundleContext
	BundleContext context;

	private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

	@BeforeEach
	void awaitStart() throws InterruptedException {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
	}

	@AfterEach
	void unregister() {
		for (ServiceRegistration<?> registration : registrations) {
			try {
				registration.unregister();
			} catch (IllegalStateException alreadyGone) {
				// unregistered by the test itself
			}
		}
	}

	@Test
	void aCheckRegisteredAtRuntimeTakesPartUntilItIsUnregistered() throws Exception {
		String id = "test-dynamic-" + UUID.randomUUID();
		ServiceRegistration<DiagnosticCheck> registration = registerCheck(id, Map.of(), context -> new CheckResult(id,
				"Dynamic", CheckStatus.PASS, "registered by the test", Map.of("answer", 42), List.of(), Duration.ZERO));

		DiagnosticReport with = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		Optional<CheckResult> result = Diagnoses.check(with, id);
		assertThat(result).as("the whiteboard found the new check").isPresent();
		assertThat(result.get().status()).isEqualTo(CheckStatus.PASS);
		assertThat(result.get().measurements()).containsEntry("answer", 42);
		assertThat(Diagnoses.check(with, "signalling")).as("built-in checks still run").isPresent();

		registration.unregister();
		DiagnosticReport without = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		assertThat(Diagnoses.check(without, id)).as("an unregistered check is gone from the next report").isEmpty();
		assertThat(Diagnoses.check(without, "signalling")).isPresent();
	}

	@Test
	void aThrowingCheckBecomesErrorAndAHangingOneTimeoutWhileTheReportStillArrives() throws Exception {
		String throwing = "test-throws-" + UUID.randomUUID();
		String hanging = "test-hangs-" + UUID.randomUUID();
		registerCheck(throwing, Map.of(), context -> {
			throw new IllegalStateException("broken on purpose");
		});
		registerCheck(hanging, Map.of(DiagnosticCheck.CHECK_TIMEOUT_MILLIS, 500L), context -> {
			Thread.sleep(120_000);
			return null;
		});

		long start = System.nanoTime();
		DiagnosticReport report = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		CheckResult threw = Diagnoses.check(report, throwing).orElseThrow();
		assertThat(threw.status()).isEqualTo(CheckStatus.ERROR);
		assertThat(threw.summary()).contains("IllegalStateException").contains("broken on purpose");
		CheckResult hung = Diagnoses.check(report, hanging).orElseThrow();
		assertThat(hung.status()).isEqualTo(CheckStatus.TIMEOUT);
		assertThat(hung.summary()).contains("500 ms");
		assertThat(took).as("the hanging check did not hold the report for its 120 s").isLessThan(Duration.ofSeconds(60));
		assertThat(Diagnoses.check(report, "signalling").orElseThrow().status().isConclusive())
				.as("the other checks judged the path as usual").isTrue();
	}

	@Test
	void everyReportIsAnnouncedOnEventAdminAndToReportListeners() throws Exception {
		BlockingQueue<Event> events = new LinkedBlockingQueue<>();
		Dictionary<String, Object> handlerProperties = new Hashtable<>();
		handlerProperties.put(EventConstants.EVENT_TOPIC, ReportEvents.TOPIC_COMPLETED);
		registrations.add(context.registerService(EventHandler.class, events::add, handlerProperties));
		List<DiagnosticReport> heard = new CopyOnWriteArrayList<>();
		registrations.add(context.registerService(ReportListener.class, heard::add, null));

		DiagnosticReport report = Diagnoses.run(context, DiagnosisProgressListener.NONE);

		Event event = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			Event e = events.poll(500, TimeUnit.MILLISECONDS);
			if (e != null && report.id().equals(e.getProperty(ReportEvents.REPORT_ID))) {
				event = e;
				break;
			}
		}
		assertThat(event).as("an event on " + ReportEvents.TOPIC_COMPLETED + " for report " + report.id()).isNotNull();
		assertThat(event.getTopic()).isEqualTo(ReportEvents.TOPIC_COMPLETED);
		assertThat(event.getProperty(ReportEvents.TARGET)).isEqualTo("127.0.0.1");
		assertThat(event.getProperty(ReportEvents.VERDICT)).isEqualTo(report.verdict().name());
		assertThat(event.getProperty(ReportEvents.CAUSE_IDS)).isInstanceOf(String[].class);
		assertThat((String[]) event.getProperty(ReportEvents.CAUSE_IDS))
				.containsExactly(report.causes().stream().map(c -> c.id()).toArray(String[]::new));
		assertThat((String[]) event.getProperty(ReportEvents.CAUSE_IDS)).as("the closed port is SIGNALLING_BLOCKED")
				.contains("SIGNALLING_BLOCKED");
		assertThat(event.getProperty(ReportEvents.REPORT)).isInstanceOf(DiagnosticReport.class);
		assertThat(((DiagnosticReport) event.getProperty(ReportEvents.REPORT)).id()).isEqualTo(report.id());

		assertThat(heard).as("the ReportListener was told, before the run's report completed")
				.anyMatch(r -> r.id().equals(report.id()));
	}

	/**
	 * A full framework restart is not possible inside bnd-testing (the tester runs in the framework
	 * it would restart), so this restarts the diagnosis bundle: the store component goes away with
	 * its in-memory index and a new one re-reads the bundle's data area.
	 */
	@Test
	void storedReportsSurviveARestartOfTheDiagnosisBundle() throws Exception {
		DiagnosticReport report = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		ReportStore before = Diagnoses.await(context, ReportStore.class);
		assertThat(before.get(report.id())).as("stored before the report completed").isPresent();

		Bundle diagnosis = java.util.Arrays.stream(context.getBundles())
				.filter(b -> DIAGNOSIS_BSN.equals(b.getSymbolicName())).findFirst().orElseThrow();
		diagnosis.stop();
		assertThat(context.getServiceReference(ReportStore.class)).as("the store left with its bundle").isNull();
		diagnosis.start();

		ReportStore after = Diagnoses.await(context, ReportStore.class);
		assertThat(after).as("a new store instance").isNotSameAs(before);
		DiagnosticReport reread = after.get(report.id()).orElseThrow(() -> new AssertionError("report lost on restart"));
		assertThat(reread.target()).isEqualTo(report.target());
		assertThat(reread.verdict()).isEqualTo(report.verdict());
		assertThat(reread.started()).isEqualTo(report.started());
		assertThat(reread.checks()).extracting(CheckResult::checkId)
				.containsExactlyElementsOf(report.checks().stream().map(CheckResult::checkId).toList());
		assertThat(reread.causes()).extracting(c -> c.id())
				.containsExactlyElementsOf(report.causes().stream().map(c -> c.id()).toList());

		DiagnosticReport next = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		assertThat(after.get(next.id())).as("the restarted engine stores into the restarted store").isPresent();
	}

	private ServiceRegistration<DiagnosticCheck> registerCheck(String id, Map<String, Object> extra, DiagnosticCheck check) {
		Dictionary<String, Object> properties = new Hashtable<>(extra);
		properties.put(DiagnosticCheck.CHECK_ID, id);
		properties.put(DiagnosticCheck.CHECK_TITLE, "Test check " + id);
		ServiceRegistration<DiagnosticCheck> registration = context.registerService(DiagnosticCheck.class, check, properties);
		registrations.add(registration);
		return registration;
	}
}
