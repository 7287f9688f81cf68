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

class RouteAnalyserTest {

	private final RouteInspector service = new RouteInspector(RouteSettings.DEFAULTS);

	private List<RouteFinding> analyse(String fixture, RouteAnalysisRequest request) {
		NetworkSnapshot snapshot = service.parseCaptured(Fixtures.read(fixture));
		List<RouteFinding> findings = service.analyse(snapshot, request);
		for (int i = 1; i < findings.size(); i++) {
			assertTrue(rank(findings.get(i - 1)) <= rank(findings.get(i)), "FAIL first, then WARN: " + findings);
		}
		return findings;
	}

	private static int rank(RouteFinding f) {
		return f.severity() == CheckStatus.FAIL ? 0 : f.severity() == CheckStatus.WARN ? 1 : 2;
	}

	private static List<RouteFinding> with(List<RouteFinding> findings, String cause, CheckStatus severity) {
		return findings.stream().filter(f -> f.causeId().equals(Optional.ofNullable(cause)) && f.severity() == severity)
				.toList();
	}

	@Test
	void splitTunnelPublicMediaAddressIsAWarning() {
		List<RouteFinding> findings = analyse("windows/anyconnect-split-route-print-ipconfig.txt",
				new RouteAnalysisRequest("10.1.2.3", List.of("10.1.2.4", "203.0.113.99"), List.of(), false));
		List<RouteFinding> split = with(findings, CauseIds.SERVER_ADDRESS_UNROUTED, CheckStatus.WARN);
		assertEquals(1, split.size(), findings.toString());
		assertTrue(split.get(0).statement().contains("203.0.113.99"));
		assertTrue(split.get(0).statement().contains("Wi-Fi"), split.get(0).statement());
		assertEquals(2, with(findings, CauseIds.VPN_DROPS_UDP, CheckStatus.WARN).size(), "both VPN-routed addresses");
		assertTrue(with(findings, null, CheckStatus.FAIL).isEmpty());
		assertTrue(findings.stream().noneMatch(f -> f.severity() == CheckStatus.FAIL), findings.toString());
	}

	@Test
	void splitTunnelPrivateMediaAddressFails() {
		List<RouteFinding> findings = analyse("macos/split-tunnel-netstat-ifconfig.txt",
				new RouteAnalysisRequest("198.18.5.5", List.of("172.31.0.9"), List.of(), false));
		RouteFinding first = findings.get(0);
		assertEquals(CheckStatus.FAIL, first.severity(), findings.toString());
		assertEquals(Optional.of(CauseIds.SERVER_ADDRESS_UNROUTED), first.causeId());
		assertTrue(first.statement().contains("Split tunnel") && first.statement().contains("en5"), first.statement());
	}

	@Test
	void requiredVpnNotConnectedIgnoresIdleUtuns() {
		List<RouteFinding> findings = analyse("macos/wifi-no-vpn-netstat-old.txt",
				new RouteAnalysisRequest("198.51.100.20", List.of(), List.of(), true));
		List<RouteFinding> fail = with(findings, CauseIds.VPN_REQUIRED_NOT_CONNECTED, CheckStatus.FAIL);
		assertEquals(1, fail.size(), findings.toString());
		assertTrue(fail.get(0).statement().contains("no VPN interface is up"), fail.get(0).statement());
	}

	@Test
	void policyNetworkOutsideAConnectedVpn() {
		List<RouteFinding> findings = analyse("windows/anyconnect-split-route-print-ipconfig.txt",
				new RouteAnalysisRequest("10.1.2.3", List.of("203.0.113.99"), List.of("203.0.113.0/24", "nonsense"),
						false));
		List<RouteFinding> fail = with(findings, CauseIds.VPN_REQUIRED_NOT_CONNECTED, CheckStatus.FAIL);
		assertEquals(1, fail.size(), findings.toString());
		assertTrue(fail.get(0).statement().contains("Ethernet 2 (Cisco AnyConnect / Secure Client) is up"),
				fail.get(0).statement());
		assertTrue(findings.stream().anyMatch(f -> f.statement().startsWith("vpnOnlyNetworks: 'nonsense'")));
	}

	@Test
	void unroutedAddressFails() {
		List<RouteFinding> findings = analyse("macos/utun-full-tunnel-netstat-ifconfig.txt",
				new RouteAnalysisRequest("198.51.100.20", List.of("2001:db8::10", "pbx.example.com"), List.of(), false));
		List<RouteFinding> fail = with(findings, CauseIds.SERVER_ADDRESS_UNROUTED, CheckStatus.FAIL);
		assertEquals(1, fail.size(), findings.toString());
		assertTrue(fail.get(0).statement().startsWith("No route to 2001:db8::10"), fail.get(0).statement());
		assertTrue(findings.stream().anyMatch(f -> f.statement().contains("'pbx.example.com'")
				&& f.severity() == CheckStatus.WARN));
	}

	@Test
	void reverseSplitMediaThroughTheVpn() {
		List<RouteFinding> findings = analyse("linux/openvpn-tun0-ip-text.txt",
				new RouteAnalysisRequest("203.0.113.50", List.of("198.51.100.20"), List.of(), false));
		assertTrue(with(findings, CauseIds.SERVER_ADDRESS_UNROUTED, CheckStatus.WARN).stream()
				.anyMatch(f -> f.statement().startsWith("Split tunnel the other way")), findings.toString());
		RouteFinding udp = with(findings, CauseIds.VPN_DROPS_UDP, CheckStatus.WARN).get(0);
		assertTrue(udp.statement().contains("tun0") && udp.statement().contains("MTU 1500"), udp.statement());
	}

	@Test
	void plainPathPasses() {
		List<RouteFinding> findings = analyse("macos/wifi-no-vpn-netstat-old.txt",
				new RouteAnalysisRequest("198.51.100.20", List.of("198.51.100.21"), List.of(), false));
		assertEquals(2, findings.size(), findings.toString());
		assertTrue(findings.stream().allMatch(f -> f.severity() == CheckStatus.PASS && f.causeId().isEmpty()));
		assertTrue(findings.get(0).statement().contains("en0 via 192.168.0.1"), findings.get(0).statement());
	}

	@Test
	void configuredPolicyIsAdded() {
		RouteInspector configured = new RouteInspector(new RouteSettings(List.of("10.0.0.0/8"), false,
				RouteSettings.DEFAULTS.commandTimeout(), List.of(), 1024));
		RouteAnalysisRequest request = configured.withPolicy(
				new RouteAnalysisRequest("10.1.2.3", List.of(), List.of("198.18.0.0/15"), false));
		assertEquals(List.of("198.18.0.0/15", "10.0.0.0/8"), request.vpnOnlyNetworks());
	}

	@Test
	void routeIntoAVpnInterfaceWithoutCarrierFails() {
		NetworkSnapshot snapshot = service.parseCaptured(String.join("\n",
				"7: tun7: <NO-CARRIER,POINTOPOINT,MULTICAST,NOARP,UP> mtu 1500 qdisc fq_codel state DOWN group default qlen 500",
				"    link/none ",
				"    inet 198.19.7.2/24 scope global tun7",
				"default dev tun7 table 51820 ",
				"default via 198.18.10.1 dev eth0 ",
				"32765:	not from all fwmark 0xca6c lookup 51820"));
		assertTrue(service.decide(snapshot, "198.18.200.9").viaVpn(), "into the tunnel, up or not");
		List<RouteFinding> findings = service.analyse(snapshot,
				new RouteAnalysisRequest("198.18.200.9", List.of(), List.of(), false));
		RouteFinding first = findings.get(0);
		assertEquals(CheckStatus.FAIL, first.severity(), findings.toString());
		assertTrue(first.statement().contains("tun7, which is down (a VPN interface without carrier"), first.statement());
	}
}
