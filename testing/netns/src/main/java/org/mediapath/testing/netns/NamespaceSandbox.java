package org.mediapath.testing.netns;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network namespaces and processes one test (or one lab run) owns. They are deleted and killed by
 * {@link #close()} and, should the JVM be stopped before that, by a shutdown hook; only what this
 * sandbox created is ever deleted and only processes it started are ever killed (plus, on request,
 * namespaces of an earlier run whose JVM is gone: {@link #removeStale}).
 *
 * <p>Every external program runs with a fixed argument vector, never through a shell, with stdin from
 * /dev/null, its output in files (so a chatty program never blocks on a full pipe) and a timeout.
 * Addresses are the caller's business: tests use 198.18.0.0/15 only.
 */
public class NamespaceSandbox implements AutoCloseable {

	/** The result of one command. */
	public record Result(int exit, String out, String err) {
		public boolean ok() {
			return exit == 0;
		}
	}

	/** The {@code ip} program every sandbox needs. */
	public final String ip = Machine.require(Machine.IP);

	private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
	private final List<Process> live = new CopyOnWriteArrayList<>();
	/** Every process ever started here (pid and start time, so a reused pid is never mistaken for ours). */
	private final Map<Long, Optional<Instant>> started = new ConcurrentHashMap<>();
	private final List<Runnable> lastly = new CopyOnWriteArrayList<>();
	private final Thread hook;
	private volatile boolean closed;

	/** @param label names the shutdown hook thread, for a thread dump */
	public NamespaceSandbox(String label) {
		hook = new Thread(this::cleanUp, label + "-cleanup");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	// ---- namespaces

	/** Creates the namespace (loopback up) and owns it from then on. */
	public void addNamespace(String name) {
		namespaces.add(name);
		ip("netns", "add", name);
		ip("-n", name, "link", "set", "lo", "up");
	}

	/** Deletes a namespace this sandbox owns (with it go its links, addresses, routes and nft tables). */
	public void deleteNamespace(String name) {
		Result r = run(Duration.ofSeconds(10), ip, "netns", "del", name);
		if (r.ok() || !namespaceNames().contains(name)) {
			namespaces.remove(name);
		} else {
			System.err.println("mediapath test: could not delete namespace " + name + ": " + r.err().strip());
		}
	}

	/** @return the names {@code ip netns list} shows */
	public List<String> namespaceNames() {
		List<String> names = new ArrayList<>();
		for (String line : ip("netns", "list").out().split("\n")) {
			if (!line.isBlank()) {
				names.add(line.strip().split("\\s+")[0]);
			}
		}
		return names;
	}

	/**
	 * Deletes namespaces an earlier run left behind because its JVM was killed (SIGKILL skips shutdown hooks).
	 *
	 * @param ownerPid matches the names of that kind of run, group 1 being the pid of the JVM that made it
	 * @return the names deleted: those whose pid no longer runs
	 */
	public List<String> removeStale(Pattern ownerPid) {
		List<String> removed = new ArrayList<>();
		for (String name : namespaceNames()) {
			Matcher m = ownerPid.matcher(name);
			if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()
					&& run(Duration.ofSeconds(10), ip, "netns", "del", name).ok()) {
				removed.add(name);
			}
		}
		return removed;
	}

	/** @return {@code ip netns exec NAMESPACE COMMAND...}: the command run inside the namespace */
	public List<String> inNamespace(String namespace, List<String> command) {
		List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
		full.addAll(command);
		return full;
	}

	// ---- commands and processes

	/** Runs {@code ip ARGS}; throws with its stderr when it fails. */
	public Result ip(String... args) {
		List<String> command = new ArrayList<>(List.of(ip));
		command.addAll(List.of(args));
		return mustRun(Duration.ofSeconds(15), command);
	}

	/** Runs a command to its end; throws with its stderr when it fails or times out (15 s). */
	public Result mustRun(String... command) {
		return mustRun(Duration.ofSeconds(15), List.of(command));
	}

	/** Runs a command to its end; throws with its stderr when it fails or times out. */
	public Result mustRun(Duration timeout, List<String> command) {
		Result r = run(timeout, command);
		if (!r.ok()) {
			throw new IllegalStateException(String.join(" ", command) + ": exit " + r.exit() + ": " + r.err().strip());
		}
		return r;
	}

	/** Runs a command to its end (or kills it at the timeout); failures are the caller's to judge. */
	public Result run(Duration timeout, String... command) {
		return run(timeout, List.of(command));
	}

	/** Runs a command to its end (or kills it at the timeout); failures are the caller's to judge. */
	public Result run(Duration timeout, List<String> command) {
		Path out = null;
		Path err = null;
		try {
			// In the temp directory, not a test's work folder: the shutdown hook may run after that is gone.
			out = Files.createTempFile("mediapath-test-cmd", ".out");
			err = Files.createTempFile("mediapath-test-cmd", ".err");
			Process p = launch(command, null, out, err);
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

	/**
	 * Starts a long-running process this sandbox owns (stdin from /dev/null; stdout and stderr to files).
	 *
	 * @param directory its working directory, or null for this JVM's
	 * @param stderr null (or stdout) puts both streams in stdout's file
	 */
	public Process start(List<String> command, Path directory, Path stdout, Path stderr) throws IOException {
		if (closed) {
			throw new IllegalStateException("the namespace sandbox is closed");
		}
		return launch(command, directory, stdout, stderr);
	}

	private Process launch(List<String> command, Path directory, Path stdout, Path stderr) throws IOException {
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

	/** Kills a process this sandbox started (and its children), and waits for it to be gone. */
	public void kill(Process p) {
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

	/** @return "process PID COMMAND" for each process this sandbox started that still runs */
	public List<String> processesStillRunning() {
		List<String> running = new ArrayList<>();
		started.forEach((pid, startInstant) -> ProcessHandle.of(pid)
				.filter(h -> h.isAlive() && h.info().startInstant().equals(startInstant))
				.ifPresent(h -> running.add("process " + pid + " " + h.info().commandLine().orElse("?"))));
		return running;
	}

	/** @return whether the pid is one of the processes this sandbox started */
	public boolean startedHere(long pid) {
		return started.containsKey(pid);
	}

	// ---- cleanup

	/** Runs after the processes are killed and the namespaces deleted, in close() or the shutdown hook. */
	public void lastly(Runnable cleanup) {
		lastly.add(cleanup);
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
		for (Runnable cleanup : lastly) {
			try {
				cleanup.run();
			} catch (RuntimeException e) {
				System.err.println("mediapath test: cleanup failed: " + e);
			}
		}
		lastly.clear();
	}

	// ---- small helpers the tests share

	/** Polls every 50 ms until the condition holds or the time is up. */
	public static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < end) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(50);
		}
		return condition.getAsBoolean();
	}

	/** @return the file's text, or "" when it is missing or unreadable (logs of processes that may not have started) */
	public static String read(Path file) {
		try {
			return file == null || !Files.exists(file) ? "" : Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			return "";
		}
	}

	/** Deletes a folder of temporary files, deepest first; what cannot be deleted is left. */
	public static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (var walk = Files.walk(root)) {
			walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(NamespaceSandbox::deleteQuietly);
		} catch (IOException | RuntimeException ignored) {
			// temporary files only
		}
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
}
