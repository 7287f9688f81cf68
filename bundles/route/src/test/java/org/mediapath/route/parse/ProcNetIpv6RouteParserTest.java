package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.route.parse.Fixtures.route;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.RejectRoute;

class ProcNetIpv6RouteParserTest {

	@Test
	void realCaptureOfTheBuildVm() {
		Capture c = Fixtures.parseOnly("linux/build-vm-real.txt", Format.PROC_NET_IPV6_ROUTE,
				new ProcNetIpv6RouteParser());
		assertEquals(Optional.of("fd00::1"), route(c, "::/0", "eth0").gateway());
		assertEquals(1024, route(c, "::/0", "eth0").metric());
		assertEquals(Optional.empty(), route(c, "fd00::/64", "eth0").gateway());
		assertEquals("local", route(c, "::1/128", "lo").table());
		assertTrue(c.rejectRoutes.contains(new RejectRoute("unreachable", "::/0", "main", 0xffffffffL)));
		assertEquals(List.of(), c.warnings());
	}
}
