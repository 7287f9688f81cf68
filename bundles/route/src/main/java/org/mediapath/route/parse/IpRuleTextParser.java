package org.mediapath.route.parse;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.route.model.Capture;
import org.mediapath.route.model.PolicyRule;

/** {@code ip rule} text ({@code 32765: not from all fwmark 0xca6c lookup 51820}). */
public final class IpRuleTextParser implements SegmentParser {

	private static final Pattern RULE = Pattern.compile("^(\\d+):\\s+(not\\s+)?from\\s+(\\S+)(.*)$");

	@Override
	public void parse(Segment segment, Capture capture) {
		capture.formats.add(Format.IP_RULE.label());
		capture.rulesKnown = true;
		List<String> lines = segment.lines();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			Matcher m = line.length() > FormatDetector.MAX_LINE ? null : RULE.matcher(line.strip());
			if (m == null || !m.matches()) {
				capture.warn("line " + (segment.firstLine() + i) + " (ip rule): not understood: " + Lines.quote(line));
				continue;
			}
			String from = m.group(3);
			String[] t = Lines.tokens(m.group(4));
			String fwmark = null;
			String iif = null;
			String table = null;
			String action = null;
			boolean other = false;
			OptionalInt suppress = OptionalInt.empty();
			for (int k = 0; k < t.length; k++) {
				String next = k + 1 < t.length ? t[k + 1] : "";
				switch (t[k]) {
				case "fwmark" -> { fwmark = next; k++; }
				case "iif" -> { iif = next; k++; }
				case "lookup", "table" -> { table = next; k++; }
				case "suppress_prefixlength" -> { suppress = OptionalInt.of(Lines.parseInt(next, -1)); k++; }
				case "to" -> { other |= !next.equals("all"); k++; }
				case "oif", "uidrange", "ipproto", "sport", "dport", "tos", "dsfield", "goto", "realms", "l3mdev" -> {
					other = true;
					k++;
				}
				case "unreachable", "blackhole", "prohibit" -> action = t[k];
				default -> { }
				}
			}
			int family = from.indexOf(':') >= 0 ? 6 : from.equals("all") ? 0 : 4;
			capture.rules.add(new PolicyRule(Lines.parseInt(m.group(1), 0), family, from.equals("all"), fwmark,
					m.group(2) != null, iif, other, table, action, suppress));
		}
	}
}
