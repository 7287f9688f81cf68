package org.mediapath.route.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mediapath.api.route.InterfaceKind;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;

/** This machine, for real; targets are loopback only, and a connected UDP socket sends nothing. */
class LocalInspectionTest {

	private final RouteInspector service = new RouteInspector(RouteSettings.DEFAULTS);

	@Test
	void thisMachineHasALoopbackAndRoutes() {
		NetworkSnapshot snapshot = service.inspectLocal();
		assertFalse(snapshot.captured());
		assertTrue(snapshot.interfaces().stream().anyMatch(i -> i.kind() == InterfaceKind.LOOPBACK),
				snapshot.interfaces().toString());
		assertFalse(snapshot.routes().isEmpty(), snapshot.warnings().toString());
	}

	@Test
	void loopbackDecisionIsAskedOfTheSystem() {
		NetworkSnapshot snapshot = service.inspectLocal();
		RouteDecision d = service.decide(snapshot, "127.0.0.1");
		assertFalse(d.reconstructed());
		assertEquals(Optional.of("127.0.0.1"), d.sourceAddress());
		assertTrue(d.interfaceName().isPresent());
		assertFalse(d.viaVpn());
		assertTrue(d.explanation().get(0).startsWith("Asked this machine"), d.explanation().toString());
	}

	@Test
	void linuxReadsEveryTableAndTheRules() {
		assumeTrue(LocalInspector.Os.current() == LocalInspector.Os.LINUX);
		NetworkSnapshot snapshot = service.inspectLocal();
		assertTrue(snapshot.routes().stream().anyMatch(r -> r.table().equals("local")),
				"ip -j route show table all, not /proc/net/route: " + snapshot.warnings());
		assertTrue(snapshot.origin().contains("linux"));
		assertEquals(Optional.of("lo"), service.decide(snapshot, "127.0.0.1").interfaceName());
	}

	@Test
	void missingProgramAndTimeoutAreProblemsNotExceptions() {
		assumeTrue(LocalInspector.Os.current() != LocalInspector.Os.WINDOWS);
		List<CommandRunner.Result> results = new CommandRunner(Duration.ofMillis(300)).runAll(List.of(
				List.of("/nonexistent/mediapath-no-such-program"), List.of("sleep", "5"), List.of("echo", "hello"),
				List.of("false")));
		assertTrue(results.get(0).problem().orElseThrow().startsWith("cannot run"));
		assertTrue(results.get(1).problem().orElseThrow().contains("no answer within 300 ms"));
		assertEquals(Optional.of("hello\n"), results.get(2).output());
		assertEquals(Optional.of("false: exit code 1"), results.get(3).problem());
	}

	@Test
	void withoutIpTheMainTableStillComesFromProc() {
		assumeTrue(LocalInspector.Os.current() == LocalInspector.Os.LINUX);
		LocalInspector inspector = new LocalInspector(LocalInspector.Os.LINUX, new CommandRunner(Duration.ofSeconds(2)),
				java.nio.file.Path.of("/proc/net"), List.of("/nonexistent/ip"));
		var capture = inspector.read();
		assertFalse(capture.routes.isEmpty());
		assertTrue(capture.warnings().stream().anyMatch(w -> w.contains("only the main table")), capture.warnings().toString());
		assertFalse(capture.interfaces().isEmpty(), "interfaces from java.net.NetworkInterface");
	}
}
