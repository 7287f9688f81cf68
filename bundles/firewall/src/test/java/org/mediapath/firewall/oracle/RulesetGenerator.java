package org.mediapath.firewall.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but valid netfilter rulesets for {@link KernelOracleTest}: several tables and base chains
 * on the input and prerouting hooks at different priorities and policies, regular chains reached by
 * jump and goto (never in a loop), port ranges, anonymous and named sets, negations, address
 * matches, connection states and loopback rules. Port boundaries lie at {@link #ANCHORS} and one
 * port either side, which are the ports the test sends to.
 */
final class RulesetGenerator {

	static final int[] ANCHORS = { 1000, 5060, 10000, 20000, 30000, 31000, 33000, 49152, 60000 };
	static final String RECEIVER = "198.18.7.2";
	static final String[] SENDERS = { "198.18.7.1", "198.18.7.3" };
	private static final String[] ADDRESSES = { "198.18.7.1", "198.18.7.3", "198.18.7.0/30", "198.18.7.2/31",
			"198.18.6.0/24", "198.18.7.0/24", "198.18.7.1-198.18.7.2" };

	private final Random random;

	RulesetGenerator(long seed) {
		this.random = new Random(seed);
	}

	/** @return the ports a test sends to: every anchor and one port either side, plus a few others */
	static List<Integer> sampledPorts() {
		List<Integer> ports = new ArrayList<>();
		for (int anchor : ANCHORS) {
			ports.add(anchor - 1);
			ports.add(anchor);
			ports.add(anchor + 1);
		}
		ports.addAll(List.of(777, 12345, 40000, 55555, 65535));
		return ports;
	}

	String sender() {
		return SENDERS[random.nextInt(SENDERS.length)];
	}

	private int port() {
		return ANCHORS[random.nextInt(ANCHORS.length)] + random.nextInt(3) - 1;
	}

	private String range(String separator) {
		int a = port();
		int b = port();
		// iptables' multiport refuses a range whose ends are equal
		return a == b ? Integer.toString(a) : Math.min(a, b) + separator + Math.max(a, b);
	}

	private <T> T pick(T[] values) {
		return values[random.nextInt(values.length)];
	}

	// ---- nft

	String nft() {
		StringBuilder s = new StringBuilder();
		int tables = 1 + random.nextInt(3);
		for (int t = 0; t < tables; t++) {
			String family = pick(new String[] { "inet", "inet", "inet", "ip", "ip", "ip6" });
			s.append("table ").append(family).append(" t").append(t).append(" {\n");
			boolean portSet = random.nextBoolean();
			boolean addressSet = !family.equals("ip6") && random.nextInt(3) == 0;
			if (portSet) {
				s.append("  set ports { type inet_service; flags interval; elements = { ");
				int n = 1 + random.nextInt(3);
				List<String> elements = new ArrayList<>();
				List<int[]> used = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					int a = port();
					int b = random.nextBoolean() ? a : port();
					int low = Math.min(a, b);
					int high = Math.max(a, b);
					// interval sets refuse overlapping elements
					if (used.stream().anyMatch(u -> low <= u[1] + 1 && high >= u[0] - 1)) {
						continue;
					}
					used.add(new int[] { low, high });
					elements.add(low == high ? Integer.toString(low) : low + "-" + high);
				}
				s.append(String.join(", ", elements)).append(" } }\n");
			}
			if (addressSet) {
				s.append("  set addrs { type ipv4_addr; flags interval; elements = { ")
						.append(pick(new String[] { "198.18.7.1", "198.18.7.0/30", "198.18.7.3, 198.18.6.0/24", "198.18.7.2" }))
						.append(" } }\n");
			}
			int regular = random.nextInt(3);
			for (int c = regular - 1; c >= 0; c--) {
				s.append("  chain c").append(c).append(" {\n");
				rules(s, family, c, regular, true, portSet, addressSet);
				s.append("  }\n");
			}
			int bases = 1 + random.nextInt(2);
			for (int b = 0; b < bases; b++) {
				boolean input = random.nextInt(4) != 0;
				s.append("  chain b").append(b).append(" {\n    type filter hook ").append(input ? "input" : "prerouting")
						.append(" priority ")
						.append(pick(new String[] { "-300", "-150", "-10", "0", "10", "filter", "filter + 5", "raw", "mangle" }))
						.append("; policy ").append(random.nextInt(5) < 2 ? "drop" : "accept").append(";\n");
				rules(s, family, -1, input ? regular : 0, input, portSet, addressSet);
				s.append("  }\n");
			}
			s.append("}\n");
		}
		return s.toString();
	}

	private void rules(StringBuilder s, String family, int self, int regular, boolean input, boolean portSet,
			boolean addressSet) {
		int n = random.nextInt(6);
		for (int r = 0; r < n; r++) {
			List<String> parts = new ArrayList<>();
			int conditions = random.nextInt(3);
			// nft refuses a rule that names two transport protocols or two address families
			protocol = random.nextInt(4) == 0 ? "tcp" : "udp";
			ip = family.equals("ip6") ? "ip6" : family.equals("ip") ? "ip" : random.nextInt(5) == 0 ? "ip6" : "ip";
			for (int k = 0; k < conditions; k++) {
				parts.add(nftCondition(family, portSet, addressSet));
			}
			// nft takes a protocol set before a port match as a conflict; after it, it is fine
			parts.sort(java.util.Comparator.comparing(part -> part.startsWith("meta l4proto {")));
			parts.add(nftVerdict(self, regular, input));
			s.append("    ").append(String.join(" ", parts)).append('\n');
		}
	}

	private String protocol = "udp";
	private String ip = "ip";

	private String nftCondition(String family, boolean portSet, boolean addressSet) {
		switch (random.nextInt(11)) {
		case 0, 1, 2, 3:
			return protocol + " dport " + nftPorts();
		case 4:
			return "th dport " + nftPorts();
		case 5:
			return pick(new String[] { "meta l4proto " + protocol, "meta l4proto { tcp, udp }", "meta l4proto != " + protocol,
					(ip.equals("ip6") ? "meta l4proto " : "ip protocol ") + protocol });
		case 6:
			if (ip.equals("ip6")) {
				return "ip6 saddr " + pick(new String[] { "2001:db8::/32", "!= 2001:db8::1" });
			}
			return "ip saddr " + (random.nextInt(3) == 0 ? "!= " : "") + pick(ADDRESSES);
		case 7:
			return pick(new String[] { "ct state established,related", "ct state new", "ct state invalid",
					"ct state { new, established }", "ct state != established" });
		case 8:
			return pick(new String[] { "iifname \"lo\"", "iif \"lo\"", "iifname != \"lo\"" });
		case 9:
			return portSet ? protocol + " dport @ports" : protocol + " dport != " + port();
		default:
			return addressSet && ip.equals("ip") ? "ip saddr @addrs" : protocol + " dport " + random.nextInt(65535 + 1);
		}
	}

	private String nftPorts() {
		return switch (random.nextInt(6)) {
		case 0 -> Integer.toString(port());
		case 1, 2 -> range("-");
		case 3 -> "{ " + port() + ", " + range("-") + " }";
		case 4 -> "!= " + range("-");
		default -> pick(new String[] { "< ", ">= ", "> ", "<= " }) + port();
		};
	}

	private String nftVerdict(int self, int regular, boolean input) {
		int choice = random.nextInt(10);
		if (choice >= 8 && regular > self + 1) {
			int target = self + 1 + random.nextInt(regular - self - 1);
			return (choice == 8 ? "jump c" : "goto c") + target;
		}
		return switch (choice % 8) {
		case 0, 1, 2 -> "accept";
		case 3, 4 -> "drop";
		case 5 -> input ? "reject" : "drop";
		case 6 -> "counter";
		default -> self >= 0 || random.nextBoolean() ? "return" : "counter accept";
		};
	}

	// ---- iptables-restore

	String iptables() {
		StringBuilder s = new StringBuilder();
		if (random.nextInt(3) == 0) {
			s.append("*raw\n:PREROUTING ").append(random.nextInt(4) == 0 ? "DROP" : "ACCEPT").append(" [0:0]\n:OUTPUT ACCEPT [0:0]\n");
			iptablesRules(s, "PREROUTING", -1, 0, false);
			s.append("COMMIT\n");
		}
		if (random.nextInt(3) == 0) {
			s.append("*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ").append(random.nextInt(4) == 0 ? "DROP" : "ACCEPT")
					.append(" [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n");
			iptablesRules(s, "PREROUTING", -1, 0, false);
			iptablesRules(s, "INPUT", -1, 0, false);
			s.append("COMMIT\n");
		}
		int users = random.nextInt(3);
		s.append("*filter\n:INPUT ").append(random.nextInt(5) < 2 ? "DROP" : "ACCEPT")
				.append(" [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
		for (int u = 0; u < users; u++) {
			s.append(":U").append(u).append(" - [0:0]\n");
		}
		iptablesRules(s, "INPUT", -1, users, true);
		for (int u = 0; u < users; u++) {
			iptablesRules(s, "U" + u, u, users, true);
		}
		s.append("COMMIT\n");
		return s.toString();
	}

	private void iptablesRules(StringBuilder s, String chain, int self, int users, boolean filter) {
		int n = random.nextInt(6);
		for (int r = 0; r < n; r++) {
			StringBuilder rule = new StringBuilder("-A ").append(chain);
			int conditions = random.nextInt(3);
			boolean protocol = false;
			boolean source = false;
			boolean in = false;
			for (int k = 0; k < conditions; k++) {
				switch (random.nextInt(6)) {
				case 0, 1 -> {
					if (!protocol) {
						protocol = true;
						String p = random.nextInt(4) == 0 ? "tcp" : "udp";
						rule.append(switch (random.nextInt(4)) {
						case 0 -> " -p " + p + " -m " + p + " --dport " + port();
						case 1 -> " -p " + p + " -m " + p + " --dport " + range(":");
						case 2 -> " -p " + p + " -m " + p + " ! --dport " + range(":");
						default -> " -p " + p + " -m multiport --dports " + port() + "," + range(":");
						});
					}
				}
				case 2 -> {
					if (!source) {
						source = true;
						rule.append(random.nextInt(3) == 0 ? " ! -s " : " -s ")
								.append(pick(new String[] { "198.18.7.1/32", "198.18.7.3/32", "198.18.7.0/30", "198.18.6.0/24" }));
					}
				}
				case 3 -> rule.append(pick(new String[] { " -m conntrack --ctstate NEW", " -m conntrack --ctstate RELATED,ESTABLISHED",
						" -m state --state INVALID", " -m conntrack ! --ctstate ESTABLISHED" }));
				case 4 -> {
					if (!in) {
						in = true;
						rule.append(pick(new String[] { " -i lo", " ! -i lo" }));
					}
				}
				default -> {
					if (!protocol) {
						protocol = true;
						rule.append(random.nextBoolean() ? " -p udp" : " -p tcp");
					}
				}
				}
			}
			int choice = random.nextInt(10);
			String target;
			if (choice >= 8 && users > self + 1) {
				target = (choice == 8 ? " -j U" : " -g U") + (self + 1 + random.nextInt(users - self - 1));
			} else {
				target = switch (choice % 8) {
				case 0, 1, 2 -> " -j ACCEPT";
				case 3, 4 -> " -j DROP";
				case 5 -> filter ? " -j REJECT --reject-with icmp-port-unreachable" : " -j DROP";
				case 6 -> filter ? " -j LOG --log-prefix \"mp oracle \"" : " -j ACCEPT";
				default -> " -j RETURN";
				};
			}
			s.append(rule).append(target).append('\n');
		}
	}
}
