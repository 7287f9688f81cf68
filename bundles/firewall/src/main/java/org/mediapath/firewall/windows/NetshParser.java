package org.mediapath.firewall.windows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mediapath.firewall.core.PortSet;

/**
 * Reads {@code netsh advfirewall firewall show rule name=all [verbose]} and
 * {@code netsh advfirewall show allprofiles|currentprofile} in English and German. Labels and values
 * are both translated and the value column differs between the languages, so a line is cut at its
 * first colon (rules) or at its first run of blanks (profile settings), never at a column. A rule list
 * in another language is refused by name rather than guessed.
 */
public final class NetshParser {

	/** Rule labels, English and German, to the canonical key. */
	private static final Map<String, String> RULE_LABELS = Map.ofEntries(Map.entry("rule name", "name"),
			Map.entry("regelname", "name"), Map.entry("enabled", "enabled"), Map.entry("aktiviert", "enabled"),
			Map.entry("direction", "direction"), Map.entry("richtung", "direction"), Map.entry("profiles", "profiles"),
			Map.entry("profile", "profiles"), Map.entry("grouping", "grouping"), Map.entry("gruppierung", "grouping"),
			Map.entry("localip", "localip"), Map.entry("lokale ip", "localip"), Map.entry("remoteip", "remoteip"),
			Map.entry("remote-ip", "remoteip"), Map.entry("protocol", "protocol"), Map.entry("protokoll", "protocol"),
			Map.entry("localport", "localport"), Map.entry("lokaler port", "localport"),
			Map.entry("remoteport", "remoteport"), Map.entry("remote-port", "remoteport"),
			Map.entry("edge traversal", "edge"), Map.entry("edgeausnahme", "edge"), Map.entry("edge-durchquerung", "edge"),
			Map.entry("program", "program"), Map.entry("programm", "program"), Map.entry("service", "service"),
			Map.entry("dienst", "service"), Map.entry("interfacetypes", "interfacetypes"),
			Map.entry("schnittstellentypen", "interfacetypes"), Map.entry("security", "security"),
			Map.entry("sicherheit", "security"), Map.entry("rule source", "source"), Map.entry("regelquelle", "source"),
			Map.entry("action", "action"), Map.entry("aktion", "action"), Map.entry("description", "description"),
			Map.entry("beschreibung", "description"));

	/** What a rule list held. */
	public record Rules(List<WindowsRule> rules, boolean verbose, List<String> warnings) {
	}

	private NetshParser() {
	}

	public static Rules parseRules(List<String> lines) {
		List<String> warnings = new ArrayList<>();
		List<WindowsRule> rules = new ArrayList<>();
		Map<String, String> fields = null;
		boolean verbose = false;
		boolean refused = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.length() > 4096 || line.isBlank() || line.startsWith("---") || line.strip().equals("Ok.")) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String label = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
			String value = line.substring(colon + 1).strip();
			String key = RULE_LABELS.get(label);
			if (key == null) {
				boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("-----");
				if (header && !refused) {
					refused = true;
					warnings.add("netsh output in a language mediapath does not read (its rules start with '"
							+ shorten(line.substring(0, colon)) + ":'): it was not judged; paste it from an English or "
							+ "German system, or paste the PowerShell ConvertTo-Json form, which has no language");
				}
				if (header) {
					fields = null;
				}
				continue;
			}
			if (key.equals("name")) {
				if (fields != null) {
					rules.add(rule(fields, warnings));
				}
				fields = new HashMap<>();
			}
			if (fields == null) {
				continue;
			}
			if (key.equals("program")) {
				verbose = true;
			}
			fields.put(key, value);
		}
		if (fields != null) {
			rules.add(rule(fields, warnings));
		}
		if (!rules.isEmpty() && !verbose) {
			warnings.add("the rule list is not verbose (no Program: lines), so the programs rules are scoped to are "
					+ "unknown and rules that might be scoped are undecided; paste 'netsh advfirewall firewall show rule "
					+ "name=all verbose'");
		}
		return new Rules(rules, verbose, warnings);
	}

	private static WindowsRule rule(Map<String, String> f, List<String> warnings) {
		String name = f.getOrDefault("name", "");
		String action = WindowsValues.word(f.getOrDefault("action", ""));
		WindowsRule.Action a = switch (action) {
		case "block" -> WindowsRule.Action.BLOCK;
		case "bypass" -> WindowsRule.Action.BYPASS;
		default -> WindowsRule.Action.ALLOW;
		};
		if (!f.containsKey("action")) {
			warnings.add("rule '" + shorten(name) + "' has no Action line; taken as allow");
		}
		PortSet local = f.containsKey("localport") ? WindowsValues.ports(List.of(f.get("localport"))) : PortSet.ALL;
		PortSet remote = f.containsKey("remoteport") ? WindowsValues.ports(List.of(f.get("remoteport"))) : PortSet.ALL;
		String protocol = WindowsValues.protocol(f.getOrDefault("protocol", "any"));
		return new WindowsRule(name, WindowsValues.word(f.getOrDefault("enabled", "yes")).equals("yes"),
				!WindowsValues.word(f.getOrDefault("direction", "in")).equals("out"), a,
				WindowsValues.profiles(f.getOrDefault("profiles", "any")), protocol, local, remote,
				WindowsValues.list(f.getOrDefault("remoteip", "Any")), f.get("program"), f.get("service"),
				f.get("interfacetypes"));
	}

	/** Profile section titles, English and German, to the profile. */
	private static final Map<String, String> PROFILE_TITLES = Map.of("domain profile settings", "domain",
			"private profile settings", "private", "public profile settings", "public", "domänenprofil-einstellungen",
			"domain", "privates profil-einstellungen", "private", "öffentliches profil-einstellungen", "public");

	/** What the profile settings held. */
	public record Profiles(List<ProfileSettings> profiles, List<String> warnings) {
	}

	public static Profiles parseProfiles(List<String> lines) {
		List<ProfileSettings> profiles = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		String profile = null;
		Boolean on = null;
		String policy = null;
		for (String raw : lines) {
			if (raw.length() > 4096) {
				continue;
			}
			String line = raw.strip();
			String title = line.replaceAll("\\s*:\\s*$", "").replace("Profil -Einstellungen", "Profil-Einstellungen")
					.toLowerCase(java.util.Locale.ROOT);
			if (PROFILE_TITLES.containsKey(title)) {
				if (profile != null) {
					profiles.add(settings(profile, on, policy, warnings));
				}
				profile = PROFILE_TITLES.get(title);
				on = null;
				policy = null;
				continue;
			}
			String[] parts = line.split("\\s{2,}", 2);
			if (profile == null || parts.length < 2) {
				continue;
			}
			String label = parts[0].toLowerCase(java.util.Locale.ROOT);
			if (label.equals("state") || label.equals("status")) {
				on = WindowsValues.word(parts[1]).equals("yes");
			} else if (label.equals("firewall policy") || label.equals("firewallrichtlinie")) {
				policy = parts[1].strip();
			} else if ((label.equals("localfirewallrules")) && parts[1].contains("GPO-store only")) {
				if (warnings.stream().noneMatch(w -> w.contains("GPO-store only"))) {
					warnings.add("LocalFirewallRules reads 'N/A (GPO-store only)': whether this computer's own rules "
							+ "count is decided by Group Policy, which the paste does not show");
				}
			}
		}
		if (profile != null) {
			profiles.add(settings(profile, on, policy, warnings));
		}
		return new Profiles(profiles, warnings);
	}

	private static ProfileSettings settings(String profile, Boolean on, String policy, List<String> warnings) {
		if (on == null || policy == null) {
			warnings.add("the " + profile + " profile's " + (on == null ? "state" : "firewall policy")
					+ " is not in the paste; Windows' default (on, BlockInbound,AllowOutbound) is assumed");
		}
		String p = policy == null ? "BlockInbound,AllowOutbound" : policy;
		Set<String> words = Set.of(p.toLowerCase(java.util.Locale.ROOT).replace(" ", "").split(","));
		return new ProfileSettings(profile, on == null || on, !words.contains("allowinbound"),
				words.contains("blockinboundalways"), words.contains("blockoutbound"), p);
	}

	private static String shorten(String text) {
		return text.length() <= 40 ? text : text.substring(0, 37) + "...";
	}
}
