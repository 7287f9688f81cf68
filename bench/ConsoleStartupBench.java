import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the standalone console: time from `java -jar` to every bundle ACTIVE (as the Web
 * Console's bundles.json reports it), time to the command line's answer for `--help` (a cold
 * start of the lean runtime), and the jar's size.
 *
 * <p>Run: java bench/ConsoleStartupBench.java features/console/target/mediapath.jar [runs]
 */
public class ConsoleStartupBench {

	private static final Pattern ALL_ACTIVE = Pattern.compile("all (\\d+) bundles active");

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args.length > 0 ? args[0] : "features/console/target/mediapath.jar");
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		List<Long> consoleMillis = new ArrayList<>();
		List<Long> helpMillis = new ArrayList<>();
		List<Long> helpCliFlagsMillis = new ArrayList<>();
		int bundles = 0;
		for (int i = 0; i < runs; i++) {
			Path home = Files.createTempDirectory("mediapath-bench");
			int port = freePort();
			long start = System.nanoTime();
			Process console = java(jar, home, "console", "--port", Integer.toString(port));
			try {
				bundles = awaitAllActive(port, Duration.ofSeconds(60));
				consoleMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			} finally {
				console.destroy();
				console.waitFor(10, TimeUnit.SECONDS);
				console.destroyForcibly();
			}
			start = System.nanoTime();
			Process help = java(jar, home, "--help");
			help.getOutputStream().close();
			help.getInputStream().readAllBytes();
			help.waitFor();
			helpMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			// the same with the flags ./mediapath gives short-lived subcommands
			start = System.nanoTime();
			help = java(jar, home, CLI_FLAGS, "--help");
			help.getOutputStream().close();
			help.getInputStream().readAllBytes();
			help.waitFor();
			helpCliFlagsMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		System.out.printf("jar: %s, %.1f MB%n", jar, Files.size(jar) / 1_000_000.0);
		System.out.printf("console to all %d bundles ACTIVE over %d runs: median %d ms, max %d ms%n", bundles, runs,
				median(consoleMillis), Collections.max(consoleMillis));
		System.out.printf("cold command line (mediapath --help) over %d runs: median %d ms, max %d ms%n", runs,
				median(helpMillis), Collections.max(helpMillis));
		System.out.printf("cold command line (mediapath --help) with %s over %d runs: median %d ms, max %d ms%n", CLI_FLAGS,
				runs, median(helpCliFlagsMillis), Collections.max(helpCliFlagsMillis));
	}

	/** The JVM flags the ./mediapath script gives short-lived subcommands (diagnose, routes, probe, --help ...). */
	private static final List<String> CLI_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static Process java(Path jar, Path home, String... arguments) throws IOException {
		return java(jar, home, List.of(), arguments);
	}

	private static Process java(Path jar, Path home, List<String> jvmFlags, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(jvmFlags);
		command.addAll(List.of("-Duser.home=" + home, "-Dfelix.fileinstall.dir=" + home.resolve("load"), "-jar",
				jar.toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(home.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
	}

	private static int awaitAllActive(int port, Duration timeout) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system/console/bundles.json"))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
				.timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				Matcher matcher = ALL_ACTIVE.matcher(response.body());
				if (response.statusCode() == 200 && matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			} catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("the console did not report all bundles active within " + timeout);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
