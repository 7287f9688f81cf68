package org.mediapath.lab.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Not a test: the time to verdict of every lab scenario from a cold command line ({@code java -jar mediapath.jar
 * diagnose --json} in the client namespace: JVM start, OSGi start, the diagnosis, shutdown), N runs each, median and
 * max, written as a Markdown table. Each scenario's network is built once and torn down afterwards, exactly as the
 * lab does it; every run's verdict is checked against the scenario file, so a number never belongs to a wrong answer.
 *
 * <pre>
 * cd lab &amp;&amp; mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:$(cat target/cp.txt) org.mediapath.lab.bench.LabBench 5 benchmarks-lab.md [scenario,...]
 * </pre>
 *
 * Runs as root (namespaces); system properties {@code mediapath.jar}, {@code mediapath.lab.scenarios} and
 * {@code mediapath.lab.logging} default to the paths relative to {@code lab/}.
 */
public final class LabBench {

	private LabBench() {
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		Path out = Path.of(args.length > 1 ? args[1] : "benchmarks-lab.md");
		List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
		// the lab's classes are package-private: reach them through a small bridge in their package
		Class<?> bridge = Class.forName("org.mediapath.lab.BenchBridge");
		Method measure = bridge.getDeclaredMethod("measure", int.class, List.class);
		measure.setAccessible(true);
		@SuppressWarnings("unchecked")
		List<List<Object>> rows = (List<List<Object>>) measure.invoke(null, n, only);

		StringBuilder md = new StringBuilder();
		md.append("## Scenario lab: time to verdict, cold command line\n\n");
		md.append("`java -jar mediapath.jar diagnose --json` inside the client namespace of each lab scenario (JVM start, "
				+ "lean OSGi runtime start, the diagnosis, shutdown), measured from process start to exit; ")
				.append(n).append(" runs per scenario on this project's 2-core machine, ")
				.append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE)).append(". Media ranges: server 30000-30099, "
						+ "client 50000-50099 (`udp.sweep.mode` SAMPLE, 64 probes each way). `durationMillis` is the engine's own "
						+ "figure (the diagnosis without JVM/OSGi start). Every run's exit code, verdict and top cause were checked "
						+ "against the scenario file.\n\n");
		md.append("| scenario | expected | cold CLI median ms | cold CLI max ms | engine durationMillis median | target (cold CLI) |\n");
		md.append("|---|---|---:|---:|---:|---|\n");
		for (List<Object> r : rows) {
			md.append("| ").append(r.get(0)).append(" | ").append(r.get(1)).append(" | ").append(r.get(2)).append(" | ")
					.append(r.get(3)).append(" | ").append(r.get(4)).append(" | ").append(r.get(5)).append(" |\n");
		}
		md.append("\nBrowser comparison: Chrome declares ICE failed after about 15 s (its documented consent/check timeout; "
				+ "the reference article says the caller hears ringback meanwhile), so every failing scenario is a verdict "
				+ "ahead of the browser. Not measured here: a diagnosis inside an already running console (Gogo / the engine "
				+ "service) and an ice4j default-settings agent in the same scenarios.\n");
		Files.writeString(out, md.toString());
		System.out.print(md);
	}
}
