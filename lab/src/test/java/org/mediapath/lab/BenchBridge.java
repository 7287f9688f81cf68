package org.mediapath.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.gson.JsonObject;

/** The lab's scenario runner for {@code bench.LabBench} (which lives in its own package, as the brief asks). */
final class BenchBridge {

	private BenchBridge() {
	}

	/** One row per scenario: name, expected, cold median, cold max, engine median, target. */
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
				if (!only.isEmpty() && !only.contains(s.name())) {
					continue;
				}
				String expected = s.expectCause() == null ? "OK (exit 0)" : s.expectCause();
				String target = s.expectCause() == null ? "healthy <= 2500 ms" : "failing <= 5000 ms";
				if (s.knownBug() != null && !only.contains(s.name())) {
					rows.add(List.of(s.name(), expected, "-", "-", "-", "not measured: known product bug"));
					continue;
				}
				List<Long> wall = new ArrayList<>();
				List<Long> engine = new ArrayList<>();
				try (ScenarioRun run = new ScenarioRun(lab, s, ++index)) {
					run.setUp();
					for (int i = 0; i < n; i++) {
						ScenarioRun.Outcome o = run.diagnose();
						JsonObject report = Verdict.check(s, o, "");
						wall.add(o.wallMillis());
						engine.add(report.get("durationMillis").getAsLong());
						System.err.println(s.name() + " run " + (i + 1) + ": " + o.wallMillis() + " ms");
					}
				}
				rows.add(List.of(s.name(), expected, median(wall), Collections.max(wall), median(engine), target));
			}
			List<String> left = lab.leftovers();
			if (!left.isEmpty()) {
				throw new IllegalStateException("left behind: " + left);
			}
		}
		return rows;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
