package org.mediapath.diagnosis.checks;

import java.util.Optional;

import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.report.CheckResult;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * A built-in check that works through the {@link PortProbeService}. The probe bundle is optional
 * and may come and go: without it the check is SKIPPED with a reason naming the missing bundle,
 * and the engine still reports. (The DS reference below is inherited by each concrete check:
 * {@code -dsannotations-options: inherit} in this bundle's bnd.bnd.)
 */
abstract class ProbeCheck implements DiagnosticCheck {

	private final String id;
	private final String title;
	final ChecksSettings settings;

	/** Optional and dynamic: without the probe bundle the engine still runs and says what is missing. */
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile PortProbeService probes;

	ProbeCheck(String id, String title, ChecksSettings settings, PortProbeService probes) {
		this.id = id;
		this.title = title;
		this.settings = settings;
		this.probes = probes;
	}

	@Override
	public final CheckResult run(CheckContext context) {
		long start = System.nanoTime();
		Optional<String> notApplicable = notApplicable(context);
		if (notApplicable.isPresent()) {
			return CheckSupport.skipped(id, title, notApplicable.get(), start);
		}
		PortProbeService service = probes;
		if (service == null) {
			return CheckSupport.skipped(id, title, CheckSupport.NO_PROBE_SERVICE, start);
		}
		return run(context, service, start);
	}

	/**
	 * @param context the run
	 * @return why this check does not apply to the request (judged before the probe service is
	 *         looked at), or empty
	 */
	Optional<String> notApplicable(CheckContext context) {
		return Optional.empty();
	}

	/**
	 * Runs the check with the probe service at hand.
	 *
	 * @param context the run
	 * @param service the probe service
	 * @param start {@link System#nanoTime()} when the check started
	 * @return the result
	 */
	abstract CheckResult run(CheckContext context, PortProbeService service, long start);
}
