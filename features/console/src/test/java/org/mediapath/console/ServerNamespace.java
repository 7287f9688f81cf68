package org.mediapath.console;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in PBX server in a network namespace of its own, reached from the console (in the root
 * namespace) over a veth pair: a TCP signalling listener ({@code socat}), a {@code mediapath
 * responder} run from the console jar, and, on request, an nft table in that namespace that drops
 * the UDP media range, as a server's firewall would.
 *
 * <p>Names carry this JVM's pid ({@code mpb-PID}, veth {@code mpbPIDh}/{@code mpbPIDs}) and the
 * /30 is derived from it inside 198.19.0.0/16 (part of 198.18.0.0/15, the benchmarking range), so
 * two builds on one machine do not meet. Nothing is ever sent outside that /30. {@link #close()}
 * (and a shutdown hook, should the JVM be stopped first) kills the processes and deletes the
 * namespace, which takes the veth pair and the nft table with it. Namespaces of an earlier run
 * whose JVM was killed are deleted on the next start. Every program runs with a fixed argument
 * vector, never through a shell.
 */
final class ServerNamespace implements AutoCloseable {

	static final int SIGNALLING_PORT = 2230;
	static final int CONTROL_PORT = 2231;
	private static final Pattern OURS = Pattern.compile("^mpb-(\\d+)$");
	private static final String[] DIRS = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };

	final String name;
	final String hostAddress;
	final String serverAddress;
	final Path secretFile;
	private final String hostDevice;
	private final Path work;
	private final String ip = tool("ip");
	private final List<Process> processes = new CopyOnWriteArrayList<>();
	private final Thread hook = new Thread(this::cleanUp, "mediapath-namespace-cleanup");
	private boolean created;

	/** Why the namespace cannot be built here (the reason of a JUnit assumption), or null when it can. */
	static String unavailableReason() {
		if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
			return "the blocked-range browser test needs Linux network namespaces";
		}
		if (!isRoot()) {
			return "the blocked-range browser test needs root to create a network namespace";
		}
		for (String[] t : new String[][] { { "ip", "iproute2" }, { "nft", "nftables" }, { "socat", "socat" } }) {
			if (tool(t[0]) == null) {
				return "'" + t[0] + "' is missing (Debian: apt-get install -y " + t[1] + ")";
			}
		}
		return null;
	}

	private ServerNamespace(Path work) throws IOException {
		long pid = ProcessHandle.current().pid();
		this.name = "mpb-" + pid;
		this.hostDevice = "mpb" + pid + "h";
		int block = (int) (pid % 16384); // one of the 16384 /30s of 198.19.0.0/16
		String prefix = "198.19." + (block / 64) + ".";
		this.hostAddress = prefix + ((block % 64) * 4 + 1);
		this.serverAddress = prefix + ((block % 64) * 4 + 2);
		this.work = Files.createDirectories(work);
		this.secretFile = work.resolve("responder.secret");
		Files.writeString(secretFile, "mediapath-browser-test-" + pid + "\n", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
	}

	/**
	 * Builds the namespace and the link and starts the signalling listener and the responder
	 * (server media ports {@code udpPorts}); returns once both answer.
	 */
	static ServerNamespace start(Path work, String udpPorts) throws IOException, InterruptedException {
		ServerNamespace ns = new ServerNamespace(work);
		Runtime.getRuntime().addShutdownHook(ns.hook);
		try {
			ns.removeStale();
			ns.build();
			ns.startServers(udpPorts);
			return ns;
		} catch (IOException | InterruptedException | RuntimeException | Error e) {
			ns.close();
			throw e;
		}
	}

	private void build() {
		created = true;
		mustRun(ip, "netns", "add", name);
		mustRun(ip, "-n", name, "link", "set", "lo", "up");
		String inside = "mpb" + ProcessHandle.current().pid() + "s";
		mustRun(ip, "link", "add", hostDevice, "type", "veth", "peer", "name", inside, "netns", name);
		mustRun(ip, "addr", "add", hostAddress + "/30", "dev", hostDevice);
		mustRun(ip, "link", "set", hostDevice, "up");
		mustRun(ip, "-n", name, "addr", "add", serverAddress + "/30", "dev", inside);
		mustRun(ip, "-n", name, "link", "set", inside, "up");
	}

	private void startServers(String udpPorts) throws IOException, InterruptedException {
		Path signallingLog = work.resolve("signalling.log");
		start(List.of(ip, "netns", "exec", name, tool("socat"), "-lf", signallingLog.toString(),
				"TCP-LISTEN:" + SIGNALLING_PORT + ",bind=" + serverAddress + ",fork,reuseaddr", "EXEC:/bin/cat"),
				signallingLog);
		Path home = Files.createDirectories(work.resolve("responder-home"));
		Path responderLog = work.resolve("responder.log");
		List<String> responder = new ArrayList<>(List.of(ip, "netns", "exec", name));
		responder.addAll(MediapathJar.command(home, "responder", "--bind", serverAddress, "--udp-ports", udpPorts,
				"--control-port", Integer.toString(CONTROL_PORT), "--secret-file", secretFile.toString()));
		Process p = start(responder, responderLog);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!(read(responderLog).contains("mediapath responder:") && accepts(SIGNALLING_PORT) && accepts(CONTROL_PORT))) {
			if (!p.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("the responder or the signalling listener in " + name
						+ " did not start:\n" + read(responderLog) + "\n" + read(signallingLog));
			}
			Thread.sleep(100);
		}
	}

	/** The server's firewall: an nft table in the namespace that drops UDP to {@code ports} (FIRST-LAST). */
	void dropUdp(String ports) throws IOException {
		Path rules = work.resolve("drop-media.nft");
		Files.writeString(rules, "table ip mediapath_browser_test {\n\tchain input {\n"
				+ "\t\ttype filter hook input priority 0; policy accept;\n\t\tudp dport " + ports + " drop\n\t}\n}\n");
		mustRun(ip, "netns", "exec", name, tool("nft"), "-f", rules.toString());
	}

	String responder() {
		return serverAddress + ":" + CONTROL_PORT;
	}

	String logs() {
		return "--- responder.log\n" + read(work.resolve("responder.log")) + "\n--- signalling.log\n"
				+ read(work.resolve("signalling.log"));
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
		for (Process p : processes) {
			p.destroy();
		}
		for (Process p : processes) {
			try {
				if (!p.waitFor(5, TimeUnit.SECONDS)) {
					p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			} catch (InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		processes.clear();
		if (created) {
			// The veth pair goes with the namespace; the host end is deleted by name in case the namespace is gone.
			run(ip, "netns", "del", name);
			run(ip, "link", "del", hostDevice);
			created = false;
		}
	}

	/** Namespaces {@code mpb-PID} of an earlier run whose JVM was killed before it could clean up. */
	private void removeStale() {
		for (String line : run(ip, "netns", "list").split("\n")) {
			String ns = line.strip().split("\\s+")[0];
			Matcher m = OURS.matcher(ns);
			if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
				run(ip, "netns", "del", ns);
			}
		}
	}

	private boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(serverAddress, port), 200);
			return true;
		} catch (IOException notYet) {
			return false;
		}
	}

	private Process start(List<String> command, Path log) throws IOException {
		Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		processes.add(p);
		return p;
	}

	private void mustRun(String... command) {
		StringBuilder out = new StringBuilder();
		int exit = run(out, command);
		if (exit != 0) {
			throw new IllegalStateException(String.join(" ", command) + ": exit " + exit + ": " + out.toString().strip());
		}
	}

	/** @return what the command printed; failures are the caller's to judge */
	private String run(String... command) {
		StringBuilder out = new StringBuilder();
		run(out, command);
		return out.toString();
	}

	private int run(StringBuilder out, String... command) {
		try {
			Path log = Files.createTempFile("mediapath-browser-test-", ".out"); // not in work: the hook may run after it is gone
			try {
				Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
						.redirectErrorStream(true).redirectOutput(log.toFile()).start();
				if (!p.waitFor(15, TimeUnit.SECONDS)) {
					p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					out.append("timed out after 15 s: ").append(read(log));
					return -1;
				}
				out.append(read(log));
				return p.exitValue();
			} finally {
				Files.deleteIfExists(log);
			}
		} catch (IOException e) {
			out.append("cannot run ").append(command[0]).append(": ").append(e.getMessage());
			return -1;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			out.append("interrupted");
			return -1;
		}
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		} catch (IOException e) {
			return "(unreadable: " + e.getMessage() + ")";
		}
	}

	private static boolean isRoot() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
					.anyMatch(l -> l.split("\\s+")[1].equals("0"));
		} catch (IOException | RuntimeException e) {
			return false;
		}
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
}
