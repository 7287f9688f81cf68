package org.mediapath.diagnosis.browser;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.mediapath.diagnosis.engine.Judgement;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/**
 * Browser runs into reports, as plain Java (the DS component wires it to the registry): the run's
 * checks, the console's own evidence for the same PBX, then exactly the engine's rules, ranking and
 * verdict ({@link Judgement}), stored and announced like every report. One report per run: its id is
 * derived from the responder and the run's id, and a run reported before gets the stored report.
 */
public final class BrowserReports {

	/** What the reports need from the registry. */
	public interface Hooks {
		/** @return the partner rules registered now */
		List<CauseRule> partnerRules();

		/** @return the diagnosis service, when the runtime has one (to probe the server's side now) */
		Optional<DiagnosisService> diagnosis();

		/** @param report a new report, to store and announce */
		void announce(DiagnosticReport report);

		/** @param message something an operator should see in the log */
		void log(String message);
	}

	/**
	 * @param consoleWindow how far from the run's start a console diagnosis still counts as the server's side
	 * @param diagnosisTimeout how long a console diagnosis made for a report may take
	 * @param productVersion mediapath's version, for the vantage point
	 */
	public record Settings(Duration consoleWindow, Duration diagnosisTimeout, String productVersion) {
	}

	private final Settings settings;
	private final ReportStore store;
	private final Hooks hooks;
	private final Clock clock;
	/** One lock per report id: two callers reporting the same run make one report. */
	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	/**
	 * @param settings the window and the timeout
	 * @param store where reports are kept (and the console's own ones are looked up)
	 * @param hooks the registry side
	 * @param clock the clock "now" is read from
	 */
	public BrowserReports(Settings settings, ReportStore store, Hooks hooks, Clock clock) {
		this.settings = settings;
		this.store = store;
		this.hooks = hooks;
		this.clock = clock;
	}

	/**
	 * @param pbx the PBX the run tested
	 * @param run a finished run
	 * @return its report, stored and announced once
	 * @throws IllegalArgumentException if the run is still running
	 */
	public DiagnosticReport report(DiagnosisRequest pbx, BrowserRun run) {
		if (run.state() == RunState.RUNNING) {
			throw new IllegalArgumentException("run " + run.id() + " is still running: its report is made when it is done");
		}
		String id = reportId(pbx, run);
		synchronized (locks.computeIfAbsent(id, k -> new Object())) {
			Optional<DiagnosticReport> known = store.get(id);
			if (known.isPresent()) {
				return known.get();
			}
			ConsoleLook console = BrowserChecks.needsServerSide(run) ? consoleLook(pbx, run)
					: ConsoleLook.none("not needed: no port of the run was silent or one-way");
			List<CheckResult> checks = BrowserChecks.of(pbx, run, console);
			DiagnosticReport report = Judgement.report(id, pbx, run.started(), run.timeToVerdict().orElse(Duration.ZERO),
					checks, Judgement.rules(hooks.partnerRules()), Optional.empty(),
					failure -> hooks.log("a cause rule failed and was ignored: " + failure))
					.withVantagePoint(vantagePoint(run, settings.productVersion()));
			hooks.announce(report);
			return report;
		}
	}

	/**
	 * @param pbx the PBX
	 * @param run the run
	 * @return the report id of that run: the same for every caller and process, for one responder's run
	 */
	public static String reportId(DiagnosisRequest pbx, BrowserRun run) {
		String responder = pbx.responder().map(Object::toString).orElse(pbx.server());
		return "browser-" + UUID.nameUUIDFromBytes((responder + "|" + run.id()).getBytes(StandardCharsets.UTF_8));
	}

	/** Where a browser run's probes went out from: the user's browser, its system, the address the PBX saw. */
	static VantagePoint vantagePoint(BrowserRun run, String productVersion) {
		List<String> addresses = new ArrayList<>();
		addresses.add(run.seenAddress());
		BrowserChecks.mediaSources(run).stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
		return new VantagePoint(run.browser(), addresses, run.operatingSystem(), productVersion, VantagePoint.USERS_BROWSER);
	}

	/**
	 * The console's own view of the same PBX: its newest diagnosis near the run that probed the
	 * browser's media address with the responder; else one made now (when the PBX names a responder
	 * and the run is recent enough for "now" to speak of it); else the newest near the run, which the
	 * report then says does not tell the side, and why.
	 */
	ConsoleLook consoleLook(DiagnosisRequest pbx, BrowserRun run) {
		Duration window = settings.consoleWindow();
		List<DiagnosticReport> near = store.find(new ReportQuery(Optional.of(pbx.server()),
				Optional.of(run.started().minus(window)), Optional.of(run.started().plus(window)), 50)).stream()
				.filter(r -> r.vantagePoint().map(v -> !VantagePoint.USERS_BROWSER.equals(v.origin())).orElse(true))
				.sorted(Comparator.comparing(DiagnosticReport::started).reversed()).toList();
		Optional<DiagnosticReport> usable = near.stream().filter(r -> usable(r, run)).findFirst();
		if (usable.isPresent()) {
			return new ConsoleLook(usable, "diagnosis of " + usable.get().started() + " (report " + usable.get().id() + ")");
		}
		String windowWords = window.toMinutes() + " minutes";
		Optional<String> cannotProbeNow = pbx.responder().isEmpty() ? Optional.of("the PBX names no responder to probe with now")
				: hooks.diagnosis().isEmpty() ? Optional.of("this runtime has no diagnosis service to probe with now")
				: run.started().isBefore(clock.instant().minus(window))
						? Optional.of("the run is older than " + windowWords + ", so a probe now would not speak of it")
						: Optional.empty();
		if (cannotProbeNow.isEmpty()) {
			Optional<DiagnosticReport> now = diagnoseNow(pbx);
			if (now.isPresent()) {
				return new ConsoleLook(now, "own diagnosis made for this report at " + now.get().started() + " (report "
						+ now.get().id() + ")");
			}
		}
		if (!near.isEmpty()) {
			return new ConsoleLook(Optional.of(near.get(0)), "diagnosis of " + near.get(0).started() + " (report "
					+ near.get(0).id() + ")");
		}
		return ConsoleLook.none("no diagnosis of " + pbx.server() + " from the console within " + windowWords + " of the run"
				+ cannotProbeNow.map(why -> ", and " + why).orElse(", and the one made now gave no report"));
	}

	private Optional<DiagnosticReport> diagnoseNow(DiagnosisRequest pbx) {
		DiagnosisRun running;
		try {
			running = hooks.diagnosis().orElseThrow().start(pbx, DiagnosisProgressListener.NONE, VantagePoint.CONSOLE);
		} catch (RuntimeException e) {
			hooks.log("the server-side diagnosis for a browser run could not start: " + e);
			return Optional.empty();
		}
		try {
			return Optional.of(running.report().toCompletableFuture().get(settings.diagnosisTimeout().toMillis(),
					TimeUnit.MILLISECONDS));
		} catch (InterruptedException e) {
			running.cancel();
			Thread.currentThread().interrupt();
			return Optional.empty();
		} catch (ExecutionException | TimeoutException e) {
			running.cancel();
			hooks.log("the server-side diagnosis for a browser run gave no report: " + e);
			return Optional.empty();
		}
	}

	/** A console report tells the server's side when its server media probe judged, with the responder, the browser's address. */
	static boolean usable(DiagnosticReport r, BrowserRun run) {
		return r.checks().stream().anyMatch(c -> c.checkId().equals(BuiltInChecks.SERVER_UDP) && c.status().isConclusive()
				&& Boolean.TRUE.equals(c.measurements().get(BuiltInChecks.COOPERATIVE))
				&& c.measurements().get(BuiltInChecks.ADDRESS) instanceof String a && a.strip().equalsIgnoreCase(run.mediaAddress().strip()));
	}
}
