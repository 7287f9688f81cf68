package org.mediapath.probe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mediapath.probe.NsMain;
import org.mediapath.probe.netns.Child;
import org.mediapath.probe.netns.Netns;

/**
 * Prints numbers, asserts nothing. Needs root, ip, nft, nmap, taskset. For each of two setups —
 * "loopback" (probe and responder on 127.0.0.1 inside one namespace) and "veth" (client namespace
 * 198.18.1.1 to server namespace 198.18.1.2) — it measures, with the rate cap lifted: a cooperative
 * full sweep of 30000-33000 answered and dropped (nft), of 49152-65535 answered and dropped,
 * ICE start to connected, ICE start to "every pair failed"/bound; then nmap -sU on the same ports;
 * then responder answers/s pinned to one core, with and without a junk flood, and its RSS and
 * thread count meanwhile. Each probe line runs in a child JVM inside the namespace; the first
 * run of each is cold, the rest warm.
 *
 * Run: see docs/benchmarks.md (probe section).
 */
public final class NamespaceBench {

	static final String SERVER_DROP = """
			table ip bench_srv {
				chain input {
					type filter hook input priority 0;
					udp dport 30000-33000 drop
				}
			}
			""";
	static final String CLIENT_DROP = SERVER_DROP.replace("bench_srv", "bench_cli").replace("30000-33000", "49152-65535");
	static Netns ns;
	static Path secret;

	public static void main(String[] args) throws Exception {
		String reason = Netns.unavailableReason();
		if (reason != null) {
			System.err.println("cannot run: " + reason);
			System.exit(2);
		}
		boolean nmap = args.length == 0 || !args[0].equals("--no-nmap");
		boolean sampleOnly = args.length > 0 && args[0].equals("--nmap-sample");
		ns = Netns.create();
		secret = Files.createTempFile("mediapath-bench", ".txt");
		Files.writeString(secret, "bench-secret-0123456789abcdef");
		try {
			if (sampleOnly) {
				nmapSample();
				throughput();
				return;
			}
			for (String setup : new String[] { "loopback", "veth" }) {
				boolean lo = setup.equals("loopback");
				String server = lo ? "127.0.0.1" : Netns.SERVER_ADDRESS;
				String clientNs = lo ? ns.server : ns.client;
				String control = server + ":2231";
				try (Child responder = new Child(ns.javaCommand(ns.server, NsMain.class.getName(), "responder", server,
						"30000-33000", secret.toString(), "lifted"))) {
					responder.await("READY", 30);
					print(setup, "30000-33000 answered (c->s full sweep)",
							probe(clientNs, "udp", server, "30000-33000", "49152-49159", control, secret.toString(), "FULL",
									"1000000", "4"));
					print(setup, "49152-65535 answered (s->c full sweep)",
							probe(clientNs, "udp", server, "30000-30001", "49152-65535", control, secret.toString(), "FULL",
									"1000000", "4"));
					print(setup, "ICE start -> connected", probe(clientNs, "ice", control, secret.toString(), "49152-65535",
							"30000-33000", "3000", "5"));
					print(setup, "ICE start -> connected, fresh JVM after the bundle's ICE warm-up (first probe only)",
							probe(clientNs, "ice", control, secret.toString(), "49152-65535", "30000-33000", "3000", "1", "warm"));
					ns.nft(ns.server, SERVER_DROP);
					print(setup, "30000-33000 dropped (c->s full sweep)",
							probe(clientNs, "udp", server, "30000-33000", "49152-49159", control, secret.toString(), "FULL",
									"1000000", "4"));
					print(setup, "ICE start -> every pair failed / bound 3000 ms", probe(clientNs, "ice", control,
							secret.toString(), "49152-65535", "30000-33000", "3000", "3"));
					print(setup, "ICE start -> every pair failed, fresh JVM after the bundle's ICE warm-up (first probe only)",
							probe(clientNs, "ice", control, secret.toString(), "49152-65535", "30000-33000", "3000", "1", "warm"));
					ns.exec(ns.server, Netns.tool("nft"), "delete", "table", "ip", "bench_srv");
					ns.nft(clientNs, CLIENT_DROP);
					print(setup, "49152-65535 dropped (s->c full sweep)",
							probe(clientNs, "udp", server, "30000-30001", "49152-65535", control, secret.toString(), "FULL",
									"1000000", "4"));
					ns.exec(clientNs, Netns.tool("nft"), "delete", "table", "ip", "bench_cli");
				}
				if (nmap) {
					nmapRuns(setup, server, clientNs);
				}
			}
			throughput();
		} finally {
			ns.close();
			Files.deleteIfExists(secret);
		}
		System.exit(0);
	}

	static List<String> probe(String namespace, String... args) throws Exception {
		return Child.run(ns.javaCommand(namespace, NsMain.class.getName(), args), 300);
	}

	static void print(String setup, String what, List<String> lines) {
		List<String> times = lines.stream().filter(l -> l.startsWith("MS ") || l.startsWith("ICE "))
				.map(l -> l.startsWith("MS ") ? l.substring(3) : l.substring(4)).toList();
		List<String> dirs = lines.stream().filter(l -> l.startsWith("DIR ")).distinct().toList();
		System.out.println("| " + setup + " | " + what + " | " + String.join(", ", times) + " | " + String.join("; ", dirs)
				+ " |");
		System.out.flush();
	}

	static void nmapRuns(String setup, String server, String clientNs) throws Exception {
		List<String> base = List.of("nmap", "-sU", "-n", "-Pn", "--max-retries", "1", "--host-timeout", "120s");
		try (Child hold = new Child(ns.javaCommand(ns.server, NsMain.class.getName(), "hold", server, "30000-33000"))) {
			hold.await("READY", 30);
			nmap(setup, "nmap 30000-33000 bound, silent to nmap", clientNs, base, "30000-33000", server);
			ns.nft(ns.server, SERVER_DROP);
			nmap(setup, "nmap 30000-33000 dropped", clientNs, base, "30000-33000", server);
			ns.exec(ns.server, Netns.tool("nft"), "delete", "table", "ip", "bench_srv");
		}
		String client = setup.equals("loopback") ? "127.0.0.1" : Netns.CLIENT_ADDRESS;
		try (Child hold = new Child(ns.javaCommand(clientNs, NsMain.class.getName(), "hold", client, "49152-65535"))) {
			hold.await("READY", 60);
			nmap(setup, "nmap 49152-65535 bound, silent to nmap (server ns -> client)", ns.server, base, "49152-65535",
					client);
		}
	}

	/** nmap without a host timeout on 100-port samples, to extrapolate what the full ranges would take. */
	static void nmapSample() throws Exception {
		List<String> base = List.of("nmap", "-sU", "-n", "-Pn", "--max-retries", "1");
		for (String setup : new String[] { "loopback", "veth" }) {
			boolean lo = setup.equals("loopback");
			String server = lo ? "127.0.0.1" : Netns.SERVER_ADDRESS;
			String client = lo ? "127.0.0.1" : Netns.CLIENT_ADDRESS;
			String clientNs = lo ? ns.server : ns.client;
			try (Child hold = new Child(ns.javaCommand(ns.server, NsMain.class.getName(), "hold", server, "30000-30099"))) {
				hold.await("READY", 30);
				nmap(setup, "nmap sample 30000-30099 bound, silent to nmap", clientNs, base, "30000-30099", server);
				ns.nft(ns.server, SERVER_DROP);
				nmap(setup, "nmap sample 30000-30099 dropped", clientNs, base, "30000-30099", server);
				ns.exec(ns.server, Netns.tool("nft"), "delete", "table", "ip", "bench_srv");
			}
			try (Child hold = new Child(ns.javaCommand(clientNs, NsMain.class.getName(), "hold", client, "49152-49251"))) {
				hold.await("READY", 30);
				nmap(setup, "nmap sample 49152-49251 bound, silent to nmap", ns.server, base, "49152-49251", client);
			}
			nmap(setup, "nmap sample 49152-49251 closed (nothing bound, ICMP port-unreachable)", ns.server, base,
					"49152-49251", client);
		}
	}

	static void nmap(String setup, String what, String namespace, List<String> base, String ports, String target)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(Netns.tool("ip"), "netns", "exec", namespace,
				Netns.tool("nmap")));
		command.addAll(base.subList(1, base.size()));
		command.addAll(List.of("-p", ports, target));
		long start = System.nanoTime();
		List<String> out = Child.run(command, 400);
		long ms = (System.nanoTime() - start) / 1_000_000;
		String summary = out.stream().filter(l -> l.contains("Not shown") || l.contains("ports") || l.contains("done")
				|| l.contains("timed out") || l.contains("Skipping")).reduce((a, b) -> a + " / " + b).orElse("");
		System.out.println("| " + setup + " | " + what + " | " + ms + " | " + summary.replace('|', '/') + " |");
		System.out.flush();
	}

	/** Responder pinned to CPU 0, load generator to CPU 1, loopback of the server namespace. */
	static void throughput() throws Exception {
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", "0"));
		pinned.addAll(ns.javaCommand(ns.server, NsMain.class.getName(), "responder", "127.0.0.1", "30000-33000",
				secret.toString(), "lifted"));
		try (Child responder = new Child(pinned)) {
			responder.await("READY", 30);
			String status = "/proc/" + responder.pid() + "/status";
			System.out.println("| responder idle | " + status(status) + " |");
			for (String junk : new String[] { "false", "true" }) {
				List<String> load = new ArrayList<>(List.of("taskset", "-c", "1"));
				load.addAll(ns.javaCommand(ns.server, NsMain.class.getName(), "load", "127.0.0.1:2231", secret.toString(),
						"127.0.0.1", "30000-30063", "49152-65535", "8", junk));
				long[] maxRss = { 0 };
				long[] maxThreads = { 0 };
				Thread sampler = new Thread(() -> {
					while (!Thread.currentThread().isInterrupted()) {
						try {
							for (String l : Files.readAllLines(Path.of(status))) {
								if (l.startsWith("VmRSS:")) {
									maxRss[0] = Math.max(maxRss[0], Long.parseLong(l.replaceAll("\\D", "")));
								} else if (l.startsWith("Threads:")) {
									maxThreads[0] = Math.max(maxThreads[0], Long.parseLong(l.replaceAll("\\D", "")));
								}
							}
							Thread.sleep(200);
						} catch (InterruptedException e) {
							return;
						} catch (Exception e) {
							return;
						}
					}
				});
				sampler.start();
				List<String> out = Child.run(load, 120);
				sampler.interrupt();
				sampler.join();
				System.out.println("| responder load, junk flood " + junk + " | " + out.stream()
						.filter(l -> l.startsWith("LOAD") || l.startsWith("JUNK")).toList() + " | max VmRSS " + maxRss[0]
						+ " kB, max threads " + maxThreads[0] + " | after: " + status(status) + " |");
				System.out.flush();
			}
		}
	}

	static String status(String file) throws Exception {
		return String.join(", ", Files.readAllLines(Path.of(file)).stream()
				.filter(l -> l.startsWith("VmRSS:") || l.startsWith("Threads:")).map(l -> l.replaceAll("\\s+", " "))
				.toList());
	}

	static String join(String[] a) {
		return Arrays.toString(a);
	}
}
