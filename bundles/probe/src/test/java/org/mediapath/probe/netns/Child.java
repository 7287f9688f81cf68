package org.mediapath.probe.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM (or any program) in a namespace, its stdout read line by line, stderr kept in a file. */
public final class Child implements AutoCloseable {

	private final Process process;
	private final BufferedReader out;
	private final Path err;

	public Child(List<String> command) throws IOException {
		err = Files.createTempFile("mediapath-child", ".err");
		process = new ProcessBuilder(command).redirectError(err.toFile()).start();
		out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/** Runs a command to its end and returns its stdout lines; throws with its stderr on failure. */
	public static List<String> run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		try (Child c = new Child(command)) {
			c.process.getOutputStream().close();
			List<String> lines = new ArrayList<>();
			Thread reader = new Thread(() -> {
				try {
					for (String line; (line = c.out.readLine()) != null;) {
						synchronized (lines) {
							lines.add(line);
						}
					}
				} catch (IOException ignored) {
					// process ended
				}
			});
			reader.start();
			if (!c.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				throw new IOException("timed out after " + timeoutSeconds + " s: " + command + "\n" + c.stderrTail());
			}
			reader.join(5000);
			if (c.process.exitValue() != 0) {
				throw new IOException("exit " + c.process.exitValue() + ": " + command + "\n" + c.stderrTail());
			}
			synchronized (lines) {
				return List.copyOf(lines);
			}
		}
	}

	/** Reads lines until one starts with the prefix; returns it. */
	public String await(String prefix, int timeoutSeconds) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (System.nanoTime() < deadline) {
			String line = out.readLine();
			if (line == null) {
				break;
			}
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		throw new IOException("no '" + prefix + "' line from the child\n" + stderrTail());
	}

	public long pid() {
		return process.pid();
	}

	public String stderrTail() {
		try {
			List<String> lines = Files.readAllLines(err);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		} catch (IOException e) {
			return "";
		}
	}

	@Override
	public void close() {
		try {
			process.getOutputStream().close();
		} catch (IOException ignored) {
			// gone
		}
		process.destroy();
		try {
			if (!process.waitFor(3, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		try {
			Files.deleteIfExists(err);
		} catch (IOException ignored) {
			// temp dir
		}
	}
}
