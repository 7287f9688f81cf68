package org.mediapath.firewall.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.firewall.FirewallAnalyser;
import org.mediapath.firewall.LocalRuleset;
import org.mediapath.testing.netns.Machine;
import org.mediapath.testing.netns.NamespaceSandbox;

/**
 * The kernel as the oracle: random rulesets ({@link RulesetGenerator}, fixed seeds) are loaded into a
 * receiving network namespace, read back as {@code nft list ruleset}, {@code nft -j list ruleset} and
 * {@code iptables-save}, judged by the analysis for inbound UDP from the sender's address, and then
 * real UDP datagrams go from a sending namespace over a veth pair (198.18.7.0/24) to every sampled
 * port. What arrived must be exactly what the analysis called ALLOWED, and no port may be UNKNOWN
 * (every generated condition is decidable for a question with a remote address). Each form of the
 * same ruleset must be judged alike. Bounded by a time budget; the count run is printed.
 */
class KernelOracleTest {

	private static final long SEED = 20261204L;
	private static final int NFT_RULESETS = 300;
	private static final int IPTABLES_RULESETS = 200;
	/** The whole test's budget for rulesets; what fits is run, and at least MIN_RULESETS must fit. */
	private static final Duration BUDGET = Duration.ofSeconds(75);
	private static final int MIN_RULESETS = 150;

	private static NamespaceSandbox sandbox;
	private static String sender;
	private static String receiver;
	private static Path folder;
	private static Path received;
	private static Process receiverProcess;
	private static int batch;
	private static final FirewallAnalyser ANALYSER = new FirewallAnalyser(new LocalRuleset(Duration.ofSeconds(5)));
	private static long deadline;
	private static int judged;

	@BeforeAll
	static void setUp() throws Exception {
		String reason = Machine.unavailableReason("the firewall kernel-oracle test", Machine.IP, Machine.NFT,
				new Machine.Tool("iptables-restore", "iptables"), new Machine.Tool("iptables-save", "iptables"));
		assumeTrue(reason == null, reason);
		long pid = ProcessHandle.current().pid();
		sandbox = new NamespaceSandbox("firewall-oracle");
		sender = "mpfws-" + pid;
		receiver = "mpfwr-" + pid;
		try {
			sandbox.addNamespace(sender);
			sandbox.addNamespace(receiver);
		} catch (RuntimeException e) {
			sandbox.close();
			assumeTrue(false, "cannot create network namespaces here: " + e.getMessage());
		}
		String vs = "mpfs" + (pid % 100000);
		String vr = "mpfr" + (pid % 100000);
		sandbox.ip("link", "add", vs, "netns", sender, "type", "veth", "peer", "name", vr, "netns", receiver);
		for (String address : RulesetGenerator.SENDERS) {
			sandbox.ip("-n", sender, "addr", "add", address + "/24", "dev", vs);
		}
		sandbox.ip("-n", receiver, "addr", "add", RulesetGenerator.RECEIVER + "/24", "dev", vr);
		sandbox.ip("-n", sender, "link", "set", vs, "up");
		sandbox.ip("-n", receiver, "link", "set", vr, "up");
		folder = Files.createTempDirectory("mediapath-firewall-oracle");
		sandbox.lastly(() -> NamespaceSandbox.deleteTree(folder));
		received = folder.resolve("received.txt");
		List<String> ports = RulesetGenerator.sampledPorts().stream().map(String::valueOf).toList();
		receiverProcess = sandbox.start(java(receiver, UdpReceiver.class, ports), null, received, null);
		sandbox.start(java(sender, UdpSender.class, List.of(folder.toString())), null, folder.resolve("sender.txt"), null);
		assertTrue(NamespaceSandbox.await(Duration.ofSeconds(20), () -> NamespaceSandbox.read(received).startsWith("ready")),
				"the receiver did not start: " + NamespaceSandbox.read(received));
		deadline = System.nanoTime() + BUDGET.toNanos();
	}

	@AfterAll
	static void tearDown() throws IOException {
		if (folder != null) {
			Files.writeString(folder.resolve("stop"), "stop");
		}
		if (sandbox != null) {
			sandbox.close();
		}
		System.out.println("firewall kernel oracle: " + judged + " rulesets judged against the kernel");
	}

	private static List<String> java(String namespace, Class<?> main, List<String> args) {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classpath, main.getName()));
		command.addAll(args);
		return sandbox.inNamespace(namespace, command);
	}

	@Test
	void nftRulesetsAgreeWithTheKernel() throws Exception {
		RulesetGenerator generator = new RulesetGenerator(SEED);
		List<String> disagreements = new ArrayList<>();
		int run = 0;
		int refused = 0;
		for (int i = 0; i < NFT_RULESETS && System.nanoTime() < deadline - BUDGET.toNanos() / 3; i++) {
			String ruleset = generator.nft();
			String source = generator.sender();
			if (!load(List.of("nft", "-f"), "flush ruleset\n" + ruleset)) {
				refused++;
				continue;
			}
			String text = inReceiver("nft", "list", "ruleset");
			String json = inReceiver("nft", "-j", "list", "ruleset");
			Map<Integer, FirewallVerdict> fromText = predict(text, source);
			Map<Integer, FirewallVerdict> fromJson = predict(json, source);
			Set<Integer> arrived = send(source, fromText);
			compare("nft #" + i, ruleset, text, source, fromText, fromJson, arrived, disagreements);
			run++;
		}
		judged += run;
		System.out.println("firewall kernel oracle: nft " + run + " rulesets, " + refused + " refused by nft, "
				+ disagreements.size() + " disagreements");
		disagreements.stream().limit(3).forEach(System.out::println);
		assertEquals(List.of(), disagreements.subList(0, Math.min(3, disagreements.size())));
		assertTrue(refused <= run / 20, refused + " generated nft rulesets were refused: the generator is wrong");
		assertTrue(run >= MIN_RULESETS / 2, "only " + run + " nft rulesets fitted in the time budget");
	}

	@Test
	void iptablesRulesetsAgreeWithTheKernel() throws Exception {
		RulesetGenerator generator = new RulesetGenerator(SEED + 1);
		List<String> disagreements = new ArrayList<>();
		int run = 0;
		int refused = 0;
		for (int i = 0; i < IPTABLES_RULESETS && System.nanoTime() < deadline; i++) {
			String ruleset = generator.iptables();
			String source = generator.sender();
			inReceiver("nft", "flush", "ruleset");
			if (!load(List.of("iptables-restore"), ruleset)) {
				refused++;
				continue;
			}
			String saved = inReceiver("iptables-save");
			Map<Integer, FirewallVerdict> predicted = predict(saved, source);
			Set<Integer> arrived = send(source, predicted);
			compare("iptables #" + i, ruleset, saved, source, predicted, predicted, arrived, disagreements);
			run++;
		}
		judged += run;
		System.out.println("firewall kernel oracle: iptables " + run + " rulesets, " + refused
				+ " refused by iptables-restore, " + disagreements.size() + " disagreements");
		disagreements.stream().limit(3).forEach(System.out::println);
		assertEquals(List.of(), disagreements.subList(0, Math.min(3, disagreements.size())));
		assertTrue(refused <= run / 20, refused + " generated iptables rulesets were refused: the generator is wrong");
		assertTrue(run >= MIN_RULESETS / 2, "only " + run + " iptables rulesets fitted in the time budget");
	}

	private static void compare(String name, String generated, String readBack, String source,
			Map<Integer, FirewallVerdict> predicted, Map<Integer, FirewallVerdict> otherForm, Set<Integer> arrived,
			List<String> disagreements) {
		for (int port : RulesetGenerator.sampledPorts()) {
			FirewallVerdict verdict = predicted.get(port);
			boolean allowed = verdict == FirewallVerdict.ALLOWED;
			if (verdict == FirewallVerdict.UNKNOWN || allowed != arrived.contains(port) || verdict != otherForm.get(port)) {
				disagreements.add(name + " from " + source + " port " + port + ": predicted " + verdict + " (other form "
						+ otherForm.get(port) + "), kernel " + (arrived.contains(port) ? "delivered" : "dropped")
						+ "\n--- generated\n" + generated + "--- read back\n" + readBack);
				return;
			}
		}
	}

	private static Map<Integer, FirewallVerdict> predict(String pasted, String source) {
		FirewallAnswer answer = ANALYSER.analysePasted(pasted, new FirewallQuestion(TrafficDirection.INBOUND,
				TransportProtocol.UDP, new PortRange(1, 65535), Optional.of(source), Optional.empty(), Optional.empty()));
		Map<Integer, FirewallVerdict> verdicts = new HashMap<>();
		for (int port : RulesetGenerator.sampledPorts()) {
			for (PortVerdictRun run : answer.runs()) {
				if (run.ports().contains(port)) {
					verdicts.put(port, run.verdict());
				}
			}
		}
		return verdicts;
	}

	/** Sends one datagram to every sampled port and returns the ports whose datagram arrived. */
	private static Set<Integer> send(String source, Map<Integer, FirewallVerdict> predicted) throws Exception {
		batch++;
		String tag = "b" + batch;
		StringBuilder lines = new StringBuilder();
		for (int port : RulesetGenerator.sampledPorts()) {
			lines.append(source).append(' ').append(20000 + batch).append(' ').append(RulesetGenerator.RECEIVER).append(' ')
					.append(port).append(' ').append(tag).append(' ').append(port).append('\n');
		}
		Path file = folder.resolve("batch-" + batch + ".txt");
		Path temporary = folder.resolve("batch-" + batch + ".part");
		Files.writeString(temporary, lines);
		Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		assertTrue(NamespaceSandbox.await(Duration.ofSeconds(10), () -> Files.exists(folder.resolve("batch-" + batch + ".done"))),
				"the sender did not send batch " + batch + ": " + NamespaceSandbox.read(folder.resolve("sender.txt")));
		long expected = predicted.values().stream().filter(v -> v == FirewallVerdict.ALLOWED).count();
		long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
		while (arrived(tag).size() < expected && System.nanoTime() < until) {
			Thread.sleep(2);
		}
		Thread.sleep(15);
		assertTrue(receiverProcess.isAlive(), "the receiver stopped");
		return arrived(tag);
	}

	private static Set<Integer> arrived(String tag) {
		Set<Integer> ports = new HashSet<>();
		for (String line : NamespaceSandbox.read(received).split("\n")) {
			if (line.startsWith(tag + " ")) {
				ports.add(Integer.parseInt(line.substring(tag.length() + 1).strip()));
			}
		}
		return ports;
	}

	private static boolean load(List<String> command, String input) throws IOException {
		Path file = folder.resolve("ruleset.txt");
		Files.writeString(file, input);
		List<String> argv = new ArrayList<>();
		argv.add(Machine.tool(command.get(0)).orElseThrow());
		argv.addAll(command.subList(1, command.size()));
		argv.add(file.toString());
		NamespaceSandbox.Result result = sandbox.run(Duration.ofSeconds(15), sandbox.inNamespace(receiver, argv));
		if (!result.ok()) {
			System.out.println("refused: " + result.err().strip() + "\n" + input);
		}
		return result.ok();
	}

	private static String inReceiver(String program, String... args) {
		List<String> argv = new ArrayList<>();
		argv.add(Machine.tool(program).orElseThrow());
		argv.addAll(List.of(args));
		return sandbox.mustRun(Duration.ofSeconds(15), sandbox.inNamespace(receiver, argv)).out();
	}
}
