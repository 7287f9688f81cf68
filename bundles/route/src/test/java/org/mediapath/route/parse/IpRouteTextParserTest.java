package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.route;
import static org.mediapath.route.parse.Fixtures.routes;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.RejectRoute;

class IpRouteTextParserTest {

	@Test
	void openVpnDef1RoutesAndIpv6() {
		Capture c = Fixtures.parseOnly("linux/openvpn-tun0-ip-text.txt", Format.IP_ROUTE, new IpRouteTextParser());
		assertEquals(Optional.of("10.8.0.1"), route(c, "0.0.0.0/1", "tun0").gateway());
		assertEquals(Optional.of("10.8.0.1"), route(c, "128.0.0.0/1", "tun0").gateway());
		RouteEntry def = route(c, "0.0.0.0/0", "enp0s31f6");
		assertEquals(Optional.of("192.168.178.1"), def.gateway());
		assertEquals(100, def.metric());
		assertEquals("main", def.table());
		assertEquals("192.168.178.20", c.preferredSources.get(def));
		assertEquals(Optional.empty(), route(c, "10.8.0.0/24", "tun0").gateway());
		assertEquals(Optional.of("192.168.178.1"), route(c, "203.0.113.50/32", "enp0s31f6").gateway());
		// ip -6 route: family from the addresses and from "pref"
		assertEquals(Optional.of("fe80::1"), route(c, "::/0", "enp0s31f6").gateway());
		assertEquals(1, routes(c, "::1/128").size());
		assertEquals(2, routes(c, "fe80::/64").size());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void tailscaleTablesThrowRoutesAndLocalTable() {
		Capture c = Fixtures.parseOnly("linux/tailscale-ip-rule-text.txt", Format.IP_ROUTE, new IpRouteTextParser());
		assertEquals("52", route(c, "0.0.0.0/0", "tailscale0").table());
		assertEquals("local", route(c, "100.101.102.103/32", "tailscale0").table());
		assertTrue(c.rejectRoutes.contains(new RejectRoute("throw", "192.168.1.0/24", "52", 0)));
		assertTrue(routes(c, "127.255.255.255/32").isEmpty(), "broadcast routes do not forward unicast");
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void multipathTakesFirstNextHopAndGarbageWarns() {
		Capture c = new Capture();
		new IpRouteTextParser().parse(new Segment(Format.IP_ROUTE, 1, List.of(
				"default proto static metric 50 ",
				"\tnexthop via 198.18.0.1 dev eth0 weight 1 ",
				"\tnexthop via 198.18.1.1 dev eth1 weight 1 ",
				"unreachable default dev lo proto kernel metric 4294967295 pref medium",
				"default via not-an-address dev eth0",
				"10.0.0.0/33 dev eth0")), c);
		RouteEntry def = route(c, "0.0.0.0/0", "eth0");
		assertEquals(Optional.of("198.18.0.1"), def.gateway());
		assertEquals(50, def.metric());
		assertEquals(1, c.rejectRoutes.size());
		assertEquals("::/0", c.rejectRoutes.get(0).destination());
		assertEquals(2, c.warningCount(), c.warnings().toString());
		assertFalse(c.warnings().get(0).isEmpty());
	}
}
