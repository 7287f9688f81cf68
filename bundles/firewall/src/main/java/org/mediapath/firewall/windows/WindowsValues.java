package org.mediapath.firewall.windows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mediapath.firewall.core.PortSet;

/** The words Windows writes for firewall values, in English and German, and their parsing. */
final class WindowsValues {

	private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("yes", "yes"), Map.entry("ja", "yes"),
			Map.entry("true", "yes"), Map.entry("1", "yes"), Map.entry("no", "no"), Map.entry("nein", "no"),
			Map.entry("false", "no"), Map.entry("in", "in"), Map.entry("inbound", "in"), Map.entry("eingehend", "in"),
			Map.entry("out", "out"), Map.entry("outbound", "out"), Map.entry("ausgehend", "out"),
			Map.entry("allow", "allow"), Map.entry("zulassen", "allow"), Map.entry("block", "block"),
			Map.entry("blockieren", "block"), Map.entry("bypass", "bypass"), Map.entry("umgehen", "bypass"),
			Map.entry("any", "any"), Map.entry("beliebig", "any"), Map.entry("alle", "any"), Map.entry("domain", "domain"),
			Map.entry("domäne", "domain"), Map.entry("private", "private"), Map.entry("privat", "private"),
			Map.entry("public", "public"), Map.entry("öffentlich", "public"), Map.entry("on", "yes"),
			Map.entry("ein", "yes"), Map.entry("off", "no"), Map.entry("aus", "no"));

	private WindowsValues() {
	}

	/** @return the English canonical word for a value, or the value lower-cased */
	static String word(String value) {
		String key = value.strip().toLowerCase(Locale.ROOT);
		return WORDS.getOrDefault(key, key);
	}

	/** @return the profiles of a list like {@code Domain,Private} / {@code Domäne,Privat}; empty for any */
	static Set<String> profiles(String value) {
		Set<String> profiles = new LinkedHashSet<>();
		for (String part : value.split(",")) {
			String word = word(part);
			if (word.equals("any") || word.isEmpty()) {
				return Set.of();
			}
			profiles.add(word);
		}
		return profiles.containsAll(List.of("domain", "private", "public")) ? Set.of() : profiles;
	}

	/** @return the ports of {@code Any}, {@code 5060}, {@code 10000-20000,30000}; null for keywords (RPC, IPHTTPS) */
	static PortSet ports(List<String> values) {
		PortSet.Builder builder = PortSet.builder();
		for (String value : values) {
			for (String part : value.split(",")) {
				String p = part.strip();
				if (p.isEmpty()) {
					continue;
				}
				if (word(p).equals("any")) {
					return PortSet.ALL;
				}
				int dash = p.indexOf('-');
				try {
					int first = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
					int last = dash < 0 ? first : Integer.parseInt(p.substring(dash + 1).strip());
					if (first < 0 || last > 65535 || first > last) {
						return null;
					}
					builder.add(first, last);
				} catch (NumberFormatException e) {
					return null;
				}
			}
		}
		return builder.isEmpty() ? PortSet.ALL : builder.build();
	}

	static List<String> list(String value) {
		List<String> parts = new ArrayList<>();
		for (String part : value.split(",")) {
			if (!part.isBlank()) {
				parts.add(part.strip());
			}
		}
		return parts;
	}

	/** The protocol as netsh or PowerShell writes it ({@code UDP}, {@code 17}, {@code Any}). */
	static String protocol(String value) {
		String p = value.strip().toLowerCase(Locale.ROOT);
		return switch (p) {
		case "17" -> "udp";
		case "6" -> "tcp";
		case "", "any", "beliebig" -> "any";
		default -> p;
		};
	}

	/** Expands the environment variables rule programs use and lower-cases, so paths compare. */
	static String programPath(String path) {
		String p = path.strip().replace('/', '\\');
		String lower = p.toLowerCase(Locale.ROOT);
		lower = lower.replace("%programfiles(x86)%", "c:\\program files (x86)")
				.replace("%programfiles%", "c:\\program files").replace("%systemroot%", "c:\\windows")
				.replace("%windir%", "c:\\windows").replace("%systemdrive%", "c:")
				.replace("%programdata%", "c:\\programdata");
		return lower;
	}
}
