package org.mediapath.route;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.mediapath.api.report.ResultProperties;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.api.route.RouteInspectionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link RouteInspectionService}. A configuration change re-creates the component (no
 * modified method): the patterns and timeouts are fixed per instance, and a half-updated
 * inspector is never seen. The configured VPN policy is added to every analysis request. The
 * latest inspection of this machine is published as a {@link NetworkSnapshot} service carrying
 * {@link ResultProperties} ({@value #CHECK_ID}, target {@value #LOCAL_TARGET}).
 */
@Component(configurationPid = RouteInspectionComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RouteConfig.class)
public class RouteInspectionComponent implements RouteInspectionService {

	public static final String PID = "org.mediapath.route";
	/** The check id the latest local inspection is published under. */
	public static final String CHECK_ID = "route-inspection";
	/** The target the latest local inspection is published under. */
	public static final String LOCAL_TARGET = "local";

	private final RouteInspector inspector;
	private final BundleContext context;
	private ServiceRegistration<NetworkSnapshot> latest;
	private boolean active = true;

	@Activate
	public RouteInspectionComponent(BundleContext context, RouteConfig config) {
		this.context = context;
		this.inspector = new RouteInspector(RouteSettings.of(config));
	}

	@Override
	public NetworkSnapshot inspectLocal() {
		NetworkSnapshot snapshot = inspector.inspectLocal();
		publish(snapshot);
		return snapshot;
	}

	private synchronized void publish(NetworkSnapshot snapshot) {
		if (!active) {
			return;
		}
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put(ResultProperties.CHECK_ID, CHECK_ID);
		properties.put(ResultProperties.TARGET, LOCAL_TARGET);
		properties.put(ResultProperties.STATUS, snapshot.warnings().isEmpty() ? "PASS" : "WARN");
		properties.put(ResultProperties.TIMESTAMP, snapshot.takenAt().toEpochMilli());
		ServiceRegistration<NetworkSnapshot> previous = latest;
		latest = context.registerService(NetworkSnapshot.class, snapshot, properties);
		if (previous != null) {
			previous.unregister();
		}
	}

	@Deactivate
	synchronized void deactivate() {
		active = false;
		if (latest != null) {
			latest.unregister();
			latest = null;
		}
	}

	@Override
	public NetworkSnapshot parseCaptured(String pasted) {
		return inspector.parseCaptured(pasted);
	}

	@Override
	public RouteDecision decide(NetworkSnapshot snapshot, String targetAddress) {
		return inspector.decide(snapshot, targetAddress);
	}

	@Override
	public List<RouteFinding> analyse(NetworkSnapshot snapshot, RouteAnalysisRequest request) {
		return inspector.analyse(snapshot, inspector.withPolicy(request));
	}
}
