package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.iface;
import static org.mediapath.route.parse.Fixtures.route;
import static org.mediapath.route.parse.Fixtures.routes;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;

class RoutePrintParserTest {

	@Test
	void englishAnyConnectSplitTunnel() {
		Capture c = Fixtures.parseOnly("windows/anyconnect-split-route-print-ipconfig.txt", Format.ROUTE_PRINT,
				new RoutePrintParser());
		assertEquals(17, iface(c, "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64").index);
		assertEquals(4, c.interfaces().size());
		// The interface column is an address until ipconfig names it.
		assertEquals(Optional.of("10.64.0.1"), route(c, "10.0.0.0/8", "10.64.12.34").gateway());
		assertEquals(2, route(c, "198.18.0.0/15", "10.64.12.34").metric());
		assertEquals(Optional.empty(), route(c, "192.168.1.0/24", "192.168.1.34").gateway(), "On-link");
		assertEquals(19, c.routes.stream().filter(r -> r.destination().indexOf(':') < 0).count());
		// IPv6: interface by index; a long destination wraps its gateway onto the next line.
		assertEquals(Optional.of("fe80::1"), route(c, "::/0", "ifindex:14").gateway());
		assertEquals(Optional.empty(), route(c, "2001:db8:1234::5a1/128", "ifindex:14").gateway());
		assertEquals(1, routes(c, "fe80::8d4f:1b2c:3e4f:5a6b/128").size());
		assertEquals(11, c.routes.stream().filter(r -> r.destination().indexOf(':') >= 0).count());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void germanHeadersOnLinkAndPersistentRoutes() {
		Capture c = Fixtures.parseOnly("windows/openvpn-tap-route-print-german.txt", Format.ROUTE_PRINT,
				new RoutePrintParser());
		assertEquals(Optional.of("10.8.0.5"), route(c, "0.0.0.0/1", "10.8.0.6").gateway());
		assertEquals(Optional.of("10.8.0.5"), route(c, "128.0.0.0/1", "10.8.0.6").gateway());
		assertEquals(Optional.empty(), route(c, "10.8.0.0/24", "10.8.0.6").gateway(), "Auf Verbindung is on-link");
		assertTrue(routes(c, "10.10.0.0/16").isEmpty(), "a persistent route is not an active one");
		assertEquals(Optional.of("fe80::3681:c4ff:fe0a:1b2c"), route(c, "::/0", "ifindex:6").gateway());
		assertEquals(1, c.warningCount(), c.warnings().toString());
		assertTrue(c.warnings().get(0).startsWith("2 persistent route(s)"), c.warnings().get(0));
	}

	@Test
	void truncatedTableKeepsTheRowsItHas() {
		String full = Fixtures.read("windows/anyconnect-split-route-print-ipconfig.txt");
		String cut = full.substring(0, full.indexOf("      10.64.12.34  255.255.255.255") + 20);
		Capture c = new CaptureParser().parse(cut);
		assertEquals(3, c.routes.size(), c.routes.toString());
		assertTrue(c.warningCount() >= 1, "the cut row is reported");
	}
}
