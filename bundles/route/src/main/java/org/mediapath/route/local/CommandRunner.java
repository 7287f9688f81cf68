package org.mediapath.route.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs route-table programs: a fixed argument vector (never a shell, never user text), stdin
 * closed, stderr discarded, output capped, and a deadline after which the process is killed. All
 * commands of one inspection start together so their start-up costs overlap; the output is read
 * by polling on the caller's thread, so no thread outlives the call.
 */
public final class CommandRunner {

	/** The largest route table worth reading; a bigger output is not a routing table a person set up. */
	static final int MAX_OUTPUT = 16 * 1024 * 1024;

	/** @param output what the program printed, if it ran and exited 0; @param problem why not, in words */
	public record Result(List<String> command, Optional<String> output, Optional<String> problem) {
	}

	private final Duration timeout;
	private final Charset charset;

	public CommandRunner(Duration timeout) {
		this(timeout, StandardCharsets.UTF_8);
	}

	public CommandRunner(Duration timeout, Charset charset) {
		this.timeout = timeout;
		this.charset = charset;
	}

	/** @return one result per command, in order; never throws for a missing or failing program */
	public List<Result> runAll(List<List<String>> commands) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Process> processes = new ArrayList<>();
		List<String> startProblems = new ArrayList<>();
		for (List<String> command : commands) {
			try {
				Process process = new ProcessBuilder(command).redirectError(Redirect.DISCARD).start();
				process.getOutputStream().close();
				processes.add(process);
				startProblems.add(null);
			} catch (IOException | RuntimeException e) {
				processes.add(null);
				startProblems.add("cannot run " + command.get(0) + " (" + e.getClass().getSimpleName() + ")");
			}
		}
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < commands.size(); i++) {
			Process process = processes.get(i);
			if (process == null) {
				results.add(new Result(commands.get(i), Optional.empty(), Optional.of(startProblems.get(i))));
				continue;
			}
			results.add(collect(commands.get(i), process, deadline));
		}
		return results;
	}

	private Result collect(List<String> command, Process process, long deadline) {
		String name = String.join(" ", command);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = process.getInputStream()) {
			while (true) {
				int available = in.available();
				if (available > 0) {
					int n = in.read(buffer, 0, Math.min(available, buffer.length));
					if (n > 0) {
						out.write(buffer, 0, n);
					}
					if (out.size() > MAX_OUTPUT) {
						process.destroyForcibly();
						return new Result(command, Optional.empty(), Optional.of(name + ": output larger than "
								+ MAX_OUTPUT / (1024 * 1024) + " MB, ignored"));
					}
					continue;
				}
				if (!process.isAlive()) {
					while ((available = in.available()) > 0) {
						int n = in.read(buffer, 0, Math.min(available, buffer.length));
						if (n <= 0) {
							break;
						}
						out.write(buffer, 0, n);
					}
					break;
				}
				if (System.nanoTime() > deadline) {
					process.destroyForcibly();
					return new Result(command, Optional.empty(),
							Optional.of(name + ": no answer within " + timeout.toMillis() + " ms, stopped"));
				}
				process.waitFor(1, TimeUnit.MILLISECONDS);
			}
			int exit = process.waitFor();
			if (exit != 0) {
				return new Result(command, Optional.empty(), Optional.of(name + ": exit code " + exit));
			}
			return new Result(command, Optional.of(out.toString(charset)), Optional.empty());
		} catch (IOException e) {
			process.destroyForcibly();
			return new Result(command, Optional.empty(), Optional.of(name + ": " + e.getClass().getSimpleName()));
		} catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return new Result(command, Optional.empty(), Optional.of(name + ": interrupted"));
		}
	}
}
