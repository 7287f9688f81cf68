package org.mediapath.testing.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceSandboxTest {

	private static final String SLEEP = Machine.tool("sleep").orElse("/bin/sleep");

	@Test
	void commandsRunWithoutAShellAndFailuresNameTheCommand() {
		assumeTrue(Machine.tool("ip").isPresent(), "needs ip (iproute2)");
		try (NamespaceSandbox sandbox = new NamespaceSandbox("sandbox-test")) {
			// A shell would expand this; a fixed argument vector hands it to the program as it is.
			NamespaceSandbox.Result echoed = sandbox.run(Duration.ofSeconds(5), Machine.tool("echo").orElse("/bin/echo"), "$HOME;*");
			assertEquals("$HOME;*\n", echoed.out());
			IllegalStateException failed = assertThrows(IllegalStateException.class, () -> sandbox.ip("no-such-object"));
			assertTrue(failed.getMessage().startsWith(sandbox.ip + " no-such-object: exit "), failed.getMessage());
			long t0 = System.nanoTime();
			NamespaceSandbox.Result slow = sandbox.run(Duration.ofMillis(300), SLEEP, "30");
			assertEquals(-1, slow.exit());
			assertTrue(slow.err().startsWith("timed out after 300 ms"), slow.err());
			assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "the timeout kills the program");
			assertEquals(List.of(), sandbox.processesStillRunning());
		}
	}

	@Test
	void closeKillsItsProcessesDeletesItsNamespacesAndRunsTheLastSteps(@TempDir Path dir) throws Exception {
		String reason = Machine.unavailableReason("the sandbox test");
		assumeTrue(reason == null, reason);
		String name = "mpsbx-" + ProcessHandle.current().pid();
		Path marker = Files.createFile(dir.resolve("marker"));
		Process sleeper;
		try (NamespaceSandbox sandbox = new NamespaceSandbox("sandbox-test")) {
			sandbox.addNamespace(name);
			assertTrue(sandbox.namespaceNames().contains(name));
			sleeper = sandbox.start(sandbox.inNamespace(name, List.of(SLEEP, "60")), null, dir.resolve("sleep.log"), null);
			assertTrue(sandbox.startedHere(sleeper.pid()));
			sandbox.lastly(() -> NamespaceSandbox.deleteTree(marker));
		}
		assertFalse(sleeper.isAlive(), "the process it started is killed");
		try (NamespaceSandbox after = new NamespaceSandbox("sandbox-test")) {
			assertFalse(after.namespaceNames().contains(name), "the namespace it created is deleted");
		}
		assertFalse(Files.exists(marker), "the last steps ran");
	}

	@Test
	void onlyNamespacesOfAGoneRunAreStale() {
		String reason = Machine.unavailableReason("the sandbox test");
		assumeTrue(reason == null, reason);
		long gone = ProcessHandle.current().pid() + 4_000_000; // above pid_max: no such process
		String stale = "mpsbxstale-" + gone;
		String mine = "mpsbxstale-" + ProcessHandle.current().pid();
		try (NamespaceSandbox sandbox = new NamespaceSandbox("sandbox-test")) {
			sandbox.ip("netns", "add", stale); // as a killed run would leave it: not owned by this sandbox
			try {
				sandbox.addNamespace(mine);
				assertEquals(List.of(stale), sandbox.removeStale(Pattern.compile("^mpsbxstale-(\\d+)$")));
				assertTrue(sandbox.namespaceNames().contains(mine), "a live run's namespace stays");
			} finally {
				sandbox.run(Duration.ofSeconds(10), sandbox.ip, "netns", "del", stale); // when the assertion failed
			}
		}
	}
}
