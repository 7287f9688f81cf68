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
		int expectExit, String expectVerdict, String expectCause, List<String> expectEvidence, String knownBug) {

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

	/** A socat TUN tunnel carried in UDP over an underlay address pair (a VPN stand-in). */
	record Tunnel(End a, String underlayA, End b, String underlayB, int port) {
	}

	record Route(String namespace, List<String> spec) {
	}

	record Signalling(String namespace, String address, int port) {
	}

	/** A {@code mediapath responder}; {@code --secret-file} is added by the lab. */
	record Responder(String key, String namespace, List<String> args) {
	}

	static final String SECRET_PLACEHOLDER = "${secret}";
	private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
	private static final Pattern DEVICE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,14}");
	private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9]{0,9}");
	private static final Set<String> CHAINS = Set.of("input", "forward", "output");

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
			check(w.size() == 5, "tunnel: expected 'ns/dev/addr/len underlayA ns/dev/addr/len underlayB udpPort', got '" + v + "'");
			tunnels.add(new Tunnel(end(w.get(0), namespaces), address(w.get(1)), end(w.get(2), namespaces), address(w.get(3)),
					port(w.get(4))));
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
				check(parts.length == 3 && CHAINS.contains(parts[2]), key + ": expected nft.ROLE.input|forward|output");
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
			responders.add(new Responder(key, role(w.get(0), namespaces), List.copyOf(w.subList(1, w.size()))));
		}
		List<String> diagnose = words(required(p, "diagnose"));
		check(diagnose.size() >= 3, "diagnose: expected 'ns --server HOST ...'");
		String diagnoseNamespace = role(diagnose.get(0), namespaces);
		List<String> diagnoseArgs = List.copyOf(diagnose.subList(1, diagnose.size()));
		check(diagnoseArgs.contains("--json"), "diagnose: the lab reads the JSON report, add --json");

		int exit = Integer.parseInt(required(p, "expect.exit"));
		String verdict = required(p, "expect.verdict");
		check(verdict.equals("OK") || verdict.equals("FAILED"), "expect.verdict: OK or FAILED");
		String cause = p.getProperty("expect.cause", "").strip();
		check(verdict.equals("OK") == cause.isEmpty(), "expect.cause: required exactly when expect.verdict is FAILED");
		List<String> evidence = numbered(p, "expect.evidence");

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
				tunnels, routes, nft, signalling, responders, diagnoseNamespace, diagnoseArgs, exit, verdict,
				cause.isEmpty() ? null : cause, evidence, p.getProperty("known.bug", "").strip().isEmpty() ? null
						: p.getProperty("known.bug").strip());
	}

	@Override
	public String toString() {
		return name;
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
