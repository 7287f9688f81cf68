package org.mediapath.foreignhost;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Felix console that is not ours: Felix's own launcher ({@code org.apache.felix.main}, no Gogo)
 * started as {@code java -jar} in a directory of its own, with a {@code config.properties} that
 * starts the host's logging at start level 1 and its services at level 2, from jars copied out of
 * Maven Central by the build. Nothing of mediapath is in it until a test installs it. Closing the
 * host stops its JVM.
 */
final class ForeignHost implements AutoCloseable {

	/**
	 * What a host is made of.
	 *
	 * @param name a folder name for its files
	 * @param logging the jars started at level 1 (SPI Fly, SLF4J and a provider)
	 * @param services the jars started at level 2
	 * @param ownProperties framework properties the host sets for itself
	 */
	record Recipe(String name, Path logging, Path services, Map<String, String> ownProperties) {

		@Override
		public String toString() {
			return name;
		}
	}

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	final WebConsole console;
	final Path directory;
	private final Process process;
	private final Path log;
	/** Stops the host's JVM should the test's JVM end without closing it. */
	private final Thread reaper;

	private ForeignHost(Process process, Path directory, Path log, WebConsole console) {
		this.process = process;
		this.directory = directory;
		this.log = log;
		this.console = console;
		this.reaper = new Thread(process::destroyForcibly, "foreign-host-reaper");
		Runtime.getRuntime().addShutdownHook(reaper);
	}

	static ForeignHost start(Path hostFiles, Recipe recipe) throws Exception {
		Path directory = hostFiles.getParent().resolve("hosts").resolve(recipe.name());
		deleteRecursively(directory);
		Files.createDirectories(directory);
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Map<String, String> config = new LinkedHashMap<>();
		config.put("org.osgi.framework.storage", directory.resolve("felix-cache").toString());
		config.put("org.osgi.framework.storage.clean", "onFirstInit");
		config.put("org.osgi.framework.startlevel.beginning", "2");
		config.put("felix.startlevel.bundle", "2");
		config.put("felix.auto.start.1", urls(recipe.logging()));
		config.put("felix.auto.start.2", urls(recipe.services()));
		config.put("org.osgi.service.http.port", Integer.toString(port));
		config.put("org.apache.felix.http.host", "127.0.0.1");
		config.putAll(recipe.ownProperties());
		Path properties = directory.resolve("config.properties");
		Files.writeString(properties, config.entrySet().stream().map(e -> e.getKey() + "=" + escape(e.getValue()))
				.collect(Collectors.joining("\n", "", "\n")), StandardCharsets.ISO_8859_1);

		Path launcher;
		try (Stream<Path> jars = Files.list(hostFiles.resolve("launcher"))) {
			launcher = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
		}
		Path log = directory.resolve("host.log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dfelix.config.properties=" + properties.toUri(), "-jar", launcher.toString()));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
		ForeignHost host = new ForeignHost(process, directory, log, new WebConsole(port));
		try {
			host.console.awaitAllActive(START_TIMEOUT, () -> host.describe());
		} catch (Throwable e) {
			host.close();
			throw e;
		}
		return host;
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** The host's output so far, for assertion messages. */
	String describe() {
		try {
			String text = Files.readString(log, StandardCharsets.UTF_8);
			return "host " + directory + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
					+ ", last output:\n" + text.substring(Math.max(0, text.length() - 4000));
		} catch (IOException e) {
			return "host " + directory + ": " + e;
		}
	}

	/** Stops the host as its init system would (SIGTERM: Felix's shutdown hook stops the bundles). */
	@Override
	public void close() throws InterruptedException {
		try {
			Runtime.getRuntime().removeShutdownHook(reaper);
		} catch (IllegalStateException shuttingDown) {
			// the hook runs anyway
		}
		process.destroy();
		if (!process.waitFor(15, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
		}
	}

	private static String urls(Path folder) throws IOException {
		try (Stream<Path> jars = Files.list(folder)) {
			// Felix starts the bundles of a level in install order: SPI Fly before what it weaves.
			return jars.filter(p -> p.toString().endsWith(".jar")).sorted(ForeignHost::installOrder)
					.map(p -> p.toUri().toString()).collect(Collectors.joining(" "));
		}
	}

	/** asm, then SPI Fly, then the SLF4J API, then everything else by name. */
	private static int installOrder(Path a, Path b) {
		return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b))
				: a.getFileName().compareTo(b.getFileName());
	}

	private static int rank(Path jar) {
		String name = jar.getFileName().toString();
		return name.startsWith("asm") ? 0 : name.contains("spifly") ? 1 : name.startsWith("slf4j-api") ? 2 : 3;
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\");
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
				Files.delete(path);
			}
		}
	}
}
