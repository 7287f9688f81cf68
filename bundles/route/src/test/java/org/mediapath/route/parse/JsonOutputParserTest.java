package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.iface;
import static org.mediapath.route.parse.Fixtures.route;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;

class JsonOutputParserTest {

	@Test
	void wgQuickTablesRulesAndAddresses() {
		Capture c = Fixtures.parseOnly("linux/wireguard-wg-quick-ip-json.txt", Format.JSON, new JsonOutputParser());
		RouteEntry wg = route(c, "0.0.0.0/0", "wg0");
		assertEquals("51820", wg.table());
		assertEquals(Optional.empty(), wg.gateway());
		assertEquals("51820", route(c, "::/0", "wg0").table(), "an IPv6 default is told by its 'pref' key");
		assertEquals(600, route(c, "0.0.0.0/0", "wlp2s0").metric());
		assertEquals("192.168.1.50", c.preferredSources.get(route(c, "0.0.0.0/0", "wlp2s0")));
		assertEquals("local", route(c, "10.66.66.2/32", "wg0").table());
		assertTrue(c.rulesKnown);
		assertEquals(5, c.rules.size());
		assertEquals(OptionalInt.of(0), c.rules.get(1).suppressPrefixLength());
		assertTrue(c.rules.get(2).inverted());
		assertEquals("0xca6c", c.rules.get(2).fwmark());
		InterfaceData wg0 = iface(c, "wg0");
		assertEquals("none", wg0.linkType);
		assertTrue(wg0.pointToPoint);
		assertEquals(1420, wg0.mtu);
		assertEquals(List.of("10.66.66.2/32", "fd42:42:42::2/64"), wg0.addresses);
		assertEquals(List.of(), c.warnings());
		assertTrue(c.formats.containsAll(List.of("ip -j route", "ip -j addr", "ip -j rule")), c.formats.toString());
	}

	@Test
	void getNetRouteAddsInterfaceMetricAndReadsOnLink() {
		Capture c = Fixtures.parseOnly("windows/globalprotect-get-netroute.json", Format.JSON, new JsonOutputParser());
		RouteEntry vpnDefault = route(c, "0.0.0.0/0", "Ethernet 3");
		assertEquals(Optional.of("10.99.0.1"), vpnDefault.gateway());
		assertEquals(1, vpnDefault.metric());
		assertEquals(45, route(c, "0.0.0.0/0", "Wi-Fi").metric());
		assertEquals(46, route(c, "192.0.2.80/32", "Wi-Fi").metric());
		assertEquals(Optional.empty(), route(c, "10.99.0.0/16", "Ethernet 3").gateway(), "NextHop 0.0.0.0 is on-link");
		assertEquals(Optional.empty(), route(c, "fe80::/64", "Ethernet 3").gateway(), "NextHop :: is on-link");
		assertEquals(Optional.of("fe80::1"), route(c, "::/0", "Wi-Fi").gateway());
		InterfaceData pangp = iface(c, "Ethernet 3");
		assertEquals("PANGP Virtual Ethernet Adapter Secure", pangp.displayName);
		assertEquals(1400, pangp.mtu);
		assertEquals(23, pangp.index);
		assertEquals("wifi", iface(c, "Wi-Fi").linkType);
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void truncatedArrayKeepsObjectsBeforeTheCut() {
		String json = Fixtures.read("windows/globalprotect-get-netroute.json");
		int cut = json.indexOf("\"DestinationPrefix\":  \"192.168.0.0/24\"");
		Capture c = new Capture();
		new CaptureParser().parseInto(json.substring(0, cut), c);
		assertEquals(4, c.routes.size());
		assertTrue(c.warnings().stream().anyMatch(w -> w.contains("truncated or malformed after 4 object")),
				c.warnings().toString());
	}

	@Test
	void unknownObjectsAndDeepNestingWarn() {
		Capture c = new Capture();
		new CaptureParser().parseInto("{\"hello\": 1}\n" + "[".repeat(100_000) + "\n", c);
		assertTrue(c.routes.isEmpty());
		assertEquals(2, c.warningCount(), c.warnings().toString());
	}

	@Test
	void aHugeUnknownKeyIsNamedInAShortWarning() {
		// found by the fuzzer: a pasted text ended up as one JSON key, quoted whole in the warning
		String key = "x".repeat(2000) + "\uD83D\uDE00";
		org.mediapath.route.model.Capture capture = new CaptureParser().parse("[{\"" + key + "\": 1}]");
		assertTrue(capture.warnings().stream().allMatch(w -> w.length() <= org.mediapath.route.model.Capture.MAX_WARNING_LENGTH),
				capture.warnings().toString());
		assertTrue(capture.warnings().stream().anyMatch(w -> w.contains("JSON object with keys") && w.endsWith("...")),
				capture.warnings().toString());
	}
}
