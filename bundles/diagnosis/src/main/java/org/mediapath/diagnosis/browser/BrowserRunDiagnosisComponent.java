package org.mediapath.diagnosis.browser;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.store.ReportListener;
import org.mediapath.api.store.ReportStore;
import org.mediapath.diagnosis.engine.ReportAnnouncer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BrowserRunDiagnosis} service: {@link BrowserReports} wired to the registry. Partner
 * {@link CauseRule}s and {@link ReportListener}s are dynamic references, as in the diagnosis engine,
 * so the same rules judge a browser run and a report leaves the same way (store, then listeners,
 * EventAdmin among them).
 */
@Component(service = BrowserRunDiagnosis.class, configurationPid = BrowserRunDiagnosisComponent.PID)
@Designate(ocd = BrowserDiagnosisConfig.class)
public class BrowserRunDiagnosisComponent implements BrowserRunDiagnosis {

	/** The configuration PID. */
	public static final String PID = "org.mediapath.diagnosis.browser";

	private final Map<Long, CauseRule> rules = new ConcurrentHashMap<>();
	private final List<ReportListener> listeners = new CopyOnWriteArrayList<>();
	private final Logger logger = LoggerFactory.getLogger(BrowserRunDiagnosisComponent.class);
	private final BrowserReports reports;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile DiagnosisService diagnosis;

	@Activate
	public BrowserRunDiagnosisComponent(BundleContext context, @Reference ReportStore store, BrowserDiagnosisConfig config) {
		String version = context == null ? "unknown" : context.getBundle().getVersion().toString();
		BrowserReports.Settings settings = new BrowserReports.Settings(
				Duration.ofMinutes(Math.max(0, config.console_evidence_window_minutes())),
				Duration.ofSeconds(Math.max(1, config.console_diagnosis_timeout_seconds())), version);
		this.reports = new BrowserReports(settings, store, new BrowserReports.Hooks() {
			@Override
			public List<CauseRule> partnerRules() {
				return new ArrayList<>(rules.values());
			}

			@Override
			public Optional<DiagnosisService> diagnosis() {
				return Optional.ofNullable(diagnosis);
			}

			@Override
			public void announce(DiagnosticReport report) {
				ReportAnnouncer.announce(report, store, listeners, logger::warn);
			}

			@Override
			public void log(String message) {
				logger.warn(message);
			}
		}, Clock.systemUTC());
	}

	@Override
	public DiagnosticReport report(DiagnosisRequest pbx, BrowserRun run) {
		return reports.report(pbx, run);
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void addRule(CauseRule rule, Map<String, Object> properties) {
		rules.put(((Number) properties.get(Constants.SERVICE_ID)).longValue(), rule);
	}

	void removeRule(CauseRule rule, Map<String, Object> properties) {
		rules.remove(((Number) properties.get(Constants.SERVICE_ID)).longValue());
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void addListener(ReportListener listener) {
		listeners.add(listener);
	}

	void removeListener(ReportListener listener) {
		listeners.remove(listener);
	}
}
