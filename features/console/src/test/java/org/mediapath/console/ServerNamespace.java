package org.mediapath.console;

import static org.mediapath.testing.netns.NamespaceSandbox.read;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.mediapath.testing.netns.Machine;
import org.mediapath.testing.netns.NamespaceSandbox;

/**
 * A stand-in PBX server in a network namespace of its own, reached from the console (in the root
 * namespace) over a veth pair: a TCP signalling listener ({@code socat}), a {@code mediapath
 * responder} run from the console jar, and, on request, an nft table in that namespace that drops
 * the UDP media range, as a server's firewall would.
 *
 * <p>Names carry this JVM's pid ({@code mpb-PID}, veth {@code mpbPIDh}/{@code mpbPIDs}) and the
 * /30 is derived from it inside 198.19.0.0/16 (part of 198.18.0.0/15, the benchmarking range), so
 * two builds on one machine do not meet. Nothing is ever sent outside that /30. {@link #close()}
 * (and the {@link NamespaceSandbox}'s shutdown hook, should the JVM be stopped first) kills the
 * processes and deletes the namespace, which takes the veth pair and the nft table with it.
 * Namespaces of an earlier run whose JVM was killed are deleted on the next start. Every program
 * runs with a fixed argument vector, never through a shell.
 */
final class ServerNamespace implements AutoCloseable {

	static final int SIGNALLING_PORT = 2230;
	static final int CONTROL_PORT = 2231;
	private static final Pattern OURS = Pattern.compile("^mpb-(\\d+)$");

	final String name;
	final String hostAddress;
	final String serverAddress;
	final Path secretFile;
	private final String hostDevice;
	private final Path work;
	private final NamespaceSandbox sandbox = new NamespaceSandbox("mediapath-browser-test");

	/** Why the namespace cannot be built here (the reason of a JUnit assumption), or null when it can. */
	static String unavailableReason() {
		return Machine.unavailableReason("the blocked-range browser test", Machine.IP, Machine.NFT, Machine.SOCAT);
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
		try {
			ns.sandbox.removeStale(OURS);
			ns.build();
			ns.startServers(udpPorts);
			return ns;
		} catch (IOException | InterruptedException | RuntimeException | Error e) {
			ns.close();
			throw e;
		}
	}

	private void build() {
		sandbox.addNamespace(name);
		String inside = "mpb" + ProcessHandle.current().pid() + "s";
		sandbox.ip("link", "add", hostDevice, "type", "veth", "peer", "name", inside, "netns", name);
		// The pair goes with the namespace; the host end is deleted by name too, in case the namespace went first.
		sandbox.lastly(() -> sandbox.run(Duration.ofSeconds(10), sandbox.ip, "link", "del", hostDevice));
		sandbox.ip("addr", "add", hostAddress + "/30", "dev", hostDevice);
		sandbox.ip("link", "set", hostDevice, "up");
		sandbox.ip("-n", name, "addr", "add", serverAddress + "/30", "dev", inside);
		sandbox.ip("-n", name, "link", "set", inside, "up");
	}

	private void startServers(String udpPorts) throws IOException, InterruptedException {
		Path signallingLog = work.resolve("signalling.log");
		sandbox.start(sandbox.inNamespace(name, List.of(Machine.require(Machine.SOCAT), "-lf", signallingLog.toString(),
				"TCP-LISTEN:" + SIGNALLING_PORT + ",bind=" + serverAddress + ",fork,reuseaddr", "EXEC:/bin/cat")), null,
				signallingLog, null);
		Path home = Files.createDirectories(work.resolve("responder-home"));
		Path responderLog = work.resolve("responder.log");
		Process p = sandbox.start(sandbox.inNamespace(name, MediapathJar.command(home, "responder", "--bind", serverAddress,
				"--udp-ports", udpPorts, "--control-port", Integer.toString(CONTROL_PORT), "--secret-file",
				secretFile.toString())), null, responderLog, null);
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
		sandbox.mustRun(Duration.ofSeconds(15),
				sandbox.inNamespace(name, List.of(Machine.require(Machine.NFT), "-f", rules.toString())));
	}

	String responder() {
		return serverAddress + ":" + CONTROL_PORT;
	}

	/** @return the fingerprint the responder printed on its ready line, which the form pins */
	String fingerprint() {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("certificate SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})")
				.matcher(read(work.resolve("responder.log")));
		if (!m.find()) {
			throw new IllegalStateException("the responder printed no fingerprint:\n" + read(work.resolve("responder.log")));
		}
		return m.group(1);
	}

	String logs() {
		return "--- responder.log\n" + read(work.resolve("responder.log")) + "\n--- signalling.log\n"
				+ read(work.resolve("signalling.log"));
	}

	@Override
	public void close() {
		sandbox.close();
	}

	private boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(serverAddress, port), 200);
			return true;
		} catch (IOException notYet) {
			return false;
		}
	}
}
