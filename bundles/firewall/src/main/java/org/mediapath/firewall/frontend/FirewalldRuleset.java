package org.mediapath.firewall.frontend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * {@code firewall-cmd --list-all} (one zone, or several from {@code --list-all-zones}): for inbound
 * traffic a zone's drop/reject rich rules come first, then its accepting rich rules, services, ports
 * and protocols, and last the zone's target — {@code default} and {@code %%REJECT%%} reject what is
 * left (firewalld's trailing reject), {@code DROP} drops it, {@code ACCEPT} lets it in. Outbound
 * traffic is not filtered by a zone. The zone is the one whose sources hold the remote address, else
 * the active zone(s).
 */
public final class FirewalldRuleset implements Ruleset {

	public static final String FORMAT = "firewall-cmd --list-all";

	/** The ports of services firewalld ships, as 'PORT[-PORT]/PROTOCOL' lists. */
	private static final Map<String, String> SERVICES = Map.ofEntries(Map.entry("ssh", "22/tcp"),
			Map.entry("http", "80/tcp"), Map.entry("https", "443/tcp"), Map.entry("dhcpv6-client", "546/udp"),
			Map.entry("dhcp", "67/udp"), Map.entry("dns", "53/tcp 53/udp"), Map.entry("sip", "5060/tcp 5060/udp"),
			Map.entry("sips", "5061/tcp 5061/udp"), Map.entry("cockpit", "9090/tcp"), Map.entry("mdns", "5353/udp"),
			Map.entry("ntp", "123/udp"), Map.entry("snmp", "161/udp"), Map.entry("stun", "3478/tcp 3478/udp"),
			Map.entry("stuns", "5349/tcp 5349/udp"), Map.entry("turn", "3478/tcp 3478/udp"),
			Map.entry("turns", "5349/tcp 5349/udp"), Map.entry("samba-client", "137/udp 138/udp"),
			Map.entry("mysql", "3306/tcp"), Map.entry("postgresql", "5432/tcp"), Map.entry("rdp", "3389/tcp"),
			Map.entry("openvpn", "1194/udp"), Map.entry("wireguard", "51820/udp"), Map.entry("ipsec", "500/udp 4500/udp"));

	private static final Pattern ZONE = Pattern.compile("^([A-Za-z0-9_.-]+)((?: \\((?:active|default)\\))*)\\s*$");
	private static final Pattern FIELD = Pattern.compile("^\\s+([a-z -]+):\\s*(.*)$");
	private static final Pattern RICH = Pattern.compile("^\\s*rule\\b.*$");
	private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)=\"([^\"]*)\"");

	private record Allow(String what, String protocol, PortSet ports) {
	}

	private record RichRule(String text, String action, Optional<IPAddress> source, boolean sourceNegated,
			boolean sourceUnknown, String protocol, PortSet ports, boolean family6, boolean family4, boolean undecided) {
	}

	private static final class Zone {
		final String name;
		final boolean active;
		String target = "default";
		final List<String> sources = new ArrayList<>();
		final List<Allow> allows = new ArrayList<>();
		final List<RichRule> rich = new ArrayList<>();
		final List<String> unknownServices = new ArrayList<>();

		Zone(String name, boolean active) {
			this.name = name;
			this.active = active;
		}
	}

	private final Map<String, Zone> zones = new LinkedHashMap<>();
	private final List<String> warnings = new ArrayList<>();

	public static FirewalldRuleset parse(List<String> lines) {
		FirewalldRuleset ruleset = new FirewalldRuleset();
		ruleset.read(lines);
		return ruleset;
	}

	private void read(List<String> lines) {
		Zone zone = null;
		boolean inRich = false;
		for (String raw : lines) {
			if (raw.length() > 4096 || raw.isBlank()) {
				continue;
			}
			Matcher z = ZONE.matcher(raw);
			if (!Character.isWhitespace(raw.charAt(0)) && z.matches()) {
				zone = new Zone(z.group(1), z.group(2).contains("active"));
				zones.put(zone.name, zone);
				inRich = false;
				continue;
			}
			if (zone == null) {
				continue;
			}
			Matcher f = FIELD.matcher(raw);
			if (f.matches() && !raw.strip().startsWith("rule ")) {
				String key = f.group(1).strip();
				String value = f.group(2).strip();
				Zone current = zone;
				inRich = key.equals("rich rules");
				switch (key) {
				case "target" -> zone.target = value;
				case "sources" -> zone.sources.addAll(words(value));
				case "services" -> words(value).forEach(s -> service(current, s));
				case "ports" -> words(value).forEach(p -> port(current, "port " + p, p));
				case "protocols" -> words(value).forEach(p -> current.allows.add(new Allow("protocol " + p, p, PortSet.ALL)));
				default -> {
				}
				}
				continue;
			}
			if (inRich && RICH.matcher(raw).matches()) {
				zone.rich.add(rich(raw.strip()));
			}
		}
		for (Zone z : zones.values()) {
			if (!z.unknownServices.isEmpty()) {
				warnings.add("zone " + z.name + ": the ports of service(s) " + String.join(", ", z.unknownServices)
						+ " are not known here and count as undecided (paste 'firewall-cmd --info-service=NAME')");
			}
		}
	}

	private static List<String> words(String value) {
		List<String> words = new ArrayList<>();
		for (String word : value.split("\\s+")) {
			if (!word.isBlank()) {
				words.add(word);
			}
		}
		return words;
	}

	private void service(Zone zone, String service) {
		String ports = SERVICES.get(service.toLowerCase(Locale.ROOT));
		if (ports == null) {
			zone.unknownServices.add(service);
			zone.allows.add(new Allow("service " + service, "unknown", null));
			return;
		}
		for (String port : ports.split(" ")) {
			port(zone, "service " + service, port);
		}
	}

	private void port(Zone zone, String what, String spec) {
		int slash = spec.indexOf('/');
		String protocol = slash < 0 ? "any" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
		PortSet ports = ports(slash < 0 ? spec : spec.substring(0, slash));
		if (ports == null) {
			warnings.add("zone " + zone.name + ": " + what + " not understood");
		}
		zone.allows.add(new Allow(what, protocol, ports));
	}

	private static PortSet ports(String text) {
		String[] ends = text.split("-");
		try {
			int first = Integer.parseInt(ends[0].strip());
			int last = ends.length > 1 ? Integer.parseInt(ends[1].strip()) : first;
			return first <= last && last <= 65535 ? PortSet.of(first, last) : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	private RichRule rich(String text) {
		Map<String, String> attributes = new LinkedHashMap<>();
		Matcher a = ATTRIBUTE.matcher(text);
		while (a.find()) {
			attributes.putIfAbsent(a.group(1), a.group(2));
		}
		String action = text.matches(".*\\b(accept|drop|reject)\\b.*")
				? text.replaceAll(".*\\b(accept|drop|reject)\\b.*", "$1")
				: "other";
		boolean undecided = false;
		Optional<IPAddress> source = Optional.empty();
		boolean sourceUnknown = false;
		int sourceAt = text.indexOf("source ");
		if (sourceAt >= 0) {
			String sourceText = text.substring(sourceAt);
			Matcher m = Pattern.compile("source (not )?(?:address|ipset|mac)=\"([^\"]*)\"").matcher(sourceText);
			if (m.find() && sourceText.contains("address=")) {
				source = Addresses.parse(m.group(2));
				sourceUnknown = source.isEmpty();
			} else {
				sourceUnknown = true;
			}
		}
		boolean negated = text.contains("source not ");
		String protocol = "any";
		PortSet ports = PortSet.ALL;
		if (text.contains(" port port=") || text.startsWith("rule port")) {
			protocol = attributes.getOrDefault("protocol", "any");
			ports = ports(attributes.getOrDefault("port", ""));
			if (ports == null) {
				undecided = true;
				ports = PortSet.ALL;
			}
		} else if (text.contains(" service name=")) {
			String name = attributes.getOrDefault("name", "");
			String spec = SERVICES.get(name);
			if (spec != null && !spec.contains(" ")) {
				protocol = spec.substring(spec.indexOf('/') + 1);
				ports = ports(spec.substring(0, spec.indexOf('/')));
			} else {
				undecided = true;
			}
		} else if (text.contains(" protocol value=")) {
			protocol = attributes.getOrDefault("value", "any");
		} else if (text.contains(" forward-port ") || text.contains(" icmp-") || text.contains(" masquerade")) {
			undecided = !text.contains(" icmp-");
			protocol = text.contains(" icmp-") ? "icmp" : "any";
		}
		String family = attributes.getOrDefault("family", "");
		return new RichRule(text, action, source, negated, sourceUnknown, protocol, ports, family.equals("ipv6"),
				family.equals("ipv4"), undecided || action.equals("other"));
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
		for (Zone zone : zones.values()) {
			zone.allows.forEach(a -> {
				if (a.ports() != null) {
					a.ports().boundaries(boundary);
				}
			});
			zone.rich.forEach(r -> r.ports().boundaries(boundary));
		}
	}

	@Override
	public Decision judge(Probe probe) {
		if (probe.direction() == TrafficDirection.OUTBOUND) {
			return Decision.allowed("firewalld: outbound", "firewalld zones filter incoming traffic; outbound is let through");
		}
		List<Zone> candidates = candidates(probe);
		if (candidates.isEmpty()) {
			return Decision.unknown("firewalld", "no zone in the paste");
		}
		Decision first = judge(candidates.get(0), probe);
		for (Zone zone : candidates.subList(1, candidates.size())) {
			Decision other = judge(zone, probe);
			if (other.verdict() != first.verdict()) {
				return Decision.unknown("firewalld zones", "depends on which zone the traffic arrives in: zone "
						+ candidates.get(0).name + " " + first.verdict().name().toLowerCase(Locale.ROOT) + ", zone "
						+ zone.name + " " + other.verdict().name().toLowerCase(Locale.ROOT));
			}
		}
		return first;
	}

	private List<Zone> candidates(Probe probe) {
		if (probe.remote().isPresent()) {
			for (Zone zone : zones.values()) {
				for (String source : zone.sources) {
					Optional<IPAddress> prefix = Addresses.parse(source);
					if (prefix.isPresent() && Addresses.contains(prefix.get(), probe.remote().get())) {
						return List.of(zone);
					}
				}
			}
		}
		List<Zone> active = zones.values().stream().filter(z -> z.active && z.sources.isEmpty()).toList();
		if (!active.isEmpty()) {
			return active;
		}
		List<Zone> withoutSources = zones.values().stream().filter(z -> z.sources.isEmpty()).toList();
		return withoutSources.isEmpty() ? List.copyOf(zones.values()) : withoutSources;
	}

	private Decision judge(Zone zone, Probe probe) {
		Decision undecided = null;
		// firewalld orders a zone's rich rules: deny (drop, reject) before allow (accept)
		for (String pass : List.of("deny", "allow")) {
			for (RichRule rule : zone.rich) {
				boolean deny = rule.action().equals("drop") || rule.action().equals("reject");
				if (pass.equals("deny") != deny || rule.action().equals("other")) {
					continue;
				}
				Tri match = matches(rule, probe);
				if (match == Tri.NO) {
					continue;
				}
				String label = "firewalld zone " + zone.name + ", rich rule: " + rule.text();
				if (match == Tri.MAYBE) {
					if (undecided == null) {
						undecided = Decision.unknown(label, "the rich rule decides if it applies, which depends on "
								+ (rule.sourceUnknown() || probe.remote().isEmpty() ? "the source address" : "what it matches"));
					}
					continue;
				}
				if (undecided != null) {
					return undecided;
				}
				return deny ? Decision.blocked(label, "the rich rule " + rule.action() + "s this traffic; firewalld "
						+ "applies drop and reject rich rules before any allow")
						: Decision.allowed(label, "the rich rule accepts this traffic");
			}
			if (pass.equals("deny")) {
				for (Allow allow : zone.allows) {
					Tri match = allow.ports() == null || allow.protocol().equals("unknown") ? Tri.MAYBE
							: Tri.of((allow.protocol().equals("any") || allow.protocol().equals(probe.protocolName()))
									&& allow.ports().contains(probe.port()));
					if (match == Tri.YES) {
						return undecided != null ? undecided : Decision.allowed("firewalld zone " + zone.name + ", "
								+ allow.what(), "zone " + zone.name + " allows " + allow.what());
					}
					if (match == Tri.MAYBE && undecided == null) {
						undecided = Decision.unknown("firewalld zone " + zone.name + ", " + allow.what(), "zone "
								+ zone.name + " allows " + allow.what() + ", whose ports are not known here");
					}
				}
			}
		}
		if (undecided != null) {
			return undecided;
		}
		String target = zone.target.toUpperCase(Locale.ROOT);
		String label = "firewalld zone " + zone.name + ", target " + zone.target;
		if (target.equals("ACCEPT")) {
			return Decision.allowed(label, "zone " + zone.name + "'s target accepts everything no rule decides");
		}
		String how = target.equals("DROP") ? "drops" : "rejects";
		return new Decision(FirewallVerdict.BLOCKED, label, "no service, port or rich rule of zone " + zone.name
				+ " allows these " + probe.protocolName().toUpperCase(Locale.ROOT) + " ports, so the zone's target "
				+ how + " them (firewalld's trailing " + (target.equals("DROP") ? "drop" : "reject") + ")");
	}

	private static Tri matches(RichRule rule, Probe probe) {
		if (rule.undecided()) {
			return Tri.MAYBE;
		}
		if (rule.family4() && probe.ipv6() || rule.family6() && !probe.ipv6()) {
			return Tri.NO;
		}
		Tri result = Tri.of((rule.protocol().equals("any") || rule.protocol().equals(probe.protocolName()))
				&& rule.ports().contains(probe.port()));
		if (rule.sourceUnknown()) {
			return result.and(Tri.MAYBE);
		}
		if (rule.source().isPresent()) {
			result = result.and(probe.remote().isEmpty() ? Tri.MAYBE
					: Tri.of(Addresses.contains(rule.source().get(), probe.remote().get())).negatedIf(rule.sourceNegated()));
		}
		return result;
	}
}
