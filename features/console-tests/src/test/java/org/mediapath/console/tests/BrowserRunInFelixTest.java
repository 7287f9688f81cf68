package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.report.Verdict;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;
import org.mediapath.api.store.ReportEvents;
import org.mediapath.api.store.ReportListener;
import org.mediapath.api.store.ReportStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * A run in a user's browser turned into a report inside the console's runtime: the diagnosis
 * bundle's {@link BrowserRunDiagnosis} applies the whiteboard's partner rules like the engine does,
 * stores the report and tells every {@link ReportListener} and EventAdmin once; the {@code browser-test} subcommand
 * and the {@code mediapath:browsertest} Gogo command are registered.
 */
@ExtendWith(BundleContextExtension.class)
class BrowserRunInFelixTest {

	@InjectBundleContext
	BundleContext context;

	static BrowserRun silentRun(String id) {
		List<BrowserPortResult> ports = List.of(
				new BrowserPortResult(30000, PortState.SILENT, 40, 0, 0, 0, 0, OptionalDouble.empty(), Optional.empty()),
				new BrowserPortResult(30010, PortState.CONNECTED, 6, 6, 3, 6, 6, OptionalDouble.of(2.0), Optional.of("198.18.77.5:61000")));
		return new BrowserRun(id, "tok", "in felix", BrowserTestPolicy.NONE, Instant.now().minusSeconds(5), RunState.DONE,
				Optional.of(Duration.ofMillis(3100)), "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "Firefox 128", "Linux",
				"198.18.77.5", "198.18.2.10", new PortRange(30000, 30010), ports, List.of("host"), "one port silent");
	}

	@Test
	void aBrowserRunIsJudgedByTheSameRulesStoredAndAnnouncedOnce() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		BrowserRunDiagnosis diagnosis = Diagnoses.await(context, BrowserRunDiagnosis.class);
		ReportStore store = Diagnoses.await(context, ReportStore.class);
		List<DiagnosticReport> told = new CopyOnWriteArrayList<>();
		ServiceRegistration<ReportListener> listener = context.registerService(ReportListener.class, told::add, null);
		BlockingQueue<Event> events = new LinkedBlockingQueue<>();
		Hashtable<String, Object> topic = new Hashtable<>();
		topic.put(EventConstants.EVENT_TOPIC, ReportEvents.TOPIC_COMPLETED);
		ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topic);
		CauseRule partner = new CauseRule() {
			@Override
			public List<Cause> evaluate(Findings f) {
				return f.result("browser-ice").filter(r -> r.status().name().equals("FAIL")).map(r -> List.of(new Cause(
						"PARTNER_BROWSER_POLICY", 0.7, List.of(new Evidence("browser-ice", r.summary())),
						new Remediation(Side.CLIENT, "Ask the partner's help desk")))).orElse(List.of());
			}
		};
		Hashtable<String, Object> properties = new Hashtable<>();
		properties.put(CauseRule.RULE_ID, "partner-browser");
		ServiceRegistration<CauseRule> rule = context.registerService(CauseRule.class, partner, properties);
		DiagnosisRequest pbx = DiagnosisRequest.forServer("198.18.2.10");
		try {
			BrowserRun run = silentRun("felix-" + UUID.randomUUID());
			DiagnosticReport report = diagnosis.report(pbx, run);
			assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
			assertThat(report.causes()).extracting(Cause::id).containsExactly("PARTNER_BROWSER_POLICY");
			assertThat(report.vantagePoint().orElseThrow().origin()).isEqualTo(VantagePoint.USERS_BROWSER);
			assertThat(store.get(report.id())).isPresent();
			assertThat(diagnosis.report(pbx, run).id()).isEqualTo(report.id());
			assertThat(told).extracting(DiagnosticReport::id).containsExactly(report.id());
			Event event = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (event == null && System.nanoTime() < deadline) {
				Event e = events.poll(500, TimeUnit.MILLISECONDS);
				event = e != null && report.id().equals(e.getProperty(ReportEvents.REPORT_ID)) ? e : null;
			}
			assertThat(event).as("an EventAdmin event for " + report.id()).isNotNull();
			assertThat(event.getProperty(ReportEvents.VERDICT)).isEqualTo("FAILED");
		} finally {
			rule.unregister();
		}
		// without the partner's rule, the built-in ones alone: a silent port with no console evidence names no side
		DiagnosticReport alone = diagnosis.report(pbx, silentRun("felix-" + UUID.randomUUID()));
		assertThat(alone.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
		assertThat(alone.unproven().orElseThrow()).contains("does not arrive", "30000");
		listener.unregister();
		handler.unregister();
	}

	@Test
	void theSubcommandAndTheGogoCommandAreThere() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		Diagnoses.await(context, BrowserRunDiagnosis.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		ServiceReference<?>[] gogo = null;
		while (System.nanoTime() < deadline && (gogo == null
				|| context.getServiceReferences(Subcommand.class, "(" + Subcommand.NAME + "=browser-test)").isEmpty())) {
			gogo = context.getServiceReferences((String) null, "(&(osgi.command.scope=mediapath)(osgi.command.function=browsertest))");
			Thread.sleep(100);
		}
		assertThat(context.getServiceReferences(Subcommand.class, "(" + Subcommand.NAME + "=browser-test)")).hasSize(1);
		assertThat(gogo).isNotNull().hasSize(1);
		Object command = context.getService(gogo[0]);
		try {
			String out = (String) command.getClass().getMethod("browsertest", String[].class)
					.invoke(command, (Object) new String[] { "invite", "--expires", "soon" });
			assertThat(out).contains("browser-test invite: --expires: 'soon' is not a duration").contains("(exit 2)");
		} finally {
			context.ungetService(gogo[0]);
		}
	}
}
