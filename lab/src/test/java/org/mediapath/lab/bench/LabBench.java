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
		md.append("## Scenario lab: time to verdict\n\n");
		md.append("Each scenario's network is built once; then, in its client namespace, three measurements (")
				.append(n).append(" runs each, this project's 2-core machine shared with other work, ")
				.append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE)).append("):\n\n"
						+ "- **cold CLI**: `java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar mediapath.jar diagnose --json` (the "
						+ "flags `./mediapath` gives short-lived subcommands), process start to exit (JVM start, lean OSGi "
						+ "runtime start, the diagnosis, shutdown); `engine` is the report's own `durationMillis`.\n"
						+ "- **in console**: one runtime started once (`mediapath diagnose-repeat`), idle 3 s like a console that is "
						+ "up, then the same diagnosis through its engine service, timed around the whole command (parse, engine, "
						+ "report) inside that runtime.\n"
						+ "- **ice4j left alone**: the same runtime's full ICE check with the early decision off "
						+ "(`ice.early.failure.millis=0`) and the failure bound lifted to 20 s: when the pairs of an ice4j agent "
						+ "with its default timers (a browser-like agent) have all FAILED; the agent's own FAILED state follows "
						+ "a hard-coded 5 s later (issue 3 Facts); Chrome needs about 15 s.\n\n"
						+ "Media ranges as each scenario file gives them (100-300 ports each in most; the server range swept whole, as "
						+ "`diagnose` does by default, the client range sampled). "
						+ "Every run's exit code, verdict, top cause and JSON contract were checked against the scenario file.\n\n");
		md.append("| scenario | expected | cold CLI median ms | cold CLI max ms | cold engine median ms | in console median ms "
				+ "| in console max ms | in console engine median ms | ICE failure, ice4j left alone | targets ms |\n");
		md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
		for (List<Object> r : rows) {
			md.append("|");
			for (Object cell : r) {
				md.append(' ').append(cell).append(" |");
			}
			md.append('\n');
		}
		Files.writeString(out, md.toString());
		System.out.print(md);
	}
}
