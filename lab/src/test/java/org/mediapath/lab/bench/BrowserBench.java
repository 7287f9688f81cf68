package org.mediapath.lab.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Not a test: the time to verdict of the test from a user's PC, in real headless browsers, N runs per scenario and
 * browser (each a new invitation and a fresh browser profile on the scenario's network, built once), written as a
 * Markdown table; then the browsers' own ICE failure on a dropped path for comparison. Every run's verdict, cause
 * and run record are checked against the scenario file, so a number never belongs to a wrong answer.
 *
 * <pre>
 * cd lab &amp;&amp; mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:$(cat target/cp.txt) org.mediapath.lab.bench.BrowserBench 5 benchmarks-browser.md \
 *     [browser-healthy,browser-server-drop|- [chromium,firefox [OWN-FAILURE-RUNS]]]
 * </pre>
 *
 * Runs as root (namespaces); {@code -Dmediapath.jar=} names a copy of the jar when others rebuild it meanwhile.
 */
public final class BrowserBench {

	private BrowserBench() {
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		Path out = Path.of(args.length > 1 ? args[1] : "benchmarks-browser.md");
		// "-": no scenario (only the browsers' own failure)
		String named = args.length > 2 ? args[2] : "browser-healthy,browser-server-drop,browser-client-network-drop";
		List<String> scenarios = named.equals("-") ? List.of() : List.of(named.split(","));
		List<String> browsers = List.of((args.length > 3 ? args[3] : "chromium,firefox").split(","));
		int ownRuns = args.length > 4 ? Integer.parseInt(args[4]) : 3;
		// the lab's classes are package-private: reach them through a small bridge in their package
		Class<?> bridge = Class.forName("org.mediapath.lab.BrowserBenchBridge");
		Method measure = bridge.getDeclaredMethod("measure", int.class, List.class, List.class);
		measure.setAccessible(true);
		Method own = bridge.getDeclaredMethod("ownFailure", int.class, List.class);
		own.setAccessible(true);
		@SuppressWarnings("unchecked")
		List<List<Object>> rows = (List<List<Object>>) measure.invoke(null, n, scenarios, browsers);
		@SuppressWarnings("unchecked")
		List<List<Object>> ownRows = ownRuns > 0 ? (List<List<Object>>) own.invoke(null, ownRuns, browsers) : List.of();

		StringBuilder md = new StringBuilder();
		md.append("## Test from a user's PC: time to verdict in the browser\n\n");
		md.append("`org.mediapath.lab.bench.BrowserBench ").append(n).append("` (see `lab/README.md`), ")
				.append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE)).append(", this project's 2-core machine. "
						+ "Each scenario's network is built once; each run: the console (its own namespace) creates an invitation, "
						+ "a fresh headless browser in the user's namespace opens the link, the console waits with "
						+ "`browser-test results --token T --wait 30 --json`. **time to verdict** is the run's own `timeToVerdict` "
						+ "(the responder's clock, from the page's start to its decision); **launch to verdict** runs from the "
						+ "browser's process start (browser start-up and the page's load included) to that decision; **launch to "
						+ "answer** to the console's `results` command returning the report. Every run's verdict, top cause and run "
						+ "record were checked against the scenario file. Targets (issue 12): healthy ≤ 2000 ms, failing ≤ 5000 ms.\n\n");
		md.append("| scenario | browser | expected | runs | time to verdict median ms | max ms | launch to verdict median ms "
				+ "| max ms | launch to answer median ms | target ms |\n");
		md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
		rows.forEach(r -> row(md, r));
		if (!ownRows.isEmpty()) {
			md.append("\nThe browsers' own ICE failure for comparison (`OwnFailurePage`): two RTCPeerConnections of one page "
					+ "connected to each other over a namespace address to which everything is dropped, so that every "
					+ "connectivity check goes unanswered; time from `setRemoteDescription` to `connectionState` \"failed\" "
					+ "(what a softphone's user waits for before the call drops). `complete`: the descriptions exchanged "
					+ "after gathering with every candidate in them (as a softphone and its PBX exchange them over SIP); "
					+ "`trickle`: candidates passed one by one, their end never signalled:\n\n");
			md.append("| browser | candidates | runs | own failure median ms | min ms | max ms | connection states (last run) |\n");
			md.append("|---|---|---:|---:|---:|---:|---|\n");
			ownRows.forEach(r -> row(md, r));
		}
		Files.writeString(out, md.toString());
		System.out.print(md);
	}

	private static void row(StringBuilder md, List<Object> r) {
		md.append("|");
		for (Object cell : r) {
			md.append(' ').append(cell).append(" |");
		}
		md.append('\n');
	}
}
