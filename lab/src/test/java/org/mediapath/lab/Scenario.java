package org.mediapath.lab;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One scenario, read from a {@code scenarios/NAME.properties} file: a small network (namespaces, veth links,
 * addresses, routes, sysctls, socat TUN tunnels, nft rules), the PBX stand-ins (a TCP signalling listener,
 * responders), the {@code diagnose} argument vector, and what it must say. See lab/README.md for the keys.
 *
 * <p>Every IPv4 address a scenario names must lie in 198.18.0.0/15 (or 127.0.0.0/8): the lab never sends traffic
 * anywhere else, and refuses a file that would.
 */
record Scenario(String name, String description, List<String> namespaces, List<Link> links, List<Address> addresses,
		List<Sysctl> sysctls, List<Tunnel> tunnels, List<Route> routes, Map<String, Map<String, String>> nft,
		List<Signalling> signalling, List<Responder> responders, String diagnoseNamespace, List<String> diagnoseArgs,
		BrowserStep browser, Expectation expect, String knownBug) {

	/** The browsers the lab can open a link in: Chromium and Firefox ESR, headless. */
	static final Set<String> BROWSERS = Set.of("chromium", "firefox");

	/**
	 * A test from a user's PC instead of {@code diagnose}: the administrator's console (its own namespace, where the
	 * administrator's machine sits) creates an invitation with {@code browser-test invite INVITE... --json} (after
	 * its own {@code diagnose CONSOLE-DIAGNOSE...} from there, when given: the console's server-side results), a
	 * real headless browser in the user's namespace opens the link, and the console reads the run with
	 * {@code browser-test results CONNECTION... --token T --wait N --json}. {@code browsers} holds the browsers of
	 * the file; a scenario to run has exactly one ({@link Scenario#forBrowser}).
	 */
	record BrowserStep(String console, List<String> consoleDiagnose, List<String> invite, String namespace,
			List<String> browsers, Map<String, String> knownBugs) {

		/** The options of {@code invite} that name the PBX ({@link Scenario#CONNECTION_OPTIONS}), for {@code results}. */
		List<String> connection() {
			List<String> out = new ArrayList<>();
			for (int i = 0; i < invite.size(); i++) {
				String a = invite.get(i);
				if (CONNECTION_OPTIONS.contains(a) && i + 1 < invite.size()) {
					out.add(a);
					out.add(invite.get(++i));
				}
			}
			return out;
		}

		String onlyBrowser() {
			check(browsers.size() == 1, "a scenario runs in one browser at a time: " + browsers);
			return browsers.get(0);
		}
	}

	/**
	 * What {@code browser-test results} needs of the invite's options: the same PBX (--pbx, or --responder with its
	 * secret and pin, and the server, media range and signalling port the console's own diagnosis of it speaks of).
	 */
	static final Set<String> CONNECTION_OPTIONS = Set.of("--pbx", "--responder", "--secret-file", "--responder-fingerprint",
			"--server", "--server-ports", "--signalling-port");

	/** This scenario in one of its browsers (its name stays the file's name). */
	Scenario forBrowser(String name) {
		check(browser != null && browser.browsers().contains(name), this.name + " does not run in " + name);
		return new Scenario(this.name, description, namespaces, links, addresses, sysctls, tunnels, routes, nft, signalling,
				responders, diagnoseNamespace, diagnoseArgs, new BrowserStep(browser.console(), browser.consoleDiagnose(),
						browser.invite(), browser.namespace(), List.of(name), browser.knownBugs()), expect,
				knownBug != null ? knownBug : browser.knownBugs().get(name));
	}

	/** One scenario per browser of the file (a browser scenario), or the scenario itself. */
	List<Scenario> variants() {
		return browser == null ? List.of(this) : browser.browsers().stream().map(this::forBrowser).toList();
	}

	/** One end of a veth pair or tunnel: namespace role, interface name, address with prefix length. */
	record End(String namespace, String device, String cidr) {
		String address() {
			return cidr.substring(0, cidr.indexOf('/'));
		}
	}

	record Link(End a, End b) {
	}

	record Address(String namespace, String device, String cidr) {
	}

	record Sysctl(String namespace, String setting) {
	}

	/**
	 * A socat TUN tunnel carried in UDP over an underlay address pair (a VPN stand-in). With {@code delayMillis > 0}
	 * the carrier goes through a {@link DelayRelay} in A's namespace on {@code underlayA:port+1}, which holds every
	 * datagram that long in each direction: every packet routed through the tunnel (UDP, TCP, ICMP) is delayed, so
	 * the round trip through it grows by twice the delay (a long-haul path; this kernel has no {@code tc netem}).
	 */
	record Tunnel(End a, String underlayA, End b, String underlayB, int port, int delayMillis) {
		int relayPort() {
			return port + 1;
		}
	}

	record Route(String namespace, List<String> spec) {
	}

	record Signalling(String namespace, String address, int port) {
	}

	/**
	 * A {@code mediapath responder}; {@code --secret-file} is added by the lab. A {@code stopped} responder is started,
	 * waited for, then killed before {@code diagnose} runs (a far end that was there and went away).
	 */
	record Responder(String key, String namespace, List<String> args, boolean stopped) {
	}

	/**
	 * What {@code diagnose} must say. Lists are "any of": {@code verdicts} and {@code exits} (exit follows the verdict
	 * by the contract: OK 0, FAILED 1, INCONCLUSIVE 3), {@code causes} the acceptable top cause when the verdict is
	 * FAILED, {@code evidence} words of that top cause (evidence or remediation), {@code remediation} words of its
	 * remediation alone (the fix), {@code side} the side its remediation names (null: any); {@code report} words anywhere in the document (an INCONCLUSIVE
	 * verdict has no cause to carry them); {@code notVerdicts} and {@code notCauses} (ids absent from {@code causes[]}
	 * altogether) say what it must never say; {@code run} words anywhere in a browser scenario's run (the
	 * responder's record of it: the address it saw, the browser, the ports' states).
	 */
	record Expectation(List<String> verdicts, List<Integer> exits, List<String> causes, List<String> evidence,
			List<String> remediation, String side, List<String> report, List<String> notVerdicts, List<String> notCauses,
			List<String> run) {

		/** One line for tables and logs: "FAILED SERVER_UDP_BLOCKED", "INCONCLUSIVE (exit 3)", "not OK". */
		String summary() {
			StringBuilder b = new StringBuilder(String.join(" or ", verdicts));
			if (!causes.isEmpty()) {
				b.append(" ").append(String.join("|", causes));
			}
			b.append(" (exit ").append(exits.stream().map(String::valueOf).collect(Collectors.joining(" or "))).append(")");
			if (!notCauses.isEmpty()) {
				b.append(", never ").append(String.join(", ", notCauses));
			}
			return b.toString();
		}

		/** @return true when the only acceptable verdict is OK */
		boolean healthy() {
			return verdicts.equals(List.of("OK"));
		}
	}

	/** The verdicts of the contract and their exit codes. */
	static final Map<String, Integer> EXIT_OF_VERDICT = Map.of("OK", 0, "FAILED", 1, "INCONCLUSIVE", 3);

	static final String SECRET_PLACEHOLDER = "${secret}";
	/** A secret file whose secret differs from the responders' (a handshake that must fail). */
	static final String WRONG_SECRET_PLACEHOLDER = "${wrong-secret}";
	private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
	private static final Pattern DEVICE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,14}");
	private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9]{0,9}");
	/** Filter chains (policy accept) and, for NAT, the two nat hooks: rules of nft.ROLE.CHAIN go in that chain. */
	static final Set<String> FILTER_CHAINS = Set.of("input", "forward", "output");
	static final Set<String> NAT_CHAINS = Set.of("prerouting", "postrouting");
	private static final Pattern CAUSE_ID = Pattern.compile("[A-Z][A-Z0-9_]*");

	/** Every {@code *.properties} file in the folder, by name. */
	static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted(Comparator.comparing(Path::toString))
					.toList();
		}
	}

	static Scenario load(Path file) throws IOException {
		Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			p.load(r);
		}
		String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
		try {
			return parse(name, p);
		} catch (RuntimeException e) {
			throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
		}
	}

	static Scenario parse(String name, Properties p) {
		List<String> namespaces = words(required(p, "namespaces"));
		namespaces.forEach(n -> check(ROLE.matcher(n).matches(), "namespaces: role '" + n + "' must be [a-z][a-z0-9]{0,9}"));
		check(new LinkedHashSet<>(namespaces).size() == namespaces.size(), "namespaces: a role is listed twice");

		List<Link> links = new ArrayList<>();
		for (String v : numbered(p, "link")) {
			List<String> w = words(v);
			check(w.size() == 2, "link: expected 'ns/dev/addr/len ns/dev/addr/len', got '" + v + "'");
			links.add(new Link(end(w.get(0), namespaces), end(w.get(1), namespaces)));
		}
		List<Address> addresses = new ArrayList<>();
		for (String v : numbered(p, "address")) {
			List<String> w = words(v);
			check(w.size() == 3, "address: expected 'ns dev addr/len', got '" + v + "'");
			addresses.add(new Address(role(w.get(0), namespaces), device(w.get(1)), cidr(w.get(2))));
		}
		List<Sysctl> sysctls = new ArrayList<>();
		for (String v : numbered(p, "sysctl")) {
			List<String> w = words(v);
			check(w.size() == 2 && w.get(1).matches("net\\.[a-z0-9_.]+=[0-9a-z]+"),
					"sysctl: expected 'ns net.key=value', got '" + v + "'");
			sysctls.add(new Sysctl(role(w.get(0), namespaces), w.get(1)));
		}
		List<Tunnel> tunnels = new ArrayList<>();
		for (String v : numbered(p, "tunnel")) {
			List<String> w = words(v);
			check(w.size() == 5 || (w.size() == 7 && w.get(5).equals("delay")),
					"tunnel: expected 'ns/dev/addr/len underlayA ns/dev/addr/len underlayB udpPort [delay MILLIS]', got '" + v + "'");
			int delay = 0;
			if (w.size() == 7) {
				check(w.get(6).matches("\\d{1,4}") && Integer.parseInt(w.get(6)) > 0 && Integer.parseInt(w.get(6)) <= 2000,
						"tunnel: delay '" + w.get(6) + "' must be 1-2000 milliseconds (each way)");
				delay = Integer.parseInt(w.get(6));
			}
			int carrier = port(w.get(4));
			check(delay == 0 || carrier < 65535, "tunnel: the delay relay listens on port+1; " + carrier + " leaves none");
			tunnels.add(new Tunnel(end(w.get(0), namespaces), address(w.get(1)), end(w.get(2), namespaces), address(w.get(3)),
					carrier, delay));
		}
		List<Route> routes = new ArrayList<>();
		for (String v : numbered(p, "route")) {
			List<String> w = words(v);
			check(w.size() >= 2, "route: expected 'ns DESTINATION [via GW] [dev DEV]', got '" + v + "'");
			routes.add(new Route(role(w.get(0), namespaces), List.copyOf(w.subList(1, w.size()))));
		}
		Map<String, Map<String, String>> nft = new TreeMap<>();
		for (String key : p.stringPropertyNames()) {
			if (key.startsWith("nft.")) {
				String[] parts = key.split("\\.");
				check(parts.length == 3 && (FILTER_CHAINS.contains(parts[2]) || NAT_CHAINS.contains(parts[2])),
						key + ": expected nft.ROLE.input|forward|output|prerouting|postrouting");
				nft.computeIfAbsent(role(parts[1], namespaces), k -> new TreeMap<>()).put(parts[2], p.getProperty(key).strip());
			}
		}
		List<Signalling> signalling = new ArrayList<>();
		for (String v : numbered(p, "signalling")) {
			List<String> w = words(v);
			check(w.size() == 3, "signalling: expected 'ns address port', got '" + v + "'");
			signalling.add(new Signalling(role(w.get(0), namespaces), address(w.get(1)), port(w.get(2))));
		}
		List<Responder> responders = new ArrayList<>();
		for (String key : numberedKeys(p, "responder")) {
			List<String> w = words(p.getProperty(key));
			check(w.size() >= 2, key + ": expected 'ns --bind ADDR ... --udp-ports RANGE --control-port PORT'");
			responders.add(new Responder(key, role(w.get(0), namespaces), List.copyOf(w.subList(1, w.size())), false));
		}
		if (p.getProperty("stop") != null) {
			for (String key : words(p.getProperty("stop"))) {
				int i = responders.stream().map(Responder::key).toList().indexOf(key);
				check(i >= 0, "stop: '" + key + "' is not a responder of this file (" + responders.stream().map(Responder::key).toList() + ")");
				Responder r = responders.get(i);
				responders.set(i, new Responder(r.key(), r.namespace(), r.args(), true));
			}
		}
		BrowserStep browser = browserStep(p, namespaces);
		String diagnoseNamespace;
		List<String> diagnoseArgs;
		if (browser == null) {
			List<String> diagnose = words(required(p, "diagnose"));
			check(diagnose.size() >= 3, "diagnose: expected 'ns --server HOST ...'");
			diagnoseNamespace = role(diagnose.get(0), namespaces);
			diagnoseArgs = List.copyOf(diagnose.subList(1, diagnose.size()));
			check(diagnoseArgs.contains("--json"), "diagnose: the lab reads the JSON report, add --json");
		} else {
			check(p.getProperty("diagnose") == null, "diagnose: a browser scenario has 'browser' and 'invite' instead");
			diagnoseNamespace = browser.namespace();
			diagnoseArgs = List.of();
		}
		List<String> pinned = new ArrayList<>(diagnoseArgs);
		if (browser != null) {
			pinned.addAll(browser.invite());
			pinned.addAll(browser.consoleDiagnose());
		}
		for (String argument : pinned) {
			java.util.regex.Matcher pin = java.util.regex.Pattern.compile("\\$\\{fingerprint\\.([a-z0-9]+)\\}").matcher(argument);
			while (pin.find()) {
				String key = "responder." + pin.group(1);
				check(responders.stream().anyMatch(r -> r.key().equals(key)), "diagnose: " + pin.group()
						+ " names no responder of this file (" + responders.stream().map(Responder::key).toList() + ")");
			}
		}

		Expectation expect = expectation(p);

		// the safety net: no address outside 198.18.0.0/15 and 127.0.0.0/8, anywhere in the file
		for (String key : p.stringPropertyNames()) {
			Matcher m = IPV4.matcher(p.getProperty(key));
			while (m.find()) {
				int a = Integer.parseInt(m.group(1));
				int b = Integer.parseInt(m.group(2));
				check(a == 127 || (a == 198 && (b == 18 || b == 19)),
						key + ": " + m.group() + " is outside 198.18.0.0/15 and 127.0.0.0/8; the lab addresses nothing else");
			}
		}
		return new Scenario(name, p.getProperty("description", name).strip(), List.copyOf(namespaces), links, addresses, sysctls,
				tunnels, routes, nft, signalling, responders, diagnoseNamespace, diagnoseArgs, browser, expect,
				p.getProperty("known.bug", "").strip().isEmpty() ? null : p.getProperty("known.bug").strip());
	}

	/** The keys browser, console, console.diagnose and invite; null when the file has no browser. */
	private static BrowserStep browserStep(Properties p, List<String> namespaces) {
		if (p.getProperty("browser") == null) {
			for (String key : List.of("console", "console.diagnose", "invite")) {
				check(p.getProperty(key) == null, key + ": only with 'browser' (a test from a user's PC)");
			}
			check(numbered(p, "expect.run").isEmpty(), "expect.run: only with 'browser' (words of the browser's run)");
			return null;
		}
		List<String> b = words(required(p, "browser"));
		check(b.size() >= 2, "browser: expected 'ns chromium|firefox ...'");
		String namespace = role(b.get(0), namespaces);
		List<String> browsers = List.copyOf(b.subList(1, b.size()));
		browsers.forEach(x -> check(BROWSERS.contains(x), "browser: '" + x + "' is not one of " + new java.util.TreeSet<>(BROWSERS)));
		check(new LinkedHashSet<>(browsers).size() == browsers.size(), "browser: a browser is listed twice");
		String console = role(required(p, "console"), namespaces);
		check(!console.equals(namespace), "console: the administrator's console runs elsewhere than the user's browser");
		List<String> invite = words(required(p, "invite"));
		check(invite.contains("--json"), "invite: the lab reads the invitation's JSON, add --json");
		check(invite.contains("--pbx") || invite.contains("--responder"), "invite: --pbx NAME or --responder HOST:PORT");
		List<String> consoleDiagnose = p.getProperty("console.diagnose") == null ? List.of()
				: List.copyOf(words(p.getProperty("console.diagnose")));
		check(consoleDiagnose.isEmpty() || consoleDiagnose.contains("--json"), "console.diagnose: add --json");
		// known.bug.BROWSER: the product is wrong in that browser alone; its test is reported skipped with the reason
		Map<String, String> knownBugs = new TreeMap<>();
		for (String browser : BROWSERS) {
			String bug = p.getProperty("known.bug." + browser);
			if (bug != null && !bug.isBlank()) {
				check(browsers.contains(browser), "known.bug." + browser + ": the scenario does not run in " + browser);
				knownBugs.put(browser, bug.strip());
			}
		}
		return new BrowserStep(console, consoleDiagnose, List.copyOf(invite), namespace, browsers, Map.copyOf(knownBugs));
	}

	/** The expect.* keys, checked against the contract (verdicts, their exit codes, causes only with FAILED). */
	static Expectation expectation(Properties p) {
		List<String> notVerdicts = optionalWords(p, "expect.not.verdict");
		notVerdicts.forEach(v -> check(EXIT_OF_VERDICT.containsKey(v), "expect.not.verdict: '" + v + "' is not OK, FAILED or INCONCLUSIVE"));
		List<String> verdicts = optionalWords(p, "expect.verdict");
		verdicts.forEach(v -> check(EXIT_OF_VERDICT.containsKey(v), "expect.verdict: '" + v + "' is not OK, FAILED or INCONCLUSIVE"));
		check(!verdicts.isEmpty() || !notVerdicts.isEmpty(), "expect.verdict (or expect.not.verdict): missing");
		if (verdicts.isEmpty()) {
			verdicts = EXIT_OF_VERDICT.keySet().stream().filter(v -> !notVerdicts.contains(v)).sorted().toList();
		}
		check(verdicts.stream().noneMatch(notVerdicts::contains), "expect.verdict and expect.not.verdict name the same verdict");
		List<Integer> exits = verdicts.stream().map(EXIT_OF_VERDICT::get).sorted().toList();
		if (p.getProperty("expect.exit") != null) {
			List<Integer> given = optionalWords(p, "expect.exit").stream().map(e -> {
				check(e.matches("\\d{1,3}"), "expect.exit: '" + e + "' is not an exit code");
				return Integer.parseInt(e);
			}).sorted().toList();
			check(given.equals(exits), "expect.exit: " + given + " does not follow the contract for " + verdicts + " (OK 0, FAILED 1, INCONCLUSIVE 3)");
		}
		List<String> causes = optionalWords(p, "expect.cause");
		causes.forEach(c -> check(CAUSE_ID.matcher(c).matches(), "expect.cause: '" + c + "' is not a cause id"));
		check(causes.isEmpty() || verdicts.contains("FAILED"), "expect.cause: a cause comes only with the verdict FAILED");
		check(!verdicts.equals(List.of("FAILED")) || !causes.isEmpty(), "expect.cause: required when expect.verdict is FAILED");
		List<String> evidence = numbered(p, "expect.evidence");
		check(evidence.isEmpty() || !causes.isEmpty(), "expect.evidence: words of the top cause need expect.cause");
		List<String> remediation = numbered(p, "expect.remediation");
		check(remediation.isEmpty() || !causes.isEmpty(), "expect.remediation: words of the top cause's fix need expect.cause");
		String side = p.getProperty("expect.side", "").strip();
		check(side.isEmpty() || (!causes.isEmpty() && side.matches("[A-Z]+")), "expect.side: a side (CLIENT, SERVER, NETWORK, ...) "
				+ "of the top cause's remediation; needs expect.cause");
		List<String> notCauses = optionalWords(p, "expect.not.cause");
		notCauses.forEach(c -> check(CAUSE_ID.matcher(c).matches() && !causes.contains(c), "expect.not.cause: '" + c
				+ "' is not a cause id, or is also expected"));
		return new Expectation(List.copyOf(verdicts), exits, causes, evidence, remediation, side.isEmpty() ? null : side,
				numbered(p, "expect.report"),
				notVerdicts, notCauses, numbered(p, "expect.run"));
	}

	@Override
	public String toString() {
		return browser == null || browser.browsers().size() != 1 ? name : name + " (" + browser.browsers().get(0) + ")";
	}

	// ---- parsing helpers

	private static String required(Properties p, String key) {
		String v = p.getProperty(key);
		check(v != null && !v.isBlank(), key + ": missing");
		return v.strip();
	}

	/** Values of KEY and KEY.N (N numeric), in numeric order. */
	private static List<String> numbered(Properties p, String key) {
		return numberedKeys(p, key).stream().map(k -> p.getProperty(k).strip()).toList();
	}

	/** KEY and KEY.SUFFIX (SUFFIX a number or a lower-case name): numbers in numeric order first, then names. */
	private static List<String> numberedKeys(Properties p, String key) {
		TreeMap<String, String> keys = new TreeMap<>();
		for (String k : p.stringPropertyNames()) {
			if (k.equals(key)) {
				keys.put("0", k);
			} else if (k.startsWith(key + ".")) {
				String suffix = k.substring(key.length() + 1);
				if (suffix.matches("\\d{1,4}")) {
					keys.put(String.format("%05d", Integer.parseInt(suffix)), k);
				} else if (suffix.matches("[a-z][a-z0-9]{0,15}")) {
					keys.put("~" + suffix, k);
				} else {
					throw new IllegalArgumentException(k + ": the suffix must be a number or a lower-case name");
				}
			}
		}
		return List.copyOf(keys.values());
	}

	private static List<String> optionalWords(Properties p, String key) {
		String v = p.getProperty(key);
		return v == null || v.isBlank() ? List.of() : List.copyOf(words(v));
	}

	private static List<String> words(String v) {
		return new ArrayList<>(Arrays.asList(v.strip().split("\\s+")));
	}

	private static End end(String spec, List<String> namespaces) {
		String[] parts = spec.split("/", 3);
		check(parts.length == 3, "'" + spec + "': expected ns/dev/addr/len");
		return new End(role(parts[0], namespaces), device(parts[1]), cidr(parts[2]));
	}

	private static String role(String role, List<String> namespaces) {
		check(namespaces.contains(role), "'" + role + "' is not one of namespaces " + namespaces);
		return role;
	}

	private static String device(String device) {
		check(DEVICE.matcher(device).matches(), "'" + device + "': an interface name of at most 15 characters");
		return device;
	}

	private static String cidr(String cidr) {
		String[] parts = cidr.split("/");
		check(parts.length == 2 && parts[1].matches("\\d{1,2}"), "'" + cidr + "': expected ADDRESS/LENGTH");
		address(parts[0]);
		return cidr;
	}

	private static String address(String address) {
		check(IPV4.matcher(address).matches(), "'" + address + "': expected an IPv4 address");
		return address;
	}

	private static int port(String port) {
		check(port.matches("\\d{1,5}") && Integer.parseInt(port) > 0 && Integer.parseInt(port) < 65536, "'" + port + "': a port");
		return Integer.parseInt(port);
	}

	private static void check(boolean ok, String message) {
		if (!ok) {
			throw new IllegalArgumentException(message);
		}
	}
}
