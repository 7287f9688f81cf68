package org.mediapath.route.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Linux network namespaces a test creates for itself and always deletes: in {@link #close()}, and, should the JVM
 * be stopped before that, in a shutdown hook. Every external program runs with a fixed argument vector (never a
 * shell) and a timeout. Only names this instance created are ever deleted, and only processes it started are
 * ever killed.
 */
final class NamespaceLab implements AutoCloseable {

	/** The result of one command. */
	record Result(int exit, String out, String err) {
		boolean ok() {
			return exit == 0;
		}
	}

	private final String ip;
	private final List<String> namespaces = new ArrayList<>();
	private final Map<String, Process> daemons = new ConcurrentHashMap<>();
	private final Thread hook = new Thread(this::cleanUp, "namespace-lab-cleanup");
	private boolean closed;

	NamespaceLab(String ip) {
		this.ip = ip;
		Runtime.getRuntime().addShutdownHook(hook);
	}

	/** @return the absolute path of the first of the candidates that is executable */
	static Optional<String> find(String... candidates) {
		for (String c : candidates) {
			if (Files.isExecutable(Path.of(c))) {
				return Optional.of(c);
			}
		}
		return Optional.empty();
	}

	/** @return whether this process runs as uid 0 (read from /proc, no program started) */
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

	/** Creates a namespace (with lo up) that this lab will delete. */
	Result addNamespace(String name) {
		Result r = run(Duration.ofSeconds(10), ip, "netns", "add", name);
		if (r.ok()) {
			synchronized (namespaces) {
				namespaces.add(name);
			}
			mustRun(ip, "-n", name, "link", "set", "lo", "up");
		}
		return r;
	}

	/** Runs {@code ip} with these arguments and fails the caller with its stderr when it exits non-zero. */
	Result ip(String... args) {
		List<String> command = new ArrayList<>();
		command.add(ip);
		command.addAll(List.of(args));
		return mustRun(command.toArray(String[]::new));
	}

	Result mustRun(String... command) {
		Result r = run(Duration.ofSeconds(10), command);
		if (!r.ok()) {
			throw new IllegalStateException(String.join(" ", command) + ": exit " + r.exit() + ": " + r.err().strip());
		}
		return r;
	}

	/** Runs a command to its end (or kills it at the timeout); stdout and stderr go to files, so nothing blocks. */
	Result run(Duration timeout, String... command) {
		Path out = null;
		Path err = null;
		try {
			out = Files.createTempFile("mpr-lab", ".out");
			err = Files.createTempFile("mpr-lab", ".err");
			Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
					.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
						"timed out after " + timeout.toMillis() + " ms: " + Files.readString(err, StandardCharsets.UTF_8));
			}
			return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		} catch (IOException e) {
			return new Result(-1, "", "cannot run " + command[0] + ": " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Result(-1, "", "interrupted");
		} finally {
			deleteQuietly(out);
			deleteQuietly(err);
		}
	}

	/** Starts a long-running program inside a namespace ({@code ip netns exec} execs it, so the pid is the program's). */
	Process startIn(String namespace, String key, Path log, String... command) throws IOException {
		List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
		full.addAll(List.of(command));
		Process p = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.redirectOutput(log.toFile()).redirectErrorStream(true).start();
		daemons.put(key, p);
		return p;
	}

	/** Kills a program this lab started and waits for it to be gone. */
	void stop(String key) {
		Process p = daemons.remove(key);
		if (p != null) {
			kill(p);
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
		if (closed) {
			return;
		}
		closed = true;
		daemons.values().forEach(NamespaceLab::kill);
		daemons.clear();
		List<String> names;
		synchronized (namespaces) {
			names = List.copyOf(namespaces);
			namespaces.clear();
		}
		for (String name : names) {
			Result r = run(Duration.ofSeconds(10), ip, "netns", "del", name);
			if (!r.ok()) {
				System.err.println("NamespaceLab: could not delete namespace " + name + ": " + r.err().strip());
			}
		}
	}

	private static void kill(Process p) {
		p.descendants().forEach(ProcessHandle::destroyForcibly);
		p.destroy();
		try {
			if (!p.waitFor(2, TimeUnit.SECONDS)) {
				p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
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
