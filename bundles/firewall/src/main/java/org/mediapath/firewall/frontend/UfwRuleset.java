package org.mediapath.firewall.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * {@code ufw status verbose}: the rules in order, the first that matches decides, and without one
 * the {@code Default:} line does (deny incoming, allow outgoing unless changed). An inactive ufw
 * filters nothing itself — other rules of the host may still.
 */
public final class UfwRuleset implements Ruleset {

	public static final String FORMAT = "ufw status verbose";

	/** Application profiles ufw ships, by the ports they open. */
	private static final Map<String, String> APPS = Map.of("openssh", "22/tcp", "apache", "80/tcp",
			"apache full", "80,443/tcp", "apache secure", "443/tcp", "nginx http", "80/tcp", "nginx https", "443/tcp",
			"nginx full", "80,443/tcp", "bind9", "53");
	private static final Pattern DEFAULT = Pattern.compile(
			"^Default:\\s*(\\w+)\\s*\\(incoming\\),\\s*(\\w+)\\s*\\(outgoing\\)(?:,\\s*(\\w+)\\s*\\(routed\\))?.*$");
	private static final Pattern PORTS = Pattern.compile("^(\\d+(?::\\d+)?(?:,\\d+(?::\\d+)?)*)(?:/(tcp|udp))?$");

	private record Rule(int number, String text, String action, boolean inbound, Optional<PortSet> ports,
			String protocol, String address, boolean ipv6, boolean onInterface, boolean understood) {
	}

	private final List<Rule> rules = new ArrayList<>();
	private final List<String> warnings = new ArrayList<>();
	private boolean active = true;
	private String defaultIncoming = "deny";
	private String defaultOutgoing = "allow";
	private boolean sawDefault;

	public static UfwRuleset parse(List<String> lines) {
		UfwRuleset ruleset = new UfwRuleset();
		ruleset.read(lines);
		return ruleset;
	}

	private void read(List<String> lines) {
		boolean table = false;
		for (String raw : lines) {
			if (raw.length() > 4096) {
				continue;
			}
			String line = raw.strip();
			if (line.startsWith("Status:") || line.startsWith("Zustand:")) {
				active = line.contains("active") && !line.contains("inactive") || line.endsWith("aktiv");
				continue;
			}
			Matcher d = DEFAULT.matcher(line);
			if (d.matches()) {
				defaultIncoming = d.group(1).toLowerCase(Locale.ROOT);
				defaultOutgoing = d.group(2).toLowerCase(Locale.ROOT);
				sawDefault = true;
				continue;
			}
			if (line.startsWith("To ") && line.contains("Action")) {
				table = true;
				continue;
			}
			if (!table || line.isEmpty() || line.startsWith("--")) {
				continue;
			}
			String[] columns = line.split("\\s{2,}");
			if (columns.length < 3) {
				warnings.add("ufw rule line not understood: " + shorten(line));
				continue;
			}
			rules.add(rule(rules.size() + 1, line, columns[0], columns[1], columns[2]));
		}
		if (!active) {
			warnings.add("ufw is inactive: it filters nothing, but the host may have other netfilter rules (paste nft list ruleset)");
		}
		if (active && !sawDefault) {
			warnings.add("no Default: line (ufw status without verbose): ufw's defaults, deny incoming and allow "
					+ "outgoing, are assumed");
		}
	}

	private Rule rule(int number, String text, String to, String action, String from) {
		boolean ipv6 = to.contains("(v6)") || from.contains("(v6)");
		String target = to.replace("(v6)", "").strip();
		boolean onInterface = target.contains(" on ");
		if (onInterface) {
			target = target.substring(0, target.indexOf(" on ")).strip();
		}
		String[] verb = action.split("\\s+");
		String act = verb[0].toLowerCase(Locale.ROOT);
		boolean inbound = verb.length < 2 || !verb[1].equalsIgnoreCase("OUT");
		Optional<PortSet> ports = Optional.of(PortSet.ALL);
		String protocol = "any";
		boolean understood = true;
		// "To" is "Anywhere", a port spec, an address, "ADDRESS PORTSPEC" or an application profile
		String portSpec = target;
		if (target.contains(" ")) {
			portSpec = target.substring(target.lastIndexOf(' ') + 1);
		}
		String app = APPS.get(target.toLowerCase(Locale.ROOT));
		if (app != null) {
			portSpec = app;
		}
		Matcher m = PORTS.matcher(portSpec);
		if (m.matches()) {
			PortSet.Builder builder = PortSet.builder();
			for (String part : m.group(1).split(",")) {
				String[] ends = part.split(":");
				builder.add(Integer.parseInt(ends[0]), Integer.parseInt(ends[ends.length - 1]));
			}
			ports = Optional.of(builder.build());
			protocol = m.group(2) == null ? "any" : m.group(2);
		} else if (!target.equalsIgnoreCase("Anywhere") && Addresses.parse(target).isEmpty()) {
			ports = Optional.empty();
			understood = false;
			warnings.add("ufw rule " + number + " names '" + shorten(target) + "', whose ports are not known here; "
					+ "it is undecided (paste 'ufw app info " + shorten(target) + "')");
		}
		String address = from.replace("(v6)", "").strip();
		return new Rule(number, text, act, inbound, ports, protocol, address, ipv6, onInterface, understood);
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
		rules.forEach(r -> r.ports().ifPresent(p -> p.boundaries(boundary)));
	}

	@Override
	public Decision judge(Probe probe) {
		if (!active) {
			return Decision.allowed("ufw inactive", "ufw is inactive, so it blocks nothing");
		}
		boolean inbound = probe.direction() == TrafficDirection.INBOUND;
		for (Rule rule : rules) {
			if (rule.inbound() != inbound || rule.ipv6() != probe.ipv6()) {
				continue;
			}
			Tri match = matches(rule, probe);
			if (match == Tri.NO) {
				continue;
			}
			Decision decision = decide(rule);
			if (match == Tri.MAYBE) {
				return Decision.unknown(label(rule), "ufw rule " + rule.number() + " decides if it applies, which depends on " + (rule.onInterface() ? "the interface"
								: rule.understood() ? "the remote address" : "an application profile's ports")
						+ "; ufw's first matching rule wins");
			}
			return decision;
		}
		String policy = inbound ? defaultIncoming : defaultOutgoing;
		String label = "ufw Default: " + policy + " (" + (inbound ? "incoming" : "outgoing") + ")";
		if (policy.equals("allow")) {
			return Decision.allowed(label, "no ufw rule matches and the default " + (inbound ? "incoming" : "outgoing")
					+ " policy allows");
		}
		return Decision.blocked(label, "no ufw rule allows these " + probe.protocolName().toUpperCase(Locale.ROOT)
				+ " ports, so ufw's default " + (inbound ? "incoming" : "outgoing") + " policy (" + policy + ") blocks them");
	}

	private static Tri matches(Rule rule, Probe probe) {
		if (rule.ports().isEmpty()) {
			return Tri.MAYBE;
		}
		if (!rule.protocol().equals("any") && !rule.protocol().equals(probe.protocolName())) {
			return Tri.NO;
		}
		Tri result = Tri.of(rule.ports().get().contains(probe.port()));
		if (!rule.address().equalsIgnoreCase("Anywhere")) {
			Optional<IPAddress> address = Addresses.parse(rule.address().split(" ")[0]);
			result = result.and(address.isEmpty() || probe.remote().isEmpty() ? Tri.MAYBE
					: Tri.of(Addresses.contains(address.get(), probe.remote().get())));
		}
		return rule.onInterface() ? result.and(Tri.MAYBE) : result;
	}

	private static Decision decide(Rule rule) {
		String reason = "ufw rule " + rule.number() + " (" + rule.text().replaceAll("\\s{2,}", " ") + ") is the first that matches";
		return switch (rule.action()) {
		case "allow" -> Decision.allowed(label(rule), reason);
		case "limit" -> Decision.allowed(label(rule), reason + "; LIMIT allows up to 6 new connections in 30 s per address");
		default -> Decision.blocked(label(rule), reason + ", and its action is " + rule.action().toUpperCase(Locale.ROOT));
		};
	}

	private static String label(Rule rule) {
		return "ufw rule " + rule.number() + ": " + rule.text().replaceAll("\\s{2,}", " ");
	}

	private static String shorten(String text) {
		return text.length() <= 60 ? text : text.substring(0, 57) + "...";
	}
}
