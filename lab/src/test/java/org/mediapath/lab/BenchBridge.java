package org.mediapath.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

/** The lab's scenario runner for {@code bench.LabBench} (which lives in its own package, as the brief asks). */
final class BenchBridge {

	private BenchBridge() {
	}

	/**
	 * One row per scenario: name, expected, cold median, cold max, cold engine median, in-console median, in-console
	 * max, in-console engine median, ICE failure of ice4j left alone, target.
	 */
	static List<List<Object>> measure(int n, List<String> only) throws Exception {
		Path jar = Path.of(System.getProperty("mediapath.jar", "../features/console/target/mediapath.jar")).toAbsolutePath();
		Path scenarios = Path.of(System.getProperty("mediapath.lab.scenarios", "scenarios"));
		Path logging = Path.of(System.getProperty("mediapath.lab.logging", "../features/console/logging.properties")).toAbsolutePath();
		String reason = Lab.unavailableReason(jar);
		if (reason != null) {
			throw new IllegalStateException(reason);
		}
		List<List<Object>> rows = new ArrayList<>();
		try (Lab lab = Lab.start(jar, logging)) {
			lab.removeStale();
			int index = 0;
			for (Path f : Scenario.files(scenarios)) {
				Scenario s = Scenario.load(f);
				if ((!only.isEmpty() && !only.contains(s.name())) || s.browser() != null) {
					continue; // a test from a user's PC is measured by bench.BrowserBench
				}
				Scenario.Expectation expect = s.expect();
				String expected = expect.healthy() ? "OK (exit 0)"
						: expect.verdicts().equals(List.of("FAILED")) && expect.causes().size() == 1 ? expect.causes().get(0)
								: expect.summary();
				String target = expect.healthy() ? "cold <= 2500, console <= 500" : "cold <= 5000, console <= 3000";
				if (s.knownBug() != null && !only.contains(s.name())) {
					rows.add(List.of(s.name(), expected, "-", "-", "-", "-", "-", "-", "-", "not measured: known product bug"));
					continue;
				}
				List<Long> wall = new ArrayList<>();
				List<Long> engine = new ArrayList<>();
				List<Long> console = new ArrayList<>();
				List<Long> consoleEngine = new ArrayList<>();
				String browserLike = "-";
				try (ScenarioRun run = new ScenarioRun(lab, s, ++index)) {
					run.setUp();
					for (int i = 0; i < n; i++) {
						ScenarioRun.Outcome o = run.diagnose();
						JsonObject report = Verdict.check(s, o, "");
						wall.add(o.wallMillis());
						engine.add(report.get("durationMillis").getAsLong());
						System.err.println(s.name() + " cold run " + (i + 1) + ": " + o.wallMillis() + " ms");
					}
					// in an already running runtime: started once, idle for 3 s (as a console that is up), then n runs
					for (ScenarioRun.Outcome o : run.diagnoseRepeat(n, 3000, Map.of())) {
						JsonObject report = Verdict.check(s, o, " (in-console run)");
						console.add(o.wallMillis());
						consoleEngine.add(report.get("durationMillis").getAsLong());
						System.err.println(s.name() + " in-console run: " + o.wallMillis() + " ms");
					}
					// a browser-like ICE agent: ice4j's own failure time, no early decision, bound lifted to 20 s
					if (!expect.healthy()) {
						ScenarioRun.Outcome o = run.diagnoseRepeat(1, 8000, Map.of(
								"org.mediapath.probe", "ice.early.failure.millis=0\n",
								"org.mediapath.diagnosis.checks", "ice.failure.bound.millis=20000\n")).get(0);
						browserLike = iceElapsed(o.stdout());
						if (o.stdout().contains("decided after")) {
							browserLike = "not measured (the configuration came too late: " + browserLike + ")";
						}
						System.err.println(s.name() + " ice4j defaults: " + browserLike + " " + o.stdout().replaceAll(
								".*(\"states\" *: *\\[[^\\]]*\\]).*", "$1"));
					}
				}
				rows.add(List.of(s.name(), expected, median(wall), Collections.max(wall), median(engine), median(console),
						Collections.max(console), median(consoleEngine), browserLike, target));
			}
			List<String> left = lab.leftovers();
			if (!left.isEmpty()) {
				throw new IllegalStateException("left behind: " + left);
			}
		}
		return rows;
	}

	/** The ICE check's outcome and time from a report: e.g. "FAILED 11270 ms", or what it said instead. */
	private static String iceElapsed(String json) {
		JsonObject report = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
		String found = "ICE not run";
		for (var c : report.getAsJsonArray("checks")) {
			JsonObject check = c.getAsJsonObject();
			String id = check.get("id").getAsString();
			if (!id.equals("ice") && !id.equals("peer")) {
				continue;
			}
			JsonObject m = check.has("measurements") ? check.getAsJsonObject("measurements") : new JsonObject();
			if (m.has("elapsedMillis") && m.has("outcome")) {
				String text = id + " " + m.get("outcome").getAsString() + " " + m.get("elapsedMillis").getAsLong() + " ms";
				if (!m.get("outcome").getAsString().equals("CONNECTED")) {
					return text; // the failing exchange is the one a browser would wait for
				}
				found = text;
			}
		}
		return found;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
