package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.route;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;

class NetstatParserTest {

	@Test
	void macUtunDefaultAndScopedPhysicalDefault() {
		Capture c = Fixtures.parseOnly("macos/utun-full-tunnel-netstat-ifconfig.txt", Format.NETSTAT,
				new NetstatParser());
		assertFalse(route(c, "0.0.0.0/0", "utun4").scoped());
		assertTrue(route(c, "0.0.0.0/0", "en0").scoped(), "the I flag");
		assertEquals(Optional.of("10.8.0.12"), route(c, "10.8.0.0/16", "utun4").gateway());
		assertEquals(Optional.of("127.0.0.1"), route(c, "127.0.0.0/8", "lo0").gateway());
		assertEquals(Optional.empty(), route(c, "169.254.0.0/16", "en0").gateway(), "link#6 is on-link");
		assertEquals(Optional.empty(), route(c, "192.168.1.0/24", "en0").gateway());
		assertEquals(Optional.empty(), route(c, "192.168.1.1/32", "en0").gateway());
		assertEquals(Optional.of("192.168.1.1"), route(c, "198.51.100.7/32", "en0").gateway());
		assertEquals(Optional.of("fe80::"), route(c, "::/0", "utun0").gateway());
		assertTrue(route(c, "::/0", "utun0").scoped());
		assertEquals(Optional.empty(), route(c, "fe80::/64", "en0").gateway());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void oldLayoutWithRefsAndUse() {
		Capture c = Fixtures.parseOnly("macos/wifi-no-vpn-netstat-old.txt", Format.NETSTAT, new NetstatParser());
		assertEquals(Optional.of("192.168.0.1"), route(c, "0.0.0.0/0", "en0").gateway());
		assertEquals(Optional.empty(), route(c, "192.168.0.0/24", "en0").gateway());
		assertFalse(route(c, "::/0", "en0").scoped());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void linuxRouteN() {
		Capture c = new Capture();
		new NetstatParser().parse(new Segment(Format.NETSTAT, 1, List.of(
				"Kernel IP routing table",
				"Destination     Gateway         Genmask         Flags Metric Ref    Use Iface",
				"0.0.0.0         192.168.1.1     0.0.0.0         UG    600    0        0 wlp2s0",
				"192.168.1.0     0.0.0.0         255.255.255.0   U     600    0        0 wlp2s0",
				"10.8.0.0        0.0.0.0         255.255.255.0   U     0      0")), c);
		assertEquals(600, route(c, "0.0.0.0/0", "wlp2s0").metric());
		assertEquals(Optional.empty(), route(c, "192.168.1.0/24", "wlp2s0").gateway());
		assertEquals(1, c.warningCount());
	}
}
