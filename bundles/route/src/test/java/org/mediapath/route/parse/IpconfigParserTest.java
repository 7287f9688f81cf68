package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.iface;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

class IpconfigParserTest {

	@Test
	void englishAdapters() {
		Capture c = Fixtures.parseOnly("windows/anyconnect-split-route-print-ipconfig.txt", Format.IPCONFIG,
				new IpconfigParser());
		InterfaceData vpn = iface(c, "Ethernet 2");
		assertEquals("Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64", vpn.displayName);
		assertEquals(List.of("fe80::8d4f:1b2c:3e4f:5a6b/64", "10.64.12.34/16"), vpn.addresses);
		assertTrue(vpn.up);
		assertFalse(iface(c, "Ethernet").up, "Media disconnected");
		InterfaceData wifi = iface(c, "Wi-Fi");
		assertEquals("wifi", wifi.linkType);
		assertTrue(wifi.addresses.contains("192.168.1.34/24"), wifi.addresses.toString());
		assertTrue(wifi.addresses.contains("2001:db8:1234::5a1/128"), wifi.addresses.toString());
		assertEquals(3, c.interfaces().size());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void germanLabelsByShape() {
		Capture c = Fixtures.parseOnly("windows/openvpn-tap-route-print-german.txt", Format.IPCONFIG,
				new IpconfigParser());
		InterfaceData tap = iface(c, "OpenVPN TAP");
		assertEquals("TAP-Windows Adapter V9", tap.displayName);
		assertTrue(tap.addresses.contains("10.8.0.6/24"), tap.addresses.toString());
		assertEquals("Realtek PCIe GbE Family Controller", iface(c, "Ethernet").displayName);
		assertTrue(iface(c, "Ethernet").addresses.contains("192.168.178.23/24"));
	}

	@Test
	void descriptionFoundBeforeThePhysicalAddressWhenTheLabelIsUnknown() {
		Capture c = new Capture();
		new IpconfigParser().parse(new Segment(Format.IPCONFIG, 1, List.of(
				"Karta Ethernet Ethernet:",
				"",
				"   Sufiks DNS konkretnego połączenia :",
				"   Etykieta nieznana . . . . . . . . : Fortinet SSL VPN Virtual Ethernet Adapter",
				"   Adres fizyczny. . . . . . . . . . : 00-09-0F-AA-00-01")), c);
		assertEquals("Fortinet SSL VPN Virtual Ethernet Adapter", iface(c, "Karta Ethernet Ethernet").displayName);
	}
}
