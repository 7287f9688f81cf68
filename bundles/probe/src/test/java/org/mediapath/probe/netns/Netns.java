package org.mediapath.probe.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Linux network namespaces for tests and benches: a client and a server namespace joined by a
 * veth pair on 198.18.1.0/24 (198.18.0.0/15 is the benchmarking range; nothing else is ever
 * addressed). Every command runs with a fixed argument vector and a timeout, never through a
 * shell. Namespaces are deleted by {@link #close()} and, should the JVM die first, by a shutdown
 * hook.
 */
public final class Netns implements AutoCloseable {

	public static final String CLIENT_ADDRESS = "198.18.1.1";
	public static final String SERVER_ADDRESS = "198.18.1.2";

	private static final AtomicInteger COUNTER = new AtomicInteger();
	private static final List<String> LIVE = new CopyOnWriteArrayList<>();
	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Netns::deleteQuietly), "netns-cleanup"));
	}

	public final String client;
	public final String server;

	private Netns(String client, String server) {
		this.client = client;
		this.server = server;
	}

	/** Why namespaces cannot be used here, or null when they can. */
	public static String unavailableReason() {
		if (!isRoot()) {
			return "network-namespace tests need root (running as " + System.getProperty("user.name") + ")";
		}
		for (String tool : new String[] { "ip", "nft" }) {
			if (tool(tool) == null) {
				return "'" + tool + "' is not installed (Debian: apt-get install -y iproute2 nftables)";
			}
		}
		return null;
	}

	static boolean isRoot() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return line.split("\\s+")[2].equals("0"); // the effective uid
				}
			}
		} catch (IOException | RuntimeException e) {
			// not Linux
		}
		return false;
	}

	public static String tool(String name) {
		for (String dir : new String[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }) {
			Path p = Path.of(dir, name);
			if (Files.isExecutable(p)) {
				return p.toString();
			}
		}
		return null;
	}

	/** Creates the pair; on any failure deletes what it made and throws. */
	public static Netns create() throws IOException, InterruptedException {
		int n = COUNTER.incrementAndGet();
		long pid = ProcessHandle.current().pid();
		Netns ns = new Netns("mpc-" + pid + "-" + n, "mps-" + pid + "-" + n);
		String vc = "mpc" + (pid % 100000) + "n" + n; // at most 15 characters
		String vs = "mps" + (pid % 100000) + "n" + n;
		try {
			ns.add(ns.client);
			ns.add(ns.server);
			ip("link", "add", vc, "netns", ns.client, "type", "veth", "peer", "name", vs, "netns", ns.server);
			for (String[] side : new String[][] { { ns.client, vc, CLIENT_ADDRESS }, { ns.server, vs, SERVER_ADDRESS } }) {
				ip("-n", side[0], "addr", "add", side[2] + "/24", "dev", side[1]);
				ip("-n", side[0], "link", "set", side[1], "up");
				ip("-n", side[0], "link", "set", "lo", "up");
			}
			return ns;
		} catch (IOException | RuntimeException | InterruptedException e) {
			ns.close();
			throw e;
		}
	}

	private void add(String name) throws IOException, InterruptedException {
		LIVE.add(name);
		ip("netns", "add", name);
	}

	/** Runs {@code ip ARGS}; throws with its output when it fails. */
	public static String ip(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(tool("ip"));
		command.addAll(List.of(args));
		return run(command, 10);
	}

	/** Loads an nft ruleset (given as text on stdin, never through a shell) into a namespace. */
	public void nft(String namespace, String ruleset) throws IOException, InterruptedException {
		Path file = Files.createTempFile("mediapath-nft", ".nft");
		try {
			Files.writeString(file, ruleset);
			run(List.of(tool("ip"), "netns", "exec", namespace, tool("nft"), "-f", file.toString()), 10);
		} finally {
			Files.deleteIfExists(file);
		}
	}

	/** Runs a command inside a namespace. */
	public String exec(String namespace, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(tool("ip"), "netns", "exec", namespace));
		command.addAll(List.of(args));
		return run(command, 30);
	}

	/** The argument vector that starts a test-classpath JVM inside a namespace. */
	public List<String> javaCommand(String namespace, String mainClass, String... args) {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(tool("ip"), "netns", "exec", namespace,
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xshare:auto", "-cp", classpath, mainClass));
		command.addAll(List.of(args));
		return command;
	}

	static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		p.getOutputStream().close();
		byte[] out = p.getInputStream().readAllBytes();
		if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new IOException("timed out: " + command);
		}
		String text = new String(out, StandardCharsets.UTF_8);
		if (p.exitValue() != 0) {
			throw new IOException(command + " exited " + p.exitValue() + ": " + text.strip());
		}
		return text;
	}

	private static void deleteQuietly(String namespace) {
		try {
			ip("netns", "del", namespace);
		} catch (Exception e) {
			// already gone
		}
	}

	/** Deletes both namespaces (and with them the veth pair, rules and routes). */
	@Override
	public void close() {
		for (String name : new String[] { client, server }) {
			if (LIVE.remove(name)) {
				deleteQuietly(name);
			}
		}
	}
}
