package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.route;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;

class ProcNetRouteParserTest {

	@Test
	void realCaptureOfTheBuildVm() {
		Capture c = Fixtures.parseOnly("linux/build-vm-real.txt", Format.PROC_NET_ROUTE, new ProcNetRouteParser());
		assertEquals(Optional.of("192.0.2.1"), route(c, "0.0.0.0/0", "eth0").gateway());
		assertEquals(Optional.empty(), route(c, "192.0.2.0/24", "eth0").gateway());
		assertEquals(2, c.routes.size());
		assertEquals(List.of(), c.warnings());
	}

	@Test
	void mainTableOnlyWithMetric() {
		Capture c = Fixtures.parseOnly("linux/tailscale-ip-rule-text.txt", Format.PROC_NET_ROUTE, new ProcNetRouteParser());
		assertEquals(100, route(c, "0.0.0.0/0", "eth0").metric());
		assertEquals(Optional.of("192.168.1.1"), route(c, "0.0.0.0/0", "eth0").gateway());
		assertTrue(c.routes.stream().noneMatch(r -> r.interfaceName().equals("tailscale0")),
				"/proc/net/route cannot show table 52");
	}

	@Test
	void badRowsWarn() {
		Capture c = new Capture();
		new ProcNetRouteParser().parse(new Segment(Format.PROC_NET_ROUTE, 10, List.of(
				"Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
				"eth0\tZZZZZZZZ\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
				"eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FF00FF\t0\t0\t0",
				"eth0\t00")), c);
		assertEquals(3, c.warningCount());
		assertTrue(c.warnings().get(0).startsWith("line 11 "), c.warnings().get(0));
	}
}
