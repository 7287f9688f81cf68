package org.mediapath.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

/** The lab's browser scenarios and namespaces for {@code bench.BrowserBench} (which lives in its own package). */
final class BrowserBenchBridge {

	/**
	 * The console's {@code results} runtime is started this long before the browser, so that its JVM's start-up does
	 * not share the two cores with the browser's (on a real network the console runs on another machine).
	 */
	static final long SETTLE_MILLIS = 3000;

	private static final Pattern OWN = Pattern.compile("result state=(\\S+) millis=(\\d+) states=(\\S*) ua=(.*)");

	private BrowserBenchBridge() {
	}

	/**
	 * One row per browser scenario and browser: scenario, browser, expected, runs, the run's time to verdict median
	 * and max, launch to verdict median and max, launch to the console's answer median, target. Each run is a new
	 * invitation and a fresh browser (new profile) on the same network; every run's verdict is checked.
	 */
	static List<List<Object>> measure(int n, List<String> scenarios, List<String> browsers) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (Lab lab = open()) {
			int index = 0;
			for (String name : scenarios) {
				Scenario file = Scenario.load(scenariosFolder().resolve(name + ".properties"));
				if (file.browser() == null) {
					throw new IllegalArgumentException(name + " is not a browser scenario");
				}
				for (Scenario s : file.variants()) {
					String browser = s.browser().onlyBrowser();
					if (!browsers.contains(browser)) {
						continue;
					}
					String reason = HeadlessBrowser.unavailableReason(browser);
					if (reason == null && s.knownBug() != null) {
						reason = "known product bug: " + s.knownBug();
					}
					if (reason != null) {
						rows.add(List.of(name, browser, expected(s), 0, "-", "-", "-", "-", "-", "not measured: " + reason));
						continue;
					}
					List<Long> ttv = new ArrayList<>();
					List<Long> launch = new ArrayList<>();
					List<Long> answer = new ArrayList<>();
					try (ScenarioRun run = new ScenarioRun(lab, s, ++index)) {
						run.setUp();
						for (int i = 0; i < n; i++) {
							ScenarioRun.BrowserOutcome b = run.browserTest(SETTLE_MILLIS);
							JsonObject report = Verdict.check(s, b.outcome(), "\nrun: " + b.run());
							Verdict.checkBrowserRun(s, b, report, "");
							ttv.add(b.timeToVerdictMillis());
							launch.add(b.launchToVerdictMillis());
							answer.add(b.outcome().wallMillis());
							System.err.println(s + " run " + (i + 1) + ": time to verdict " + b.timeToVerdictMillis()
									+ " ms, launch to verdict " + b.launchToVerdictMillis() + " ms, launch to the console's answer "
									+ b.outcome().wallMillis() + " ms; " + report.get("verdict"));
						}
					}
					rows.add(List.of(name, browser, expected(s), n, median(ttv), Collections.max(ttv), median(launch),
							Collections.max(launch), median(answer), s.expect().healthy() ? "≤ 2000" : "≤ 5000"));
				}
			}
			List<String> left = lab.leftovers();
			if (!left.isEmpty()) {
				throw new IllegalStateException("left behind: " + left);
			}
		}
		return rows;
	}

	/**
	 * One row per browser: the browser's own ICE failure, n runs: two RTCPeerConnections of one page connected to
	 * each other over a namespace's address to which everything is dropped (every check unanswered), time from
	 * setRemoteDescription to connectionState "failed", with complete descriptions and with trickled candidates: browser,
	 * mode, runs, median, min, max, the states seen.
	 */
	static List<List<Object>> ownFailure(int n, List<String> browsers) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (Lab lab = open()) {
			String user = lab.prefix + "own-user";
			String gateway = lab.prefix + "own-gw";
			lab.addNamespace(user);
			lab.addNamespace(gateway);
			lab.mustRun(lab.ip, "-n", user, "link", "add", "u0", "type", "veth", "peer", "name", "g0", "netns", gateway);
			lab.mustRun(lab.ip, "-n", user, "addr", "add", "198.18.140.1/24", "dev", "u0");
			lab.mustRun(lab.ip, "-n", gateway, "addr", "add", "198.18.140.2/24", "dev", "g0");
			for (String[] d : new String[][] { { user, "u0" }, { user, "lo" }, { gateway, "g0" }, { gateway, "lo" } }) {
				lab.mustRun(lab.ip, "-n", d[0], "link", "set", d[1], "up");
			}
			lab.mustRun(lab.ip, "-n", user, "route", "add", "default", "via", "198.18.140.2");
			Path dir = Files.createDirectories(lab.work.resolve("own-failure"));
			Path rules = dir.resolve("drop.nft");
			Files.writeString(rules, ScenarioRun.ruleset(java.util.Map.of("output", "ip daddr 198.18.140.1 drop"))
					+ HeadlessBrowser.GUARD);
			lab.mustRun(lab.ip, "netns", "exec", user, lab.nft, "-f", rules.toString());
			Path log = dir.resolve("page.log");
			Process page = lab.start(lab.inNamespace(user, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx32m", "-XX:+UseSerialGC", "-Dmediapath.lab.run=" + lab.prefix, "-cp", DelayRelay.classpath().toString(),
					"org.mediapath.lab.bench.OwnFailurePage", "8099")), dir, log, log);
			if (!Lab.await(Duration.ofSeconds(30), () -> Lab.read(log).contains("ready") || !page.isAlive()) || !page.isAlive()) {
				throw new IllegalStateException("the page server did not start: " + Lab.read(log));
			}
			for (String browser : browsers) {
			for (String mode : List.of("complete", "trickle")) {
				String reason = HeadlessBrowser.unavailableReason(browser);
				if (reason != null) {
					rows.add(List.of(browser, mode, 0, "-", "-", "-", "not measured: " + reason));
					continue;
				}
				List<Long> millis = new ArrayList<>();
				String states = "";
				for (int i = 0; i < n; i++) {
					int before = results(log).size();
					try (HeadlessBrowser b = HeadlessBrowser.open(lab, browser, user, Files.createDirectories(dir.resolve("run-" + browser + "-" + mode + i)),
							"http://127.0.0.1:8099/?mode=" + mode)) {
						if (!Lab.await(Duration.ofSeconds(75), () -> results(log).size() > before)) {
							throw new IllegalStateException(browser + " gave no result within 75 s: " + b.logTail());
						}
					}
					Matcher m = results(log).get(before);
					if (!m.group(1).equals("failed")) {
						throw new IllegalStateException(browser + " did not fail on a dropped path: " + m.group());
					}
					if (!m.group(3).startsWith(mode + ":")) {
						throw new IllegalStateException(browser + " answered for another mode than " + mode + ": " + m.group());
					}
					millis.add(Long.parseLong(m.group(2)));
					states = m.group(3);
					System.err.println(browser + " own failure run " + (i + 1) + ": " + m.group(2) + " ms (" + m.group(3) + ") " + m.group(4));
				}
				rows.add(List.of(browser, mode, n, median(millis), Collections.min(millis), Collections.max(millis), states));
			}
			}
			lab.kill(page);
			lab.deleteNamespace(user);
			lab.deleteNamespace(gateway);
			List<String> left = lab.leftovers();
			if (!left.isEmpty()) {
				throw new IllegalStateException("left behind: " + left);
			}
		}
		return rows;
	}

	private static List<Matcher> results(Path log) {
		List<Matcher> out = new ArrayList<>();
		for (String line : Lab.read(log).split("\n")) {
			Matcher m = OWN.matcher(line.strip());
			if (m.matches()) {
				out.add(m);
			}
		}
		return out;
	}

	private static Lab open() throws Exception {
		Path jar = Path.of(System.getProperty("mediapath.jar", "../features/console/target/mediapath.jar")).toAbsolutePath();
		Path logging = Path.of(System.getProperty("mediapath.lab.logging", "../features/console/logging.properties")).toAbsolutePath();
		String reason = Lab.unavailableReason(jar);
		if (reason != null) {
			throw new IllegalStateException(reason);
		}
		Lab lab = Lab.start(jar, logging);
		lab.removeStale();
		return lab;
	}

	private static Path scenariosFolder() {
		return Path.of(System.getProperty("mediapath.lab.scenarios", "scenarios"));
	}

	private static String expected(Scenario s) {
		Scenario.Expectation e = s.expect();
		return e.healthy() ? "OK" : e.causes().size() == 1 ? e.causes().get(0) : e.summary();
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
