package org.mediapath.firewall.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.Addresses;
import org.mediapath.firewall.core.Decision;
import org.mediapath.firewall.core.PortSet;
import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Ruleset;
import org.mediapath.firewall.core.Tri;

import inet.ipaddr.IPAddress;

/**
 * {@code pfctl -sr} (macOS, BSD): the last matching pass or block rule decides, unless a matching rule
 * says {@code quick}, which decides at once; without a match pf passes. Port operators: {@code =},
 * {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code a:b} (inclusive), {@code a >< b}
 * (between, exclusive), {@code a <> b} (outside, exclusive). Rules inside anchors are not in this
 * output; the warning names the anchors.
 */
public final class PfRuleset implements Ruleset {

	public static final String FORMAT = "pfctl -sr";

	private record Rule(int line, String text, boolean pass, boolean quick, String direction, Tri onInterface,
			List<String> protocols, Side from, Side to, boolean undecided) {
	}

	/** An address and port part: "any", an address or table, and an optional port condition. */
	private record Side(Optional<IPAddress> address, boolean addressNegated, boolean addressUnknown, PortSet ports,
			boolean portsUnknown) {
		static final Side ANY = new Side(Optional.empty(), false, false, PortSet.ALL, false);
	}

	private final List<Rule> rules = new ArrayList<>();
	private final List<String> warnings = new ArrayList<>();

	public static PfRuleset parse(List<String> lines) {
		PfRuleset ruleset = new PfRuleset();
		List<String> anchors = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.length() > 4096 || line.isEmpty()) {
				continue;
			}
			if (line.startsWith("anchor ")) {
				anchors.add(line.split("\\s+")[1]);
				continue;
			}
			if (line.startsWith("pass") || line.startsWith("block")) {
				ruleset.rules.add(ruleset.rule(ruleset.rules.size() + 1, line));
			}
		}
		if (!anchors.isEmpty()) {
			ruleset.warnings.add("rules inside anchor(s) " + String.join(", ", anchors) + " are not in pfctl -sr; "
					+ "paste 'pfctl -a NAME -sr' for each (macOS's com.apple anchors are usually empty)");
		}
		return ruleset;
	}

	private Rule rule(int number, String text) {
		List<String> t = tokens(text);
		boolean pass = t.get(0).equals("pass");
		boolean quick = t.contains("quick");
		String direction = t.contains("in") ? "in" : t.contains("out") ? "out" : "both";
		Tri onInterface = Tri.YES;
		boolean undecided = false;
		int on = t.indexOf("on");
		if (on >= 0 && on + 1 < t.size()) {
			String name = t.get(on + 1);
			onInterface = name.equals("lo0") ? Tri.NO : Tri.MAYBE;
		}
		List<String> protocols = new ArrayList<>();
		int proto = t.indexOf("proto");
		if (proto >= 0 && proto + 1 < t.size()) {
			int k = proto + 1;
			if (t.get(k).equals("{")) {
				for (k++; k < t.size() && !t.get(k).equals("}"); k++) {
					if (!t.get(k).equals(",")) {
						protocols.add(t.get(k).toLowerCase(Locale.ROOT));
					}
				}
			} else {
				protocols.add(t.get(k).toLowerCase(Locale.ROOT));
			}
		}
		Side from = Side.ANY;
		Side to = Side.ANY;
		int fromAt = t.indexOf("from");
		int toAt = t.indexOf("to");
		if (fromAt >= 0) {
			from = side(t, fromAt + 1, toAt >= 0 ? toAt : t.size());
		}
		if (toAt >= 0) {
			to = side(t, toAt + 1, t.size());
		}
		if (t.contains("user") || t.contains("group") || t.contains("tagged") || t.contains("os")) {
			undecided = true;
		}
		return new Rule(number, text, pass, quick, direction, onInterface, protocols, from, to, undecided);
	}

	private Side side(List<String> t, int start, int end) {
		Optional<IPAddress> address = Optional.empty();
		boolean negated = false;
		boolean unknownAddress = false;
		PortSet.Builder ports = null;
		boolean portsUnknown = false;
		int k = start;
		if (k < end && t.get(k).equals("!")) {
			negated = true;
			k++;
		}
		if (k < end && !t.get(k).equals("port")) {
			String a = t.get(k);
			if (!a.equals("any") && !a.equals("all")) {
				address = Addresses.parse(a);
				unknownAddress = address.isEmpty(); // <table>, (en0), self, a host name
			}
			k++;
		}
		int port = t.subList(k, end).indexOf("port");
		if (port >= 0) {
			k += port + 1;
			ports = PortSet.builder();
			List<String> conditions = new ArrayList<>();
			if (k < end && t.get(k).equals("{")) {
				for (k++; k < end && !t.get(k).equals("}"); k++) {
					if (!t.get(k).equals(",")) {
						conditions.add(t.get(k));
					}
				}
			} else if (k < end) {
				// "= 5060", "49152:65535", "1000 >< 2000", "1000 <> 2000"
				String condition = t.get(k);
				if (List.of("=", "!=", "<", "<=", ">", ">=").contains(condition) && k + 1 < end) {
					condition += t.get(k + 1);
				} else if (k + 2 < end && (t.get(k + 1).equals("><") || t.get(k + 1).equals("<>"))) {
					condition += t.get(k + 1) + t.get(k + 2);
				}
				conditions.add(condition);
			}
			for (String condition : conditions) {
				PortSet set = port(condition);
				if (set == null) {
					portsUnknown = true;
				} else {
					ports.add(set);
				}
			}
		}
		return new Side(address, negated, unknownAddress, ports == null ? PortSet.ALL : ports.build(), portsUnknown);
	}

	/** One pf port condition: {@code 5060}, {@code = 5060}, {@code 49152:65535}, {@code 1000 >< 2000}, ... */
	static PortSet port(String condition) {
		String c = condition.replace(" ", "");
		try {
			if (c.contains("><")) {
				String[] p = c.split("><");
				return PortSet.of(Integer.parseInt(p[0]) + 1, Integer.parseInt(p[1]) - 1);
			}
			if (c.contains("<>")) {
				String[] p = c.split("<>");
				return PortSet.of(Integer.parseInt(p[0]), Integer.parseInt(p[1])).complement();
			}
			if (c.contains(":")) {
				String[] p = c.split(":");
				return PortSet.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
			}
			for (String op : List.of("!=", "<=", ">=", "=", "<", ">")) {
				if (c.startsWith(op)) {
					int n = Integer.parseInt(c.substring(op.length()));
					return switch (op) {
					case "!=" -> PortSet.of(n, n).complement();
					case "<=" -> PortSet.of(0, n);
					case ">=" -> PortSet.of(n, 65535);
					case "<" -> PortSet.of(0, n - 1);
					case ">" -> PortSet.of(n + 1, 65535);
					default -> PortSet.of(n, n);
					};
				}
			}
			int n = Integer.parseInt(c);
			return PortSet.of(n, n);
		} catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
			return null;
		}
	}

	private static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		for (String word : text.replace("{", " { ").replace("}", " } ").replace(",", " , ").split("\\s+")) {
			if (!word.isEmpty()) {
				tokens.add(word);
			}
		}
		return tokens;
	}

	@Override
	public String format() {
		return FORMAT;
	}

	@Override
	public List<String> warnings() {
		return warnings;
	}

	@Override
	public void boundaries(TransportProtocol protocol, IntConsumer boundary) {
		for (Rule rule : rules) {
			rule.from().ports().boundaries(boundary);
			rule.to().ports().boundaries(boundary);
		}
	}

	@Override
	public Decision judge(Probe probe) {
		return judge(probe, 0);
	}

	/** The verdict of the rules from index {@code from} on: last match wins, a quick match at once. */
	private Decision judge(Probe probe, int from) {
		boolean inbound = probe.direction() == TrafficDirection.INBOUND;
		Rule decided = null;
		Rule undecided = null;
		for (int i = from; i < rules.size(); i++) {
			Rule rule = rules.get(i);
			Tri match = matches(rule, probe, inbound);
			if (match == Tri.NO) {
				continue;
			}
			if (match == Tri.MAYBE) {
				if (rule.quick()) {
					// if it matches it decides now; if not, the rest does: the same verdict either way, or unknown
					Decision rest = judge(probe, i + 1);
					if (rest.verdict() == (rule.pass() ? FirewallVerdict.ALLOWED : FirewallVerdict.BLOCKED)) {
						return rest;
					}
					return Decision.unknown(label(rule), "quick rule " + rule.line() + " decides at once if it matches, "
							+ "which depends on what the question does not fix (interface, address table, user); if not, "
							+ rest.verdict().name().toLowerCase(Locale.ROOT) + " (" + rest.rule() + ")");
				}
				undecided = rule;
				continue;
			}
			decided = rule;
			undecided = null;
			if (rule.quick()) {
				break;
			}
		}
		if (undecided != null) {
			return Decision.unknown(label(undecided), "pf's last matching rule decides, and whether line "
					+ undecided.line() + " matches depends on what the question does not fix (interface, address table, user)");
		}
		if (decided == null) {
			return Decision.allowed("pf: no matching rule", "no pf rule matches, and pf passes what no rule blocks");
		}
		String why = decided.quick() ? "the first matching 'quick' rule decides at once"
				: "it is the last matching rule, and pf's last match wins";
		return decided.pass() ? Decision.allowed(label(decided), "passed by pf rule " + decided.line() + ": " + why)
				: Decision.blocked(label(decided), "blocked by pf rule " + decided.line() + ": " + why);
	}

	private static Tri matches(Rule rule, Probe probe, boolean inbound) {
		if (!rule.direction().equals("both") && rule.direction().equals("in") != inbound) {
			return Tri.NO;
		}
		if (!rule.protocols().isEmpty() && !rule.protocols().contains(probe.protocolName())) {
			return Tri.NO;
		}
		// inbound: "from" is the far end, "to" is this host; outbound the other way round
		Side remote = inbound ? rule.from() : rule.to();
		Side local = inbound ? rule.to() : rule.from();
		Tri result = rule.onInterface().and(rule.undecided() ? Tri.MAYBE : Tri.YES);
		Tri destinationPort = (inbound ? local : remote).portsUnknown() ? Tri.MAYBE
				: Tri.of((inbound ? local : remote).ports().contains(probe.port()));
		Side source = inbound ? remote : local;
		Tri sourcePort = source.portsUnknown() || source.ports().complement().isEmpty() ? Tri.YES : Tri.MAYBE;
		result = result.and(destinationPort).and(sourcePort);
		if (remote.addressUnknown()) {
			result = result.and(Tri.MAYBE);
		} else if (remote.address().isPresent()) {
			result = result.and(probe.remote().isEmpty() ? Tri.MAYBE
					: Tri.of(Addresses.contains(remote.address().get(), probe.remote().get())).negatedIf(remote.addressNegated()));
		}
		if (local.addressUnknown() || local.address().isPresent()) {
			result = result.and(Tri.MAYBE);
		}
		return result;
	}

	private static String label(Rule rule) {
		return "pf rule " + rule.line() + ": " + rule.text();
	}
}
