package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.ResultProperties;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.api.route.RouteInspectionService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The route service inside Felix: registered, its latest inspection of this machine published as
 * a filterable service, and its VPN policy set through Config Admin.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RouteInFelixTest {

	@InjectBundleContext
	BundleContext context;

	@InjectService
	ConfigurationAdmin configurationAdmin;

	@Test
	void theLatestInspectionIsPublishedAndThePolicyComesFromConfigAdmin() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		Configuration configuration = configurationAdmin.getConfiguration("org.mediapath.route", "?");
		try {
			RouteInspectionService routes = await(null);
			NetworkSnapshot snapshot = routes.inspectLocal();
			assertThat(snapshot.interfaces()).isNotEmpty();
			assertThat(snapshot.captured()).isFalse();
			assertThat(context.getServiceReferences(NetworkSnapshot.class,
					"(&(" + ResultProperties.CHECK_ID + "=route-inspection)(" + ResultProperties.TARGET + "=local))"))
					.as("latest inspection published").hasSize(1);

			// Policy: the server's network is reachable only through a VPN; this machine has none.
			Dictionary<String, Object> policy = new Hashtable<>();
			policy.put("requireVpn", Boolean.TRUE);
			policy.put("vpnOnlyNetworks", new String[] { "198.18.2.0/24" });
			ServiceReference<RouteInspectionService> before = context.getServiceReference(RouteInspectionService.class);
			configuration.update(policy);
			RouteInspectionService configured = await(before);
			List<RouteFinding> findings = configured.analyse(configured.inspectLocal(),
					new RouteAnalysisRequest("198.18.2.10", List.of("198.18.2.10"), List.of(), false));
			assertThat(findings).extracting(RouteFinding::causeId)
					.contains(Optional.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED));
		} finally {
			configuration.delete();
		}
	}

	/** Waits for the service, or for a new one when the configuration re-created the component. */
	private RouteInspectionService await(ServiceReference<RouteInspectionService> replaced) throws InterruptedException {
		ServiceReference<?>[] holder = new ServiceReference<?>[1];
		boolean found = Frameworks.await(() -> {
			ServiceReference<RouteInspectionService> reference = context.getServiceReference(RouteInspectionService.class);
			holder[0] = reference;
			return reference != null && (replaced == null || !reference.equals(replaced));
		}, Duration.ofSeconds(10));
		assertThat(found).as("route service registered").isTrue();
		@SuppressWarnings("unchecked")
		ServiceReference<RouteInspectionService> reference = (ServiceReference<RouteInspectionService>) holder[0];
		return context.getService(reference);
	}
}
