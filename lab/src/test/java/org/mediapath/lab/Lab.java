package org.mediapath.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one lab run (one JVM) owns: the network namespaces it created and the processes it started, all named with
 * the run's prefix {@code mplab-PID-}. Everything is deleted or killed by {@link ScenarioRun#close()}, by
 * {@link #close()}, and, should the JVM be stopped before that, by a shutdown hook. Only names this run created are
 * deleted and only processes it started are killed (plus namespaces of an earlier lab run whose JVM is gone, see
 * {@link #removeStale()}).
 *
 * <p>Every external program runs with a fixed argument vector, never through a shell, and with a timeout.
 */
final class Lab implements AutoCloseable {

	/** The result of one command. */
	record Result(int exit, String out, String err) {
		boolean ok() {
			return exit == 0;
		}
	}

	static final String NAME_PREFIX = "mplab-";
	private static final Pattern STALE = Pattern.compile("^mplab-(\\d+)-\\S*");
	private static final String[] DIRS = { "/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin" };

	final String prefix;
	final String ip;
	final String nft;
	final String socat;
	final String ss;
	final String sysctl;
	final Path jar;
	final Path logging;
	final Path work;

	private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
	private final List<Process> live = new CopyOnWriteArrayList<>();
	/** Every process this run ever started (pid and start time, so a reused pid is never mistaken for ours). */
	private final Map<Long, Optional<Instant>> started = new ConcurrentHashMap<>();
	private final Thread hook = new Thread(this::cleanUp, "mediapath-lab-cleanup");
	private volatile boolean closed;

	private Lab(Path jar, Path logging) throws IOException {
		this.prefix = NAME_PREFIX + ProcessHandle.current().pid() + "-";
		this.ip = tool("ip");
		this.nft = tool("nft");
		this.socat = tool("socat");
		this.ss = tool("ss");
		this.sysctl = tool("sysctl");
		this.jar = jar;
		this.logging = logging;
		this.work = Files.createTempDirectory(prefix);
		Runtime.getRuntime().addShutdownHook(hook);
	}

	/** Why the lab cannot run here (the reason of a JUnit assumption), or null when it can. */
	static String unavailableReason(Path jar) {
		if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
			return "the scenario lab needs Linux network namespaces";
		}
		if (!isRoot()) {
			return "the scenario lab needs root to create network namespaces";
		}
		for (String[] t : new String[][] { { "ip", "iproute2" }, { "ss", "iproute2" }, { "nft", "nftables" }, { "socat", "socat" },
				{ "sysctl", "procps" } }) {
			if (tool(t[0]) == null) {
				return "'" + t[0] + "' is missing (Debian: apt-get install -y " + t[1] + ")";
			}
		}
		if (!Files.exists(Path.of("/dev/net/tun"))) {
			return "/dev/net/tun is missing (the VPN stand-in is a socat TUN tunnel)";
		}
		if (!Files.isRegularFile(jar)) {
			return jar + " is missing: build features/console first (mvn -B install in the project root)";
		}
		return null;
	}

	static Lab start(Path jar, Path logging) throws IOException {
		return new Lab(jar, logging);
	}

	static String tool(String name) {
		for (String dir : DIRS) {
			Path p = Path.of(dir, name);
			if (Files.isExecutable(p)) {
				return p.toString();
			}
		}
		return null;
	}

	static boolean isRoot() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return line.split("\\s+")[1].equals("0");
				}
			}
		} catch (IOException | RuntimeException e) {
			return false;
		}
		return false;
	}

	// ---- namespaces

	/** Creates the namespace (loopback up) and owns it from then on. */
	void addNamespace(String name) {
		namespaces.add(name);
		mustRun(ip, "netns", "add", name);
		mustRun(ip, "-n", name, "link", "set", "lo", "up");
	}

	void deleteNamespace(String name) {
		Result r = run(Duration.ofSeconds(10), ip, "netns", "del", name);
		if (r.ok() || !namespaceNames().contains(name)) {
			namespaces.remove(name);
		} else {
			System.err.println("mediapath lab: could not delete namespace " + name + ": " + r.err().strip());
		}
	}

	/** The names {@code ip netns list} shows. */
	List<String> namespaceNames() {
		Result r = mustRun(ip, "netns", "list");
		List<String> names = new ArrayList<>();
		for (String line : r.out().split("\n")) {
			if (!line.isBlank()) {
				names.add(line.strip().split("\\s+")[0]);
			}
		}
		return names;
	}

	/**
	 * Deletes namespaces an earlier lab run left behind because its JVM was killed (SIGKILL skips shutdown hooks):
	 * names {@code mplab-PID-...} whose PID no longer runs. Never touches anything else.
	 */
	List<String> removeStale() {
		List<String> removed = new ArrayList<>();
		for (String name : namespaceNames()) {
			Matcher m = STALE.matcher(name);
			if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
				if (run(Duration.ofSeconds(10), ip, "netns", "del", name).ok()) {
					removed.add(name);
				}
			}
		}
		return removed;
	}

	// ---- processes

	/** Runs a command to its end (or kills it at the timeout); output goes to files, so nothing blocks. */
	Result run(Duration timeout, String... command) {
		return run(timeout, List.of(command));
	}

	Result run(Duration timeout, List<String> command) {
		Path out = null;
		Path err = null;
		try {
			out = Files.createTempFile(work, "cmd", ".out");
			err = Files.createTempFile(work, "cmd", ".err");
			Process p = start(command, null, out, err);
			try {
				if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					kill(p);
					return new Result(-1, read(out), "timed out after " + timeout.toMillis() + " ms: " + read(err));
				}
			} catch (InterruptedException e) {
				kill(p);
				Thread.currentThread().interrupt();
				return new Result(-1, read(out), "interrupted: " + read(err));
			}
			live.remove(p);
			return new Result(p.exitValue(), read(out), read(err));
		} catch (IOException e) {
			return new Result(-1, "", "cannot run " + command.get(0) + ": " + e.getMessage());
		} finally {
			deleteQuietly(out);
			deleteQuietly(err);
		}
	}

	Result mustRun(String... command) {
		Result r = run(Duration.ofSeconds(15), command);
		if (!r.ok()) {
			throw new IllegalStateException(String.join(" ", command) + ": exit " + r.exit() + ": " + r.err().strip());
		}
		return r;
	}

	/** Starts a process this run owns (stdin from /dev/null; stdout and stderr to files). */
	Process start(List<String> command, Path directory, Path stdout, Path stderr) throws IOException {
		if (closed) {
			throw new IllegalStateException("the lab is closed");
		}
		ProcessBuilder b = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectOutput(stdout.toFile());
		if (stderr == null || stderr.equals(stdout)) {
			b.redirectErrorStream(true);
		} else {
			b.redirectError(stderr.toFile());
		}
		if (directory != null) {
			b.directory(directory.toFile());
		}
		Process p = b.start();
		live.add(p);
		started.put(p.pid(), p.info().startInstant());
		return p;
	}

	/** Kills a process this run started (and its children), and waits for it to be gone. */
	void kill(Process p) {
		live.remove(p);
		List<ProcessHandle> children = p.descendants().toList();
		p.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!p.waitFor(3, TimeUnit.SECONDS)) {
				p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/** The {@code ip netns exec NS java ... -jar mediapath.jar SUBCOMMAND ARGS} argument vector. */
	/**
	 * The JVM flags {@code ./mediapath} gives short-lived subcommands (see the script): the lab runs {@code diagnose}
	 * as a user's {@code mediapath diagnose} runs. {@code -Dmediapath.lab.cli.flags=} (empty) runs it with the JVM's
	 * defaults instead.
	 */
	static final List<String> CLI_FLAGS = List.of(System.getProperty("mediapath.lab.cli.flags",
			"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").split(" ")).stream().filter(f -> !f.isBlank()).toList();

	List<String> mediapath(String namespace, Path home, String subcommand, List<String> args) {
		List<String> command = new ArrayList<>(List.of(ip, "netns", "exec", namespace,
				Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (subcommand.equals("diagnose")) {
			command.addAll(CLI_FLAGS);
		}
		command.addAll(List.of("-Dmediapath.lab.run=" + prefix,
				"-Djava.util.logging.config.file=" + logging, "-Duser.home=" + home,
				"-Dfelix.fileinstall.dir=" + home.resolve("load"), "-jar", jar.toString(), subcommand));
		command.addAll(args);
		return command;
	}

	// ---- leftovers and cleanup

	/** What of this run is still there: namespaces with its prefix, processes it started, processes naming it. */
	List<String> leftovers() {
		List<String> left = new ArrayList<>();
		for (String name : namespaceNames()) {
			if (name.startsWith(prefix)) {
				left.add("namespace " + name);
			}
		}
		long self = ProcessHandle.current().pid();
		started.forEach((pid, startInstant) -> ProcessHandle.of(pid)
				.filter(h -> h.isAlive() && h.info().startInstant().equals(startInstant))
				.ifPresent(h -> left.add("process " + pid + " " + h.info().commandLine().orElse("?"))));
		ProcessHandle.allProcesses().filter(h -> h.pid() != self && h.isAlive())
				.filter(h -> h.info().commandLine().map(c -> c.contains(prefix)).orElse(false))
				.filter(h -> !started.containsKey(h.pid()))
				.forEach(h -> left.add("process " + h.pid() + " " + h.info().commandLine().orElse("?")));
		return left;
	}

	@Override
	public void close() {
		cleanUp();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		} catch (IllegalStateException shuttingDown) {
			// the hook runs anyway
		}
	}

	private synchronized void cleanUp() {
		closed = true;
		for (Process p : List.copyOf(live)) {
			kill(p);
		}
		for (String name : List.copyOf(namespaces)) {
			deleteNamespace(name);
		}
		deleteTree(work);
	}

	static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (var walk = Files.walk(root)) {
			walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(Lab::deleteQuietly);
		} catch (IOException | RuntimeException ignored) {
			// temporary files only
		}
	}

	static String read(Path file) {
		try {
			return file == null || !Files.exists(file) ? "" : Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			return "";
		}
	}

	static String tail(Path file, int lines) {
		List<String> all = Arrays.asList(read(file).split("\n"));
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	private static void deleteQuietly(Path path) {
		if (path != null) {
			try {
				Files.deleteIfExists(path);
			} catch (IOException ignored) {
				// a temp file; nothing depends on it
			}
		}
	}

	/** Polls until the condition holds or the time is up. */
	static boolean await(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < end) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(50);
		}
		return condition.getAsBoolean();
	}
}
