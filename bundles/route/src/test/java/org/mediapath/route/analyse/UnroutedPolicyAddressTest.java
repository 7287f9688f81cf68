package org.mediapath.route.analyse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;
import org.mediapath.route.parse.Fixtures;

/**
 * A server address the VPN policy covers but that has no route at all (the VPN went down and took its routes with
 * it, and there is no default route): besides "no route", the cause is the VPN that is not carrying it.
 */
class UnroutedPolicyAddressTest {

	private final RouteInspector service = new RouteInspector(RouteSettings.DEFAULTS);

	private static List<RouteFinding> with(List<RouteFinding> findings, String cause) {
		return findings.stream().filter(f -> f.causeId().equals(Optional.of(cause)) && f.severity() == CheckStatus.FAIL)
				.toList();
	}

	@Test
	void unroutedAddressInAVpnOnlyNetworkIsAlsoVpnRequired() {
		NetworkSnapshot snapshot = service.parseCaptured(Fixtures.read("macos/utun-full-tunnel-netstat-ifconfig.txt"));
		List<RouteFinding> findings = service.analyse(snapshot,
				new RouteAnalysisRequest("2001:db8::10", List.of(), List.of("2001:db8::/32"), false));
		assertEquals(1, with(findings, CauseIds.SERVER_ADDRESS_UNROUTED).size(), findings.toString());
		List<RouteFinding> required = with(findings, CauseIds.VPN_REQUIRED_NOT_CONNECTED);
		assertEquals(1, required.size(), findings.toString());
		String statement = required.get(0).statement();
		assertTrue(statement.contains("policy says 2001:db8::/32 is reachable only through a VPN")
				&& statement.contains("utun4") && statement.contains("has no route to 2001:db8::10"), statement);
	}

	@Test
	void unroutedAddressWithoutPolicyIsOnlyUnrouted() {
		NetworkSnapshot snapshot = service.parseCaptured(Fixtures.read("macos/utun-full-tunnel-netstat-ifconfig.txt"));
		List<RouteFinding> findings = service.analyse(snapshot,
				new RouteAnalysisRequest("2001:db8::10", List.of(), List.of(), false));
		assertEquals(1, with(findings, CauseIds.SERVER_ADDRESS_UNROUTED).size(), findings.toString());
		assertTrue(with(findings, CauseIds.VPN_REQUIRED_NOT_CONNECTED).isEmpty(), findings.toString());
	}
}
