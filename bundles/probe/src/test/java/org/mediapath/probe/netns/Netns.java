package org.mediapath.probe.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.mediapath.testing.netns.Machine;
import org.mediapath.testing.netns.NamespaceSandbox;

/**
 * A client and a server namespace joined by a veth pair on 198.18.1.0/24 (198.18.0.0/15 is the
 * benchmarking range; nothing else is ever addressed), for the probe's tests and benches. The
 * {@link NamespaceSandbox} owns them: deleted by {@link #close()} or, should the JVM die first, by
 * its shutdown hook.
 */
public final class Netns implements AutoCloseable {

	public static final String CLIENT_ADDRESS = "198.18.1.1";
	public static final String SERVER_ADDRESS = "198.18.1.2";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	public final String client;
	public final String server;
	private final NamespaceSandbox sandbox = new NamespaceSandbox("probe-netns");

	private Netns(String client, String server) {
		this.client = client;
		this.server = server;
	}

	/** Why namespaces cannot be used here, or null when they can. */
	public static String unavailableReason() {
		return Machine.unavailableReason("the probe's namespace tests", Machine.IP, Machine.NFT);
	}

	/** @return the program's absolute path; throws naming the package when it is missing */
	public static String tool(String name) {
		return Machine.tool(name).orElseThrow(() -> new IllegalStateException("'" + name + "' is not installed"));
	}

	/** Creates the pair; on any failure deletes what it made and throws. */
	public static Netns create() {
		int n = COUNTER.incrementAndGet();
		long pid = ProcessHandle.current().pid();
		Netns ns = new Netns("mpc-" + pid + "-" + n, "mps-" + pid + "-" + n);
		String vc = "mpc" + (pid % 100000) + "n" + n; // at most 15 characters
		String vs = "mps" + (pid % 100000) + "n" + n;
		try {
			ns.sandbox.addNamespace(ns.client);
			ns.sandbox.addNamespace(ns.server);
			ns.sandbox.ip("link", "add", vc, "netns", ns.client, "type", "veth", "peer", "name", vs, "netns", ns.server);
			for (String[] side : new String[][] { { ns.client, vc, CLIENT_ADDRESS }, { ns.server, vs, SERVER_ADDRESS } }) {
				ns.sandbox.ip("-n", side[0], "addr", "add", side[2] + "/24", "dev", side[1]);
				ns.sandbox.ip("-n", side[0], "link", "set", side[1], "up");
			}
			return ns;
		} catch (RuntimeException e) {
			ns.close();
			throw e;
		}
	}

	/** Loads an nft ruleset (given as text in a file, never through a shell) into a namespace. */
	public void nft(String namespace, String ruleset) throws IOException {
		Path file = Files.createTempFile("mediapath-nft", ".nft");
		try {
			Files.writeString(file, ruleset);
			exec(namespace, tool("nft"), "-f", file.toString());
		} finally {
			Files.deleteIfExists(file);
		}
	}

	/** Runs a command inside a namespace; throws with its output when it fails. */
	public String exec(String namespace, String... args) {
		return sandbox.mustRun(Duration.ofSeconds(30), sandbox.inNamespace(namespace, List.of(args))).out();
	}

	/** The argument vector that starts a test-classpath JVM inside a namespace. */
	public List<String> javaCommand(String namespace, String mainClass, String... args) {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classpath, mainClass));
		java.addAll(List.of(args));
		return sandbox.inNamespace(namespace, java);
	}

	/** Deletes both namespaces (and with them the veth pair, rules and routes). */
	@Override
	public void close() {
		sandbox.close();
	}
}
