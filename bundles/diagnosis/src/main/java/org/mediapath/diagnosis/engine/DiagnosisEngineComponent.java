package org.mediapath.diagnosis.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.store.ReportListener;
import org.mediapath.api.store.ReportStore;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DiagnosisService}: the whiteboard of {@link DiagnosticCheck}s and {@link CauseRule}s,
 * and the way out for reports (store, EventAdmin, {@link ReportListener}s, published results).
 *
 * <p>Everything that may come and go while the console runs is a dynamic reference bound through
 * methods: DS constructor injection only takes static references, and a static reference would
 * restart the engine (cancelling running diagnoses) each time a partner bundle is updated.
 */
@Component(service = DiagnosisService.class, configurationPid = DiagnosisEngineComponent.PID)
@Designate(ocd = EngineConfig.class)
public class DiagnosisEngineComponent implements DiagnosisService {

	/** The configuration PID. */
	public static final String PID = "org.mediapath.diagnosis";

	private final Map<Long, CheckEntry> checks = new ConcurrentHashMap<>();
	private final Map<Long, CauseRule> rules = new ConcurrentHashMap<>();
	private final List<ReportListener> listeners = new CopyOnWriteArrayList<>();
	private final Logger logger;
	private final ResultPublisher publisher;
	private final Engine engine;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile ReportStore store;

	private final String productVersion;

	@Activate
	public DiagnosisEngineComponent(BundleContext context, EngineConfig config) {
		this.logger = LoggerFactory.getLogger(DiagnosisEngineComponent.class);
		this.productVersion = context == null ? "unknown" : context.getBundle().getVersion().toString();
		EngineSettings settings = new EngineSettings(Duration.ofMillis(config.check_timeout_millis()),
				Duration.ofMillis(config.run_timeout_millis()), config.max_concurrent_checks(), config.publish_results());
		this.publisher = settings.publishResults() ? new ResultPublisher(context) : null;
		this.engine = new Engine(settings, new Engine.Hooks() {
			@Override
			public List<CheckEntry> checks() {
				List<CheckEntry> entries = new ArrayList<>(checks.values());
				// lowest service id first: the first registration of an id wins, stably
				entries.sort((a, b) -> Long.compare(a.serviceId(), b.serviceId()));
				return entries;
			}

			@Override
			public List<CauseRule> rules() {
				return new ArrayList<>(rules.values());
			}

			@Override
			public void resultProduced(DiagnosisRequest request, CheckResult result) {
				if (publisher != null) {
					publisher.publish(request.server(), result);
				}
			}

			@Override
			public void reportCompleted(DiagnosticReport report) {
				announce(report);
			}

			@Override
			public void log(String message) {
				warn(message);
			}

			@Override
			public DiagnosticReport completing(DiagnosticReport report, String origin) {
				return report.withVantagePoint(VantagePoints.of(report, origin, productVersion));
			}
		}, Clock.systemUTC());
	}

	@Override
	public DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener) {
		return engine.start(request, listener);
	}

	@Override
	public DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener, String origin) {
		return engine.start(request, listener, origin == null || origin.isBlank() ? VantagePoint.COMMAND_LINE : origin);
	}

	@Deactivate
	void deactivate() {
		engine.close();
		if (publisher != null) {
			publisher.close();
		}
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void addCheck(DiagnosticCheck check, Map<String, Object> properties) {
		Object id = properties.get(DiagnosticCheck.CHECK_ID);
		long serviceId = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
		if (!(id instanceof String checkId) || checkId.isBlank()) {
			warn("a DiagnosticCheck (service " + serviceId + ") has no " + DiagnosticCheck.CHECK_ID + " property and is ignored");
			return;
		}
		Object title = properties.get(DiagnosticCheck.CHECK_TITLE);
		Object timeout = properties.get(DiagnosticCheck.CHECK_TIMEOUT_MILLIS);
		long timeoutMillis = 0;
		if (timeout instanceof Number n) {
			timeoutMillis = n.longValue();
		} else if (timeout instanceof String s) {
			try {
				timeoutMillis = Long.parseLong(s.strip());
			} catch (NumberFormatException e) {
				warn("check " + checkId + ": " + DiagnosticCheck.CHECK_TIMEOUT_MILLIS + " '" + s + "' is not a number; the default applies");
			}
		}
		checks.put(serviceId, new CheckEntry(checkId, title instanceof String t && !t.isBlank() ? t : checkId,
				Math.max(0, timeoutMillis), strings(properties.get(CheckOrdering.REQUIRES)),
				strings(properties.get(CheckOrdering.AFTER)), serviceId, check));
	}

	void removeCheck(DiagnosticCheck check, Map<String, Object> properties) {
		long serviceId = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
		if (checks.remove(serviceId) != null) {
			engine.checkWentAway(serviceId);
		}
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

	/**
	 * Store first, so that whoever is told of a report can read it from the store. EventAdmin is
	 * told by {@link EventAdminAnnouncer}, itself a listener, so that this component does not need
	 * the EventAdmin package to load (the lean command-line runtime may lack it).
	 */
	private void announce(DiagnosticReport report) {
		ReportAnnouncer.announce(report, store, listeners, this::warn);
	}

	private void warn(String message) {
		logger.warn(message);
	}

	private static List<String> strings(Object value) {
		if (value instanceof String s) {
			return s.isBlank() ? List.of() : List.of(s.strip());
		}
		if (value instanceof String[] a) {
			return Arrays.stream(a).map(String::strip).filter(x -> !x.isEmpty()).toList();
		}
		if (value instanceof Collection<?> c) {
			return c.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}
}
