package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosticReport;

class PicturesTest {

	@Test
	void portMapsComeFromTheRunsOfEveryCheckThatMeasuredThem() {
		CheckResult back = new CheckResult("client-udp", "Client media ports", CheckStatus.FAIL, "blocked",
				Map.of("ports", "49152-65535", "runs", List.of(Fixtures.run("49152-65535", "silent", 64))), List.of(),
				Duration.ZERO);
		CheckResult partner = new CheckResult("acme", "Acme", CheckStatus.PASS, "x",
				Map.of("runs", List.of(Fixtures.run("5060", "PASS", 1)), "direction", "server_to_client"), List.of(),
				Duration.ZERO);
		DiagnosticReport r = Fixtures.failed("r", Fixtures.T0, back, partner);
		List<Map<String, Object>> maps = Pictures.portMaps(r);
		assertEquals(3, maps.size());
		Map<String, Object> server = maps.get(0);
		assertEquals("server-udp", server.get("checkId"));
		assertEquals(30000, server.get("first"));
		assertEquals(33000, server.get("last"));
		assertEquals("CLIENT_TO_SERVER", server.get("direction"));
		assertEquals(List.of(Map.of("first", 30000, "last", 30999, "outcome", "PASS", "probed", 16),
				Map.of("first", 31000, "last", 33000, "outcome", "SILENT", "probed", 32)), server.get("runs"));
		assertEquals("SERVER_TO_CLIENT", maps.get(1).get("direction"));
		assertEquals("SILENT", ((Map<?, ?>) ((List<?>) maps.get(1).get("runs")).get(0)).get("outcome"));
		assertEquals(5060, maps.get(2).get("first"));
		assertEquals("SERVER_TO_CLIENT", maps.get(2).get("direction"));
	}

	@Test
	void measurementsOfAnotherShapeAreSkippedNotFatal() {
		CheckResult odd = new CheckResult("odd", "Odd", CheckStatus.WARN, "x",
				Map.of("runs", List.of("nonsense", Map.of("ports", "99999-1"), Map.of("outcome", "PASS")),
						"states", List.of(42, "no at sign", Map.of("state", "RUNNING")), "viaVpn", "maybe"),
				List.of(), Duration.ZERO);
		DiagnosticReport r = Fixtures.ok("r", Fixtures.T0);
		r = new DiagnosticReport("r", r.request(), r.started(), r.duration(), r.verdict(), List.of(), List.of(odd));
		assertTrue(Pictures.portMaps(r).isEmpty());
		assertTrue(Pictures.iceTimelines(r).isEmpty());
		Map<String, Object> path = Pictures.routePath(r).orElseThrow();
		assertEquals(false, path.get("viaVpn"), "only a Boolean true means VPN");
	}

	@Test
	void iceStatesBecomeATimeline() {
		List<Map<String, Object>> t = Pictures.iceTimelines(Fixtures.failed("r", Fixtures.T0));
		assertEquals(1, t.size());
		assertEquals(List.of(Map.of("state", "RUNNING", "atMillis", 0L), Map.of("state", "FAILED", "atMillis", 5000L)),
				t.get(0).get("events"));
		assertEquals(1, ((List<?>) t.get(0).get("pairs")).size());
	}

	/** The ICE check's final state carries its reason in words: a short label, the words as detail. */
	@Test
	void aStateWithItsReasonInParenthesesKeepsAShortLabelAndTheReason() {
		CheckResult ice = new CheckResult("ice-final", "Full ICE exchange", CheckStatus.FAIL, "failed",
				Map.of("states", List.of("RUNNING@42ms",
						"FAILED (every pair failed, decided after 1500 ms of checks (early): none reached the server)@1545ms")),
				List.of(), Duration.ZERO);
		List<Map<String, Object>> t = Pictures.iceTimelines(Fixtures.failed("r", Fixtures.T0, ice));
		Map<?, ?> timeline = t.stream().filter(x -> x.get("checkId").equals("ice-final")).findFirst().orElseThrow();
		assertEquals(List.of(Map.of("state", "RUNNING", "atMillis", 42L),
				Map.of("state", "FAILED", "atMillis", 1545L, "detail",
						"every pair failed, decided after 1500 ms of checks (early): none reached the server")),
				timeline.get("events"));
	}

	/** A stored or partner state text built to make the pattern backtrack is not drawn, and costs no time. */
	@Test
	void aHugeStateTextIsNotMatched() {
		String hostile = "A" + " ".repeat(20_000) + "x";
		CheckResult ice = new CheckResult("ice-junk", "Full ICE exchange", CheckStatus.FAIL, "failed",
				Map.of("states", List.of("RUNNING@42ms", hostile, "A" + " ".repeat(1000) + "x")), List.of(), Duration.ZERO);
		long start = System.nanoTime();
		List<Map<String, Object>> t = Pictures.iceTimelines(Fixtures.failed("r", Fixtures.T0, ice));
		long millis = (System.nanoTime() - start) / 1_000_000;
		Map<?, ?> timeline = t.stream().filter(x -> x.get("checkId").equals("ice-junk")).findFirst().orElseThrow();
		assertEquals(List.of(Map.of("state", "RUNNING", "atMillis", 42L)), timeline.get("events"));
		// was 6.4 s for 2 000 spaces with the old pattern; a generous bound that still catches a relapse
		assertTrue(millis < 2000, "took " + millis + " ms");
	}

	@Test
	void theRoutePathGoesInterfaceVpnGatewayServer() {
		CheckResult route = new CheckResult("route", "Route", CheckStatus.FAIL, "via VPN",
				Map.of("interface", "utun3", "sourceAddress", "10.8.0.2", "viaVpn", true, "vpnProduct", "WireGuard",
						"route", "0.0.0.0/1 via 10.8.0.1 dev utun3", "address", "198.18.2.10"),
				List.of(), Duration.ZERO);
		Map<String, Object> p = Pictures.routePath(Fixtures.failed("r", Fixtures.T0, route)).orElseThrow();
		List<?> nodes = (List<?>) p.get("nodes");
		assertEquals(List.of("interface", "vpn", "gateway", "server"),
				nodes.stream().map(n -> ((Map<?, ?>) n).get("kind")).toList());
		assertEquals(List.of("utun3", "WireGuard", "10.8.0.1", "198.18.2.10"),
				nodes.stream().map(n -> ((Map<?, ?>) n).get("label")).toList());
	}
}
