package org.mediapath.firewall.bench;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.firewall.Fixtures;

/**
 * Measures, does not judge: how long the analysis of a 2,000-rule paste takes (the target is
 * under 200 ms) in each large format — nft list ruleset, iptables-save, netsh verbose (English), and
 * Get-NetFirewallRule JSON — for the whole port range 1-65535 and for a softphone's 49152-65535. The
 * rules are generated (seeded): random port ranges, a fifth program-scoped, profiles mixed. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> org.mediapath.firewall.bench.LargePasteBenchmark [rounds [rules]]}.
 */
public final class LargePasteBenchmark {

	private LargePasteBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
		int rules = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
		System.out.printf("machine: %s %s, %d cores, Java %s; %d rules per paste%n", System.getProperty("os.name"),
				System.getProperty("os.version"), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), rules);
		String[][] pastes = { { "nft list ruleset", nft(rules) }, { "iptables-save", iptables(rules) },
				{ "netsh verbose", netsh(rules) }, { "Get-NetFirewallRule JSON", powershell(rules) } };
		for (String[] paste : pastes) {
			for (String range : new String[] { "1-65535", "49152-65535" }) {
				FirewallQuestion question = FirewallQuestion.of(TrafficDirection.INBOUND, TransportProtocol.UDP,
						PortRange.parse("ports", range));
				FirewallAnswer answer = Fixtures.ANALYSER.analysePasted(paste[1], question);
				report(String.format("%-26s %4d KiB, UDP %-12s %5d runs", paste[0], paste[1].length() / 1024, range,
						answer.runs().size()), rounds, () -> Fixtures.ANALYSER.analysePasted(paste[1], question));
			}
		}
	}

	private static int[] range(Random random) {
		int first = 1 + random.nextInt(65000);
		return new int[] { first, Math.min(65535, first + random.nextInt(2000)) };
	}

	static String nft(int rules) {
		Random random = new Random(1);
		StringBuilder s = new StringBuilder("table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n"
				+ "\t\tct state established,related accept\n\t\tiif \"lo\" accept\n");
		for (int i = 0; i < rules; i++) {
			int[] r = range(random);
			String verdict = random.nextInt(5) == 0 ? "drop" : "accept";
			String source = random.nextInt(4) == 0 ? "ip saddr 198.18." + random.nextInt(256) + ".0/24 " : "";
			s.append("\t\t").append(source).append(random.nextBoolean() ? "udp" : "tcp").append(" dport ").append(r[0])
					.append('-').append(r[1]).append(" counter packets 0 bytes 0 ").append(verdict).append(" # handle ")
					.append(i + 10).append('\n');
		}
		return s.append("\t}\n}\n").toString();
	}

	static String iptables(int rules) {
		Random random = new Random(2);
		StringBuilder s = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
				+ "-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
		for (int i = 0; i < rules; i++) {
			int[] r = range(random);
			String protocol = random.nextBoolean() ? "udp" : "tcp";
			s.append("-A INPUT ").append(random.nextInt(4) == 0 ? "-s 198.18." + random.nextInt(256) + ".0/24 " : "")
					.append("-p ").append(protocol).append(" -m ").append(protocol).append(" --dport ").append(r[0]).append(':')
					.append(r[1]).append(" -j ").append(random.nextInt(5) == 0 ? "DROP" : "ACCEPT").append('\n');
		}
		return s.append("COMMIT\n").toString();
	}

	static String netsh(int rules) {
		Random random = new Random(3);
		String[] profiles = { "Domain,Private,Public", "Public", "Private", "Domain" };
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < rules; i++) {
			int[] r = range(random);
			String program = random.nextInt(5) == 0 ? "C:\\Program Files\\App" + random.nextInt(40) + "\\app.exe" : "Any";
			s.append("\nRule Name:                            Rule ").append(i).append('\n')
					.append("----------------------------------------------------------------------\n")
					.append("Enabled:                              ").append(random.nextInt(10) == 0 ? "No" : "Yes").append('\n')
					.append("Direction:                            ").append(random.nextInt(4) == 0 ? "Out" : "In").append('\n')
					.append("Profiles:                             ").append(profiles[random.nextInt(profiles.length)]).append('\n')
					.append("Grouping:                             \nLocalIP:                              Any\n")
					.append("RemoteIP:                             Any\n")
					.append("Protocol:                             ").append(random.nextBoolean() ? "UDP" : "TCP").append('\n')
					.append("LocalPort:                            ").append(r[0]).append('-').append(r[1]).append('\n')
					.append("RemotePort:                           Any\nEdge traversal:                       No\n")
					.append("Program:                              ").append(program).append('\n')
					.append("InterfaceTypes:                       Any\nSecurity:                             NotRequired\n")
					.append("Rule source:                          Local Setting\n")
					.append("Action:                               ").append(random.nextInt(5) == 0 ? "Block" : "Allow").append('\n');
		}
		return s.append("Ok.\n").toString();
	}

	static String powershell(int rules) {
		Random random = new Random(4);
		StringBuilder s = new StringBuilder("[\n");
		for (int i = 0; i < rules; i++) {
			int[] r = range(random);
			s.append(i == 0 ? "" : ",\n").append("{\"DisplayName\": \"Rule ").append(i).append("\", \"Direction\": ")
					.append(random.nextInt(4) == 0 ? 2 : 1).append(", \"Action\": ").append(random.nextInt(5) == 0 ? 4 : 2)
					.append(", \"Enabled\": 1, \"Profile\": ").append(random.nextInt(8)).append(", \"Protocol\": \"")
					.append(random.nextBoolean() ? "UDP" : "TCP").append("\", \"LocalPort\": {\"value\": [\"").append(r[0])
					.append('-').append(r[1]).append("\"], \"Count\": 1}, \"RemotePort\": \"Any\", \"RemoteAddress\": \"Any\", ")
					.append("\"Program\": \"").append(random.nextInt(5) == 0 ? "C:\\\\Apps\\\\app" + random.nextInt(40) + ".exe" : "Any")
					.append("\"}");
		}
		return s.append("\n]\n").toString();
	}

	private static void report(String what, int rounds, Supplier<?> task) {
		for (int i = 0; i < Math.min(5, rounds); i++) {
			task.get();
		}
		double[] millis = new double[rounds];
		double[] cpu = new double[rounds];
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		for (int i = 0; i < rounds; i++) {
			long start = System.nanoTime();
			long startCpu = threads.getCurrentThreadCpuTime();
			task.get();
			cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		Arrays.sort(cpu);
		// on a shared machine the wall clock includes waiting for a core; the thread's CPU time does not
		System.out.printf("%s  n=%d  wall median %.1f p95 %.1f ms  cpu median %.1f p95 %.1f ms%n", what, rounds,
				millis[rounds / 2], millis[(int) (rounds * 0.95)], cpu[rounds / 2], cpu[(int) (rounds * 0.95)]);
	}
}
