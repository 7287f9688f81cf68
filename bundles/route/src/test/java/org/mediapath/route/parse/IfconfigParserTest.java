package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.iface;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

class IfconfigParserTest {

	@Test
	void macInterfaces() {
		Capture c = Fixtures.parseOnly("macos/utun-full-tunnel-netstat-ifconfig.txt", Format.IFCONFIG,
				new IfconfigParser());
		InterfaceData utun4 = iface(c, "utun4");
		assertEquals(List.of("10.8.0.12/16"), utun4.addresses);
		assertTrue(utun4.pointToPoint);
		assertEquals(1390, utun4.mtu);
		assertEquals(List.of("fe80::a1b2:c3d4:e5f6:1/64"), iface(c, "utun0").addresses);
		assertEquals(List.of("192.168.1.23/24", "fe80::1c8a:5b2e:9f3d:4a71/64").size(), iface(c, "en0").addresses.size());
		assertTrue(iface(c, "en0").addresses.contains("192.168.1.23/24"));
		assertFalse(iface(c, "anpi0").up, "status: inactive");
		assertFalse(iface(c, "gif0").up);
		assertEquals(1280, iface(c, "stf0").mtu);
		assertEquals("loopback", iface(c, "lo0").linkType);
		assertEquals(11, c.interfaces().size());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void linuxNetTools() {
		Capture c = new Capture();
		new IfconfigParser().parse(new Segment(Format.IFCONFIG, 1, List.of(
				"eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500",
				"        inet 198.18.3.4  netmask 255.255.255.0  broadcast 198.18.3.255",
				"        inet6 fe80::5054:ff:fe12:3456  prefixlen 64  scopeid 0x20<link>",
				"        ether 52:54:00:12:34:56  txqueuelen 1000  (Ethernet)",
				"tun0: flags=4305<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST>  mtu 1500",
				"        inet 10.8.0.6  netmask 255.255.255.0  destination 10.8.0.6")), c);
		assertEquals(List.of("198.18.3.4/24", "fe80::5054:ff:fe12:3456/64"), iface(c, "eth0").addresses);
		assertTrue(iface(c, "tun0").pointToPoint);
		assertEquals(List.of("10.8.0.6/24"), iface(c, "tun0").addresses);
	}
}
