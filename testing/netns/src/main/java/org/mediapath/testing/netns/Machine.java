package org.mediapath.testing.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What this machine offers a namespace test: Linux, root, and the programs it runs. A test asks
 * {@link #unavailableReason} first and turns a reason into a JUnit assumption, so a machine without
 * them reports the test as skipped, never as passed.
 */
public final class Machine {

	/** A program a test runs, and the Debian package that installs it (for the reason text). */
	public record Tool(String name, String debianPackage) {
	}

	public static final Tool IP = new Tool("ip", "iproute2");
	public static final Tool SS = new Tool("ss", "iproute2");
	public static final Tool NFT = new Tool("nft", "nftables");
	public static final Tool SOCAT = new Tool("socat", "socat");
	public static final Tool SYSCTL = new Tool("sysctl", "procps");

	private static final String[] DIRS = { "/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin" };

	private Machine() {
	}

	/**
	 * @param who what needs them, for the reason text ("the scenario lab")
	 * @param tools the programs it runs
	 * @return why {@code who} cannot run here, or {@code null} when it can
	 */
	public static String unavailableReason(String who, Tool... tools) {
		if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
			return who + " needs Linux network namespaces";
		}
		if (!isRoot()) {
			return who + " needs root to create network namespaces (running as " + System.getProperty("user.name") + ")";
		}
		for (Tool tool : tools) {
			if (tool(tool.name()).isEmpty()) {
				return "'" + tool.name() + "' is missing (Debian: apt-get install -y " + tool.debianPackage() + ")";
			}
		}
		return null;
	}

	/** @return whether this process's effective uid is 0 (read from /proc, no program started) */
	public static boolean isRoot() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return line.split("\\s+")[2].equals("0");
				}
			}
		} catch (IOException | RuntimeException notLinux) {
			return false;
		}
		return false;
	}

	/** @return the absolute path of the program in the usual system directories (no PATH lookup) */
	public static Optional<String> tool(String name) {
		for (String dir : DIRS) {
			Path p = Path.of(dir, name);
			if (Files.isExecutable(p)) {
				return Optional.of(p.toString());
			}
		}
		return Optional.empty();
	}

	/** @return the program's path; throws naming the package when it is missing */
	public static String require(Tool tool) {
		return tool(tool.name()).orElseThrow(() -> new IllegalStateException(
				"'" + tool.name() + "' is missing (Debian: apt-get install -y " + tool.debianPackage() + ")"));
	}
}
