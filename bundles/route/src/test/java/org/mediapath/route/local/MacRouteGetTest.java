package org.mediapath.route.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Hand-written following the exact format of macOS 14 {@code route -n get}. */
class MacRouteGetTest {

	@Test
	void utunRouteHasNoGatewayLine() {
		SystemRouteQuery.MacRouteGet answer = SystemRouteQuery.MacRouteGet.parse(String.join("\n",
				"   route to: 198.51.100.20",
				"destination: default",
				"       mask: default",
				"  interface: utun4",
				"      flags: <UP,DONE,STATIC,PRCLONING,GLOBAL>",
				" recvpipe  sendpipe  ssthresh  rtt,msec    rttvar  hopcount      mtu     expire",
				"       0         0         0         0         0         0      1390         0"));
		assertEquals(Optional.of("utun4"), answer.interfaceName());
		assertEquals(Optional.empty(), answer.gateway());
	}

	@Test
	void physicalRouteHasAGateway() {
		SystemRouteQuery.MacRouteGet answer = SystemRouteQuery.MacRouteGet.parse(String.join("\n",
				"   route to: 198.51.100.7",
				"destination: 198.51.100.7",
				"    gateway: 192.168.1.1",
				"  interface: en0",
				"      flags: <UP,GATEWAY,HOST,DONE,STATIC,PRCLONING>"));
		assertEquals(Optional.of("en0"), answer.interfaceName());
		assertEquals(Optional.of("192.168.1.1"), answer.gateway());
	}
}
