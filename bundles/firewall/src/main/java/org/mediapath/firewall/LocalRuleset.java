package org.mediapath.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads this host's ruleset on Linux: {@code nft -j list ruleset}, else {@code iptables-save}; a
 * fixed argument vector (never a shell, never user text), stdin closed, output capped, a deadline.
 * Reading the kernel's ruleset needs CAP_NET_ADMIN; without it the warning says so.
 */
public final class LocalRuleset {

	/** What was read, or why nothing was. */
	public record Read(Optional<String> text, List<String> warnings) {
	}

	private static final int MAX_OUTPUT = 32 * 1024 * 1024;
	private static final List<String> DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

	private final Duration timeout;

	public LocalRuleset(Duration timeout) {
		this.timeout = timeout;
	}

	public Read read() {
		List<String> warnings = new ArrayList<>();
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
			warnings.add("this host's own ruleset is read on Linux only; paste the firewall's output instead");
			return new Read(Optional.empty(), warnings);
		}
		Optional<String> nft = program("nft");
		if (nft.isPresent()) {
			Optional<String> out = run(List.of(nft.get(), "-j", "list", "ruleset"), warnings);
			if (out.isPresent() && out.get().contains("\"nftables\"")) {
				return new Read(out, warnings);
			}
		}
		Optional<String> iptables = program("iptables-save");
		if (iptables.isPresent()) {
			Optional<String> out = run(List.of(iptables.get()), warnings);
			if (out.isPresent()) {
				return new Read(out, warnings);
			}
		}
		if (nft.isEmpty() && iptables.isEmpty()) {
			warnings.add("neither nft nor iptables-save is installed, so this host's ruleset cannot be read");
		}
		return new Read(Optional.empty(), warnings);
	}

	private static Optional<String> program(String name) {
		for (String directory : DIRECTORIES) {
			Path path = Path.of(directory, name);
			if (Files.isExecutable(path)) {
				return Optional.of(path.toString());
			}
		}
		return Optional.empty();
	}

	private Optional<String> run(List<String> command, List<String> warnings) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectError(Redirect.DISCARD).start();
			process.getOutputStream().close();
		} catch (IOException e) {
			warnings.add("cannot run " + command.get(0) + " (" + e.getClass().getSimpleName() + ")");
			return Optional.empty();
		}
		CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
			try (InputStream in = process.getInputStream()) {
				return in.readNBytes(MAX_OUTPUT);
			} catch (IOException e) {
				return new byte[0];
			}
		});
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				warnings.add(String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms");
				return Optional.empty();
			}
			byte[] bytes = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (process.exitValue() != 0) {
				warnings.add(String.join(" ", command) + " failed (exit " + process.exitValue()
						+ "; reading the ruleset needs root or CAP_NET_ADMIN)");
				return Optional.empty();
			}
			return Optional.of(new String(bytes, StandardCharsets.UTF_8));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return Optional.empty();
		} catch (Exception e) {
			process.destroyForcibly();
			warnings.add(String.join(" ", command) + ": output not read (" + e.getClass().getSimpleName() + ")");
			return Optional.empty();
		}
	}
}
