package org.mediapath.route.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mediapath.api.route.InterfaceKind;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;
import org.mediapath.route.parse.CaptureParser;
import org.mediapath.route.parse.Fixtures;

class InterfaceClassifierTest {

	private final InterfaceClassifier classifier = new InterfaceClassifier(InterfacePatterns.bundled());

	private NetworkInterfaceInfo classify(String name, String display, String linkType, boolean p2p, String... addresses) {
		InterfaceData data = new InterfaceData(name);
		data.displayName = display;
		data.linkType = linkType;
		data.pointToPoint = p2p;
		for (String a : addresses) {
			data.addAddress(a);
		}
		return classifier.classify(data);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"ethernet_32768|Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64|Cisco AnyConnect / Secure Client",
			"eth5|Cisco Secure Client Virtual Miniport Adapter for Windows x64|Cisco AnyConnect / Secure Client",
			"Ethernet 3|PANGP Virtual Ethernet Adapter Secure|Palo Alto GlobalProtect",
			"eth7|Fortinet SSL VPN Virtual Ethernet Adapter|Fortinet FortiClient",
			"net9|TAP-Windows Adapter V9|OpenVPN (TAP)",
			"net10|OpenVPN Data Channel Offload|OpenVPN (Data Channel Offload)",
			"net11|Wintun Userspace Tunnel|OpenVPN (Wintun)",
			"net12|WireGuard Tunnel|WireGuard",
			"ppp0|WAN Miniport (IKEv2)|IPsec / IKEv2",
			"wg0|wg0|WireGuard",
			"tun0|tun0|tun device (OpenVPN or similar)",
			"tap1|tap1|tap device (OpenVPN TAP or similar)",
			"cscotun0|cscotun0|Cisco AnyConnect / Secure Client",
			"gpd0|gpd0|Palo Alto GlobalProtect",
			"tailscale0|tailscale0|Tailscale",
			"ipsec0|ipsec0|IPsec / IKEv2" })
	void vpnProducts(String name, String display, String product) {
		NetworkInterfaceInfo info = classify(name, display, "", false, "10.1.2.3/24");
		assertEquals(InterfaceKind.VPN, info.kind(), name);
		assertEquals(Optional.of(product), info.vpnProduct());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"lo|lo|LOOPBACK", "Loopback Pseudo-Interface 1|Loopback Pseudo-Interface 1|LOOPBACK",
			"Wi-Fi|Intel(R) Wi-Fi 6 AX201 160MHz|WIFI", "wlp2s0|wlp2s0|WIFI",
			"Ethernet|Intel(R) Ethernet Connection (4) I219-LM|ETHERNET", "enp0s31f6|enp0s31f6|ETHERNET",
			"en0|en0|ETHERNET", "docker0|docker0|VIRTUAL", "vEthernet (WSL)|Hyper-V Virtual Ethernet Adapter|VIRTUAL",
			"awdl0|awdl0|VIRTUAL", "xyz|Something|OTHER" })
	void kinds(String name, String display, InterfaceKind kind) {
		NetworkInterfaceInfo info = classify(name, display, "", false);
		assertEquals(kind, info.kind());
		assertEquals(Optional.empty(), info.vpnProduct());
	}

	@Test
	void idleMacUtunIsNotAVpnButOneWithAnAddressIs() {
		assertEquals(InterfaceKind.OTHER, classify("utun2", "utun2", "", true, "fe80::1/64").kind());
		assertEquals(InterfaceKind.OTHER, classify("utun0", "utun0", "", true).kind());
		NetworkInterfaceInfo active = classify("utun4", "utun4", "", true, "10.8.0.12/16");
		assertEquals(InterfaceKind.VPN, active.kind());
		assertTrue(active.vpnProduct().orElseThrow().startsWith("macOS utun"));
		assertTrue(InterfaceClassifier.isActiveVpn(active));
	}

	@Test
	void linuxLinkTypesTellTunnelsApart() {
		assertEquals(Optional.of("WireGuard"), classify("mullvad0", "mullvad0", "wireguard", true).vpnProduct());
		assertEquals(InterfaceKind.VPN, classify("corp", "corp", "none", true, "10.0.0.2/32").kind());
		assertEquals(InterfaceKind.VIRTUAL, classify("br0", "br0", "bridge", false).kind());
		assertEquals(InterfaceKind.ETHERNET, classify("lan", "lan", "ether", false).kind());
	}

	@Test
	void windowsTunnelAdaptersAreNotPointToPointYetAreVpns() {
		// Java reports isPointToPoint() false for TAP, Wintun and AnyConnect: only the description tells.
		assertEquals(InterfaceKind.VPN, classify("eth3", "TAP-Windows Adapter V9", "", false, "10.8.0.6/24").kind());
	}

	@Test
	void configuredPatternsComeFirstAndBadOnesAreReported() {
		List<String> warnings = new ArrayList<>();
		InterfacePatterns patterns = InterfacePatterns.load(
				List.of("Acme Tunnel=^acme\\d+$|acme secure adapter", "broken", "Bad=(unclosed"), warnings::add);
		InterfaceClassifier custom = new InterfaceClassifier(patterns);
		InterfaceData acme = new InterfaceData("net9");
		acme.displayName = "ACME Secure Adapter";
		NetworkInterfaceInfo info = custom.classify(acme);
		assertEquals(InterfaceKind.VPN, info.kind());
		assertEquals(Optional.of("Acme Tunnel"), info.vpnProduct());
		assertEquals(2, warnings.size(), warnings.toString());
		InterfaceData plain = new InterfaceData("net9");
		plain.displayName = "ACME Secure Adapter";
		assertEquals(InterfaceKind.OTHER, classifier.classify(plain).kind(), "bundled patterns alone do not know it");
	}

	@Test
	void fixturesClassifyAsTheirStoriesSay() {
		Map<String, NetworkInterfaceInfo> mac = classifyAll("macos/utun-full-tunnel-netstat-ifconfig.txt");
		assertEquals(InterfaceKind.VPN, mac.get("utun4").kind());
		for (String idle : List.of("utun0", "utun1", "utun2", "utun3")) {
			assertFalse(InterfaceClassifier.isActiveVpn(mac.get(idle)), idle);
		}
		Map<String, NetworkInterfaceInfo> win = classifyAll("windows/anyconnect-split-route-print-ipconfig.txt");
		assertEquals(Optional.of("Cisco AnyConnect / Secure Client"), win.get("Ethernet 2").vpnProduct());
		assertEquals(InterfaceKind.WIFI, win.get("Wi-Fi").kind());
		assertEquals(InterfaceKind.LOOPBACK, win.get("Software Loopback Interface 1").kind());
		Map<String, NetworkInterfaceInfo> linux = classifyAll("linux/wireguard-wg-quick-ip-json.txt");
		assertEquals(Optional.of("WireGuard"), linux.get("wg0").vpnProduct());
		assertEquals(InterfaceKind.WIFI, linux.get("wlp2s0").kind());
	}

	private Map<String, NetworkInterfaceInfo> classifyAll(String fixture) {
		Capture capture = new CaptureParser().parse(Fixtures.read(fixture));
		return capture.interfaces().stream().map(classifier::classify)
				.collect(Collectors.toMap(NetworkInterfaceInfo::name, i -> i));
	}
}
