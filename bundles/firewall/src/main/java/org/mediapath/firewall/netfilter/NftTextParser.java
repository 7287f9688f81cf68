package org.mediapath.firewall.netfilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code nft list ruleset} (also with {@code -a} handles): tables, named sets, chains and
 * their rules. A rule it cannot read in full keeps what it did read and gets an undecided condition
 * for the rest, so the analysis says "depends on" instead of guessing.
 */
public final class NftTextParser {

	public static final String FORMAT = "nft list ruleset";

	private static final Pattern TABLE = Pattern.compile("^table\\s+(?:(ip|ip6|inet|arp|bridge|netdev)\\s+)?(\\S+)\\s*\\{\\s*$");
	private static final Pattern CHAIN = Pattern.compile("^chain\\s+(\\S+)\\s*\\{\\s*$");
	private static final Pattern BLOCK = Pattern.compile("^(set|map|flowtable|counter|quota|limit|ct\\s+\\S+|secmark|synproxy)\\s+(\\S+)\\s*\\{.*$");
	private static final Pattern BASE = Pattern.compile(
			"^type\\s+(\\S+)\\s+hook\\s+(\\S+)\\s+(?:device\\s+\\S+\\s+|devices\\s*=\\s*\\{[^}]*\\}\\s+)?priority\\s+([^;]+);(?:\\s*policy\\s+(\\S+?)\\s*;)?.*$");
	private static final Pattern HANDLE = Pattern.compile("\\s*#\\s*handle\\s+(\\d+)\\s*$");
	private static final Map<String, Integer> PRIORITY_NAMES = Map.of("raw", -300, "mangle", -150, "dstnat", -100,
			"filter", 0, "security", 50, "srcnat", 100, "out", 100);

	private final List<String> warnings = new ArrayList<>();
	private final List<Chain> chains = new ArrayList<>();
	private final Map<String, List<String>> sets = new HashMap<>();

	public static NetfilterRuleset parse(List<String> lines) {
		NftTextParser parser = new NftTextParser();
		parser.read(split(lines));
		return new NetfilterRuleset(FORMAT, parser.chains, parser.warnings);
	}

	private void read(List<String> lines) {
		String family = null;
		String table = null;
		Chain chain = null;
		int ruleNumber = 0;
		for (int i = 0; i < lines.size(); i++) {
			String raw = lines.get(i);
			if (raw.length() > 8192) {
				warnings.add("line " + (i + 1) + " is too long to be nft output and was skipped");
				continue;
			}
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			// nft -a writes "# handle N" after rules, and after the opening line of tables, sets and chains
			String handle = null;
			Matcher h = HANDLE.matcher(line);
			if (h.find()) {
				handle = h.group(1);
				line = line.substring(0, h.start()).strip();
			}
			Matcher m;
			if ((m = TABLE.matcher(line)).matches()) {
				family = m.group(1) == null ? "ip" : m.group(1);
				table = m.group(2);
				chain = null;
				continue;
			}
			if (table == null) {
				warnings.add("nft line " + (i + 1) + " outside a table was ignored: " + shorten(line));
				continue;
			}
			if (chain == null && (m = CHAIN.matcher(line)).matches()) {
				chain = new Chain(family, table, m.group(1), null, 0, Action.ACCEPT, List.of());
				ruleNumber = 0;
				continue;
			}
			if (chain == null && (m = BLOCK.matcher(line)).matches()) {
				StringBuilder block = new StringBuilder(line);
				int depth = depth(line);
				while (depth > 0 && i + 1 < lines.size()) {
					String next = lines.get(++i);
					block.append(' ').append(next.strip());
					depth += depth(next);
				}
				if (m.group(1).equals("set")) {
					readSet(family, table, m.group(2), block.toString());
				}
				continue;
			}
			if (line.equals("}")) {
				if (chain != null) {
					chains.add(chain);
					chain = null;
				} else {
					table = null;
				}
				continue;
			}
			if (chain == null) {
				warnings.add("nft line " + (i + 1) + " was not understood: " + shorten(line));
				continue;
			}
			if ((m = BASE.matcher(line)).matches()) {
				Integer priority = priority(m.group(3));
				if (priority == null) {
					warnings.add("chain " + chain.name() + ": priority '" + m.group(3).strip() + "' not understood; taken as 0");
					priority = 0;
				}
				Action policy = "drop".equals(m.group(4)) ? Action.DROP : Action.ACCEPT;
				chain = new Chain(family, table, chain.name(), m.group(2), priority, policy, chain.rules());
				continue;
			}
			if (line.startsWith("comment ") || line.startsWith("devices ") || line.startsWith("flags ")) {
				continue;
			}
			ruleNumber++;
			String id = handle != null ? "handle " + handle : "rule " + ruleNumber;
			chain.rules().add(NftRuleReader.read(id, line, setLookup(family, table), warnings));
		}
		if (chain != null) {
			warnings.add("the paste ends inside chain " + chain.name() + " of table " + family + " " + table
					+ "; its last rules may be missing");
			chains.add(chain);
		}
	}

	/**
	 * Rulesets written for {@code nft -f} (as users paste them) may open a chain and declare its hook on
	 * one line, {@code chain input { type filter hook input priority 0; policy drop;}: the listing
	 * puts them on two, and so does this.
	 */
	private static List<String> split(List<String> lines) {
		List<String> result = new ArrayList<>(lines.size());
		for (String line : lines) {
			Matcher m = CHAIN_AND_MORE.matcher(line);
			if (line.length() <= 8192 && m.matches() && !m.group(2).isBlank() && !m.group(2).strip().startsWith("#")) {
				result.add(m.group(1));
				result.add(m.group(2));
			} else {
				result.add(line);
			}
		}
		return result;
	}

	private static final Pattern CHAIN_AND_MORE = Pattern.compile("^(\\s*chain\\s+\\S+\\s*\\{)(.*)$");

	private java.util.function.Function<String, List<String>> setLookup(String family, String table) {
		return name -> sets.get(family + " " + table + " " + name);
	}

	private void readSet(String family, String table, String name, String block) {
		int elements = block.indexOf("elements");
		if (block.contains(" . ") || block.contains("typeof") && block.contains(" . ")) {
			warnings.add("set " + name + " holds concatenations; rules using it are judged as undecided");
			return;
		}
		if (elements < 0) {
			sets.put(family + " " + table + " " + name, List.of());
			return;
		}
		int open = block.indexOf('{', elements);
		int close = block.indexOf('}', open + 1);
		if (open < 0 || close < 0) {
			warnings.add("set " + name + ": elements not understood");
			return;
		}
		List<String> values = new ArrayList<>();
		for (String element : block.substring(open + 1, close).split(",")) {
			String value = element.strip();
			// "timeout 1h expires 30m" and counters follow an element after a blank
			int blank = value.indexOf(' ');
			if (blank > 0) {
				value = value.substring(0, blank);
			}
			if (!value.isEmpty()) {
				values.add(value.replace("\"", ""));
			}
		}
		sets.put(family + " " + table + " " + name, values);
	}

	private static int depth(String line) {
		int depth = 0;
		for (int k = 0; k < line.length(); k++) {
			char c = line.charAt(k);
			depth += c == '{' ? 1 : c == '}' ? -1 : 0;
		}
		return depth;
	}

	static Integer priority(String text) {
		String t = text.strip().replace(" ", "");
		Matcher m = Pattern.compile("^([a-z]+)?([+-]?\\d+)?$").matcher(t);
		if (!m.matches() || m.group(1) == null && m.group(2) == null) {
			return null;
		}
		int base = 0;
		if (m.group(1) != null) {
			Integer named = PRIORITY_NAMES.get(m.group(1));
			if (named == null) {
				return null;
			}
			base = named;
		}
		try {
			return base + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
		} catch (NumberFormatException e) {
			return null;
		}
	}

	static String shorten(String line) {
		return line.length() <= 80 ? line : line.substring(0, 77) + "...";
	}

	static final Set<String> VERDICTS = Set.of("accept", "drop", "reject", "return", "jump", "goto", "queue",
			"continue");
}
