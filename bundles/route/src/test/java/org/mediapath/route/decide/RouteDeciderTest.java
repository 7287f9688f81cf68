package org.mediapath.route.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;
import org.mediapath.route.parse.Fixtures;

class RouteDeciderTest {

	private final RouteInspector service = new RouteInspector(RouteSettings.DEFAULTS);

	private RouteDecision decide(String fixture, String target) {
		return decideText(Fixtures.read(fixture), target);
	}

	private RouteDecision decideText(String text, String target) {
		NetworkSnapshot snapshot = service.parseCaptured(text);
		RouteDecision d = service.decide(snapshot, target);
		assertTrue(d.reconstructed(), "a pasted table is never asked");
		return d;
	}

	private static boolean explains(RouteDecision d, String words) {
		return d.explanation().stream().anyMatch(line -> line.contains(words));
	}

	@Test
	void windowsAnyConnectSplitTunnel() {
		String fixture = "windows/anyconnect-split-route-print-ipconfig.txt";
		RouteDecision vpn = decide(fixture, "10.1.2.3");
		assertEquals(Optional.of("Ethernet 2"), vpn.interfaceName());
		assertTrue(vpn.viaVpn());
		assertEquals(Optional.of("Cisco AnyConnect / Secure Client"), vpn.vpnProduct());
		assertEquals(Optional.of("10.64.0.1"), vpn.route().orElseThrow().gateway());
		assertEquals(Optional.of("10.64.12.34"), vpn.sourceAddress());
		assertTrue(explains(vpn, "Longest prefix: 10.0.0.0/8"), vpn.explanation().toString());
		assertTrue(explains(vpn, "Reconstructed from the pasted"));

		RouteDecision internet = decide(fixture, "198.51.100.20");
		assertEquals(Optional.of("Wi-Fi"), internet.interfaceName());
		assertFalse(internet.viaVpn());
		assertEquals("0.0.0.0/0", internet.route().orElseThrow().destination());
		assertTrue(explains(internet, "default route"));

		assertEquals("203.0.113.10/32", decide(fixture, "203.0.113.10").route().orElseThrow().destination());
		RouteDecision v6 = decide(fixture, "2001:db8:9::1");
		assertEquals(Optional.of("Wi-Fi"), v6.interfaceName(), "IPv6 rows name the interface by index");
		assertEquals(Optional.of("fe80::1"), v6.route().orElseThrow().gateway());
	}

	@Test
	void windowsGermanOpenVpnFullTunnelTrick() {
		RouteDecision d = decide("windows/openvpn-tap-route-print-german.txt", "93.184.216.34");
		assertEquals(Optional.of("OpenVPN TAP"), d.interfaceName());
		assertEquals("0.0.0.0/1", d.route().orElseThrow().destination());
		assertEquals(Optional.of("OpenVPN (TAP)"), d.vpnProduct());
		assertTrue(explains(d, "Full-tunnel trick"), d.explanation().toString());
		RouteDecision high = decide("windows/openvpn-tap-route-print-german.txt", "203.0.113.200");
		assertEquals("128.0.0.0/1", high.route().orElseThrow().destination());
		RouteDecision excluded = decide("windows/openvpn-tap-route-print-german.txt", "203.0.113.50");
		assertEquals(Optional.of("Ethernet"), excluded.interfaceName());
		assertFalse(excluded.viaVpn());
	}

	@Test
	void getNetRouteMetricDecidesBetweenTwoDefaults() {
		RouteDecision d = decide("windows/globalprotect-get-netroute.json", "198.51.100.20");
		assertEquals(Optional.of("Ethernet 3"), d.interfaceName());
		assertEquals(Optional.of("Palo Alto GlobalProtect"), d.vpnProduct());
		assertEquals(1400, d.mtu());
		assertEquals(Optional.of("10.99.0.1"), d.route().orElseThrow().gateway());
		assertTrue(explains(d, "the lowest metric wins: 1 via Ethernet 3 over 45 via Wi-Fi"), d.explanation().toString());
		assertEquals(Optional.of("Wi-Fi"), decide("windows/globalprotect-get-netroute.json", "192.0.2.80").interfaceName());
	}

	@Test
	void macScopedDefaultDoesNotTakePart() {
		String fixture = "macos/utun-full-tunnel-netstat-ifconfig.txt";
		RouteDecision d = decide(fixture, "198.51.100.20");
		assertEquals(Optional.of("utun4"), d.interfaceName());
		assertTrue(d.viaVpn());
		assertEquals(1390, d.mtu());
		assertEquals(Optional.of("10.8.0.12"), d.sourceAddress());
		assertTrue(explains(d, "interface-scoped"), d.explanation().toString());
		assertEquals(Optional.of("en0"), decide(fixture, "198.51.100.7").interfaceName());
		RouteDecision v6 = decide(fixture, "2001:db8::1");
		assertEquals(Optional.empty(), v6.interfaceName(), "only scoped IPv6 defaults (idle utuns): no route");
		assertTrue(explains(v6, "No route matches"));
	}

	@Test
	void macSplitTunnelAndNoVpn() {
		assertTrue(decide("macos/split-tunnel-netstat-ifconfig.txt", "198.18.5.5").viaVpn());
		RouteDecision outside = decide("macos/split-tunnel-netstat-ifconfig.txt", "203.0.113.5");
		assertEquals(Optional.of("en5"), outside.interfaceName());
		assertFalse(outside.viaVpn());
		RouteDecision plain = decide("macos/wifi-no-vpn-netstat-old.txt", "2001:db8:77::1");
		assertEquals(Optional.of("en0"), plain.interfaceName());
		assertFalse(plain.viaVpn(), "idle utun0/utun1 are not a VPN");
	}

	@Test
	void linuxWgQuickPolicyRules() {
		String fixture = "linux/wireguard-wg-quick-ip-json.txt";
		RouteDecision d = decide(fixture, "198.51.100.20");
		assertEquals(Optional.of("wg0"), d.interfaceName());
		assertEquals("51820", d.route().orElseThrow().table());
		assertEquals(Optional.of("WireGuard"), d.vpnProduct());
		assertEquals(1420, d.mtu());
		assertTrue(explains(d, "suppress_prefixlength"), d.explanation().toString());
		RouteDecision lan = decide(fixture, "192.168.1.77");
		assertEquals(Optional.of("wlp2s0"), lan.interfaceName());
		assertEquals(Optional.of("192.168.1.50"), lan.sourceAddress());
		assertEquals(Optional.of("wg0"), decide(fixture, "2001:db8::1").interfaceName());
		// The same tables without their rules: the wg-quick arrangement is assumed, and said.
		String withoutRules = Fixtures.read(fixture).replaceAll("(?m)^\\[\\{\"priority.*$", "");
		RouteDecision assumed = decideText(withoutRules, "198.51.100.20");
		assertEquals(Optional.of("wg0"), assumed.interfaceName());
		assertTrue(explains(assumed, "policy rules (ip rule) were not given"), assumed.explanation().toString());
	}

	@Test
	void linuxOpenVpnDef1AndTailscaleThrow() {
		RouteDecision d = decide("linux/openvpn-tun0-ip-text.txt", "198.51.100.20");
		assertEquals(Optional.of("tun0"), d.interfaceName());
		assertTrue(explains(d, "Full-tunnel trick"));
		assertTrue(explains(d, "0.0.0.0/0 via 192.168.178.1 on enp0s31f6"), d.explanation().toString());
		assertEquals(Optional.of("enp0s31f6"), decide("linux/openvpn-tun0-ip-text.txt", "203.0.113.50").interfaceName());

		String tailscale = "linux/tailscale-ip-rule-text.txt";
		assertEquals(Optional.of("tailscale0"), decide(tailscale, "100.100.100.100").interfaceName());
		assertEquals(Optional.of("tailscale0"), decide(tailscale, "198.51.100.20").interfaceName(), "exit node");
		RouteDecision lan = decide(tailscale, "192.168.1.9");
		assertEquals(Optional.of("eth0"), lan.interfaceName());
		assertTrue(explains(lan, "throw 192.168.1.0/24"), lan.explanation().toString());
	}

	@Test
	void routePrintAloneNamesTheInterfaceByAddress() {
		String full = Fixtures.read("windows/anyconnect-split-route-print-ipconfig.txt");
		RouteDecision d = decideText(full.substring(0, full.indexOf("C:\\Users\\jdoe>ipconfig")), "10.1.2.3");
		assertEquals(Optional.of("10.64.12.34"), d.interfaceName());
		assertTrue(explains(d, "paste ipconfig /all"), d.explanation().toString());
	}

	@Test
	void badTargetNamesTheField() {
		NetworkSnapshot snapshot = service.parseCaptured(Fixtures.read("linux/openvpn-tun0-ip-text.txt"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> service.decide(snapshot, "pbx.example.com"));
		assertTrue(e.getMessage().startsWith("target: 'pbx.example.com'"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> service.decide(snapshot, "10.0.0.0/8"));
	}
}
