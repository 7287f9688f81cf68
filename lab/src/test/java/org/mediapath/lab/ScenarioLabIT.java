package org.mediapath.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario lab: for every {@code scenarios/*.properties} file, builds its network in fresh namespaces, starts the
 * PBX stand-ins, runs {@code java -jar mediapath.jar diagnose --json} in the client namespace, and checks the JSON
 * contract, the exit code and the top cause. Scenarios run one after another (the CI machine has two cores), each
 * bounded. The last test asserts that nothing of this run is left: no namespace with its prefix, no process.
 *
 * <p>Skipped (a JUnit assumption, reported as skipped) unless on Linux as root with ip, ss, nft, socat, sysctl and
 * /dev/net/tun, and with the console jar built. {@code -Dmediapath.lab.scenario=a,b} runs only those scenarios.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScenarioLabIT {

	static final Path JAR = Path.of(System.getProperty("mediapath.jar", "../features/console/target/mediapath.jar"));
	static final Path SCENARIOS = Path.of(System.getProperty("mediapath.lab.scenarios", "scenarios"));
	static final Path LOGGING = Path.of(System.getProperty("mediapath.lab.logging", "../features/console/logging.properties"));
	private static final AtomicInteger INDEX = new AtomicInteger();
	private static Lab lab;

	@BeforeAll
	static void startLab() throws Exception {
		String reason = Lab.unavailableReason(JAR);
		assumeTrue(reason == null, reason);
		lab = Lab.start(JAR.toAbsolutePath(), LOGGING.toAbsolutePath());
		List<String> stale = lab.removeStale();
		if (!stale.isEmpty()) {
			System.out.println("mediapath lab: removed namespaces of earlier, killed lab runs: " + stale);
		}
	}

	@AfterAll
	static void stopLab() {
		if (lab != null) {
			lab.close();
		}
	}

	static List<Scenario> scenarios() throws Exception {
		Set<String> only = selected();
		List<Scenario> all = new ArrayList<>();
		for (Path f : Scenario.files(SCENARIOS)) {
			Scenario s = Scenario.load(f);
			if (only.isEmpty() || only.contains(s.name())) {
				all.addAll(s.variants()); // a browser scenario: one test per browser
			}
		}
		assertFalse(all.isEmpty(), "no scenario selected in " + SCENARIOS + " (mediapath.lab.scenario=" + only + ")");
		return all;
	}

	static Set<String> selected() {
		String v = System.getProperty("mediapath.lab.scenario", "");
		if (v.isBlank() || v.startsWith("${")) {
			return Set.of();
		}
		return Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
	}

	@Order(1)
	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void scenario(Scenario s) throws Exception {
		// the data-file form of @Disabled: a scenario that shows a product bug is skipped with its reason, never weakened
		assumeTrue(s.knownBug() == null || selected().contains(s.name()), "KNOWN PRODUCT BUG (reported to the lead): " + s.knownBug());
		if (s.browser() != null) {
			String reason = HeadlessBrowser.unavailableReason(s.browser().onlyBrowser());
			assumeTrue(reason == null, reason);
		}
		try (ScenarioRun run = new ScenarioRun(lab, s, INDEX.incrementAndGet())) {
			try {
				run.setUp();
			} catch (RuntimeException e) {
				throw new AssertionError(s.name() + ": building the network failed: " + e.getMessage() + "\n" + run.logs(), e);
			}
			if (s.browser() != null) {
				ScenarioRun.BrowserOutcome b = run.browserTest(0);
				keep(s, b.outcome());
				var report = Verdict.check(s, b.outcome(), "\nrun: " + b.run() + "\n" + b.browser() + ": " + b.browserLog()
						+ "\nstand-in logs:\n" + run.logs());
				Verdict.checkBrowserRun(s, b, report, "\nstand-in logs:\n" + run.logs());
				System.out.println("mediapath lab: " + s + ": exit " + b.outcome().exit() + "; time to verdict "
						+ b.timeToVerdictMillis() + " ms in the run, " + b.launchToVerdictMillis() + " ms from the browser's launch; "
						+ Verdict.summary(report).lines().filter(l -> l.startsWith("verdict") || l.startsWith("  cause"))
								.map(l -> l.length() > 200 ? l.substring(0, 200) + "..." : l).collect(Collectors.joining(" |")));
				return;
			}
			ScenarioRun.Outcome o = run.diagnose();
			keep(s, o);
			var report = Verdict.check(s, o, "\nstand-in logs:\n" + run.logs());
			System.out.println("mediapath lab: " + s.name() + ": exit " + o.exit() + " in " + o.wallMillis() + " ms; "
					+ Verdict.summary(report).lines().filter(l -> l.startsWith("verdict") || l.startsWith("  cause"))
							.map(l -> l.length() > 200 ? l.substring(0, 200) + "..." : l).collect(Collectors.joining(" |")));
		}
	}

	/**
	 * With {@code -Dmediapath.lab.reports=DIR}, every scenario's answer is kept there, right or wrong: NAME.json (stdout)
	 * and NAME.txt (exit code, wall time, stderr), to read what the product said.
	 */
	private static void keep(Scenario s, ScenarioRun.Outcome o) throws IOException {
		String dir = System.getProperty("mediapath.lab.reports", "");
		if (dir.isBlank() || dir.startsWith("${")) {
			return;
		}
		Path folder = Files.createDirectories(Path.of(dir));
		String name = s.browser() == null ? s.name() : s.name() + "-" + s.browser().onlyBrowser();
		Files.writeString(folder.resolve(name + ".json"), o.stdout());
		Files.writeString(folder.resolve(name + ".txt"), "exit " + o.exit() + "\nwallMillis " + o.wallMillis()
				+ "\nexpected " + s.expect().summary() + "\nstderr:\n" + o.stderr());
	}

	/**
	 * The contract's "exactly one JSON document on stdout", over repeated runs: shutdown noise of the
	 * runtime (Felix EventAdmin's fallback logger once printed a warning there) must never follow it.
	 */
	@Order(2)
	@Test
	void stdoutHoldsOnlyTheJsonDocument() throws Exception {
		Scenario healthy = Scenario.load(SCENARIOS.resolve("healthy.properties"));
		try (ScenarioRun run = new ScenarioRun(lab, healthy, INDEX.incrementAndGet())) {
			run.setUp();
			for (int i = 0; i < 6; i++) {
				ScenarioRun.Outcome o = run.diagnose();
				Verdict.parse(o.stdout());
			}
		}
	}

	@Order(3)
	@Test
	void nothingOfTheRunIsLeft() {
		assertEquals(List.of(), lab.leftovers(), "namespaces or processes of run " + lab.prefix + " left behind");
	}
}
