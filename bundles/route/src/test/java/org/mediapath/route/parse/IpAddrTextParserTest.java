package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.iface;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

class IpAddrTextParserTest {

	@Test
	void openVpnMachine() {
		Capture c = Fixtures.parseOnly("linux/openvpn-tun0-ip-text.txt", Format.IP_ADDR, new IpAddrTextParser());
		InterfaceData tun = iface(c, "tun0");
		assertEquals("none", tun.linkType);
		assertTrue(tun.pointToPoint);
		assertTrue(tun.up);
		assertEquals(1500, tun.mtu);
		assertEquals(7, tun.index);
		assertEquals(List.of("10.8.0.6/24", "fdcc:1:2::1000/64", "fe80::a5e3:1f2b:3c4d:5e6f/64"), tun.addresses);
		InterfaceData wifi = iface(c, "wlp0s20f3");
		assertFalse(wifi.up, "UP without carrier is not up");
		assertEquals("loopback", iface(c, "lo").linkType);
		assertEquals(List.of("172.17.0.1/16"), iface(c, "docker0").addresses);
		assertEquals(5, c.interfaces().size());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void vethPeerSuffixDetailKindAndPointToPointPeer() {
		Capture c = new Capture();
		new IpAddrTextParser().parse(new Segment(Format.IP_ADDR, 1, List.of(
				"5: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000",
				"    link/ether 9a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff link-netnsid 0",
				"    veth ",
				"    inet 198.18.5.2/24 scope global eth0",
				"9: tun1: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1400 qdisc fq_codel state UNKNOWN",
				"    link/none ",
				"    tun type tun pi off vnet_hdr off persist off ",
				"    inet 10.9.0.6 peer 10.9.0.5/32 scope global tun1",
				"garbage at the top level")), c);
		assertEquals("veth", iface(c, "eth0").linkType);
		assertEquals("tun", iface(c, "tun1").linkType);
		assertEquals(List.of("10.9.0.6/32"), iface(c, "tun1").addresses);
		assertEquals(1, c.warningCount());
	}
}
