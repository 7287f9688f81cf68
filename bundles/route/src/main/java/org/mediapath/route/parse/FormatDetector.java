package org.mediapath.route.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Cuts a paste into the command outputs it holds. Each format has lines no other format can
 * produce (route print's rule of '=' signs, ifconfig's {@code flags=}, ip addr's {@code <UP,...>});
 * such a line starts or continues that format, every other line stays with the output before it.
 * Users paste prompts, several outputs, and a line of their own between them: all allowed.
 */
public final class FormatDetector {

	/** No real output line is longer; a longer one is garbage and regexes should not see it. */
	static final int MAX_LINE = 4096;

	private static final Pattern ROUTE_PRINT_RULE = Pattern.compile("^={20,}\\s*$");
	private static final Pattern ROUTE_PRINT_V4_ROW = Pattern.compile(
			"^\\s*\\d{1,3}(?:\\.\\d{1,3}){3}\\s+\\d{1,3}(?:\\.\\d{1,3}){3}\\s+\\S.*?\\s+\\d{1,3}(?:\\.\\d{1,3}){3}\\s+\\d+\\s*$");
	private static final Pattern ROUTE_PRINT_V6_ROW = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[0-9a-fA-F:.]+/\\d+(\\s.*)?$");
	private static final Pattern IPCONFIG_KEY = Pattern.compile("^\\s{2,}\\S[^:]*?(?:\\. ?)+:(\\s.*)?$");
	private static final Pattern NETSTAT_TITLE = Pattern.compile(
			"^(Routing tables|Internet6?:|Kernel IP routing table|Destination\\s+Gateway\\s+(Flags|Genmask)\\b.*)\\s*$");
	private static final Pattern IFCONFIG_HEADER = Pattern.compile("^[A-Za-z][\\w.\\-]*:\\s+flags=\\d+<");
	private static final Pattern IP_ADDR_HEADER = Pattern.compile("^\\d+:\\s+[^:\\s]+:\\s+<[^>]*>");
	private static final Pattern IP_ROUTE_LINE = Pattern.compile(
			"^(?:(?:unicast|local|broadcast|multicast|anycast|unreachable|blackhole|prohibit|throw|nat)\\s+)?"
					+ "(?:default|\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]*(?:/\\d{1,3})?)"
					+ "\\s+(?:via|dev|proto|table|scope|metric|from|src|nhid|nexthop)\\b.*");
	private static final Pattern IP_RULE_LINE = Pattern.compile("^\\d+:\\s+(?:not\\s+)?from\\s+\\S+.*");
	private static final Pattern PROC_ROUTE = Pattern.compile(
			"^(Iface\\s+Destination\\s+Gateway\\s+Flags.*|[\\w.@:-]+\\t[0-9A-Fa-f]{8}\\t[0-9A-Fa-f]{8}\\t[0-9A-Fa-f]{4}\\t.*)$");
	private static final Pattern PROC_IPV6_ROUTE = Pattern
			.compile("^[0-9a-f]{32} [0-9a-f]{2} [0-9a-f]{32} [0-9a-f]{2} [0-9a-f]{32} .*");
	private static final Pattern PROMPT = Pattern.compile("^(PS [A-Za-z]:\\\\.*>.*|[A-Za-z]:\\\\[^>]*>.*"
			+ "|\\S*@\\S*[:~][^$#%]*[$#%]\\s.*|\\S+@\\S+ [^$#%]*[$#%]\\s.*|[$%#]\\s+\\S.*)$");

	/**
	 * @param text the paste
	 * @param warnings receives one line about text that belongs to no output
	 * @return the outputs found, in paste order
	 */
	public List<Segment> detect(String text, Consumer<String> warnings) {
		String[] lines = text.split("\r?\n|\r", -1);
		List<Segment> segments = new ArrayList<>();
		Format current = null;
		int start = 0;
		int ignored = 0;
		String firstIgnored = null;
		int i = skipLeadingComments(lines);
		start = i;
		while (i < lines.length) {
			String line = lines[i];
			if (isJsonStart(line)) {
				close(segments, current, lines, start, i);
				int end = jsonEnd(lines, i);
				segments.add(new Segment(Format.JSON, i + 1, List.of(lines).subList(i, end)));
				current = null;
				i = end;
				start = i;
				continue;
			}
			Format signature = signature(lines, i);
			if (signature != null && signature != current) {
				close(segments, current, lines, start, i);
				current = signature == Format.PROMPT ? null : signature;
				start = signature == Format.PROMPT ? i + 1 : i;
			} else if (current == null && !line.isBlank()) {
				ignored++;
				if (firstIgnored == null) {
					firstIgnored = Lines.quote(line) + " (line " + (i + 1) + ")";
				}
				start = i + 1;
			} else if (current == null) {
				start = i + 1;
			}
			i++;
		}
		close(segments, current, lines, start, lines.length);
		if (ignored > 0) {
			warnings.accept(ignored + " line(s) belong to no recognised command output and were ignored, first "
					+ firstIgnored);
		}
		return segments;
	}

	/** Hand-written fixtures say so in '#' lines at the very top; no real output starts with '#'. */
	private static int skipLeadingComments(String[] lines) {
		int i = 0;
		while (i < lines.length && lines[i].startsWith("#")) {
			i++;
		}
		return i;
	}

	private static void close(List<Segment> segments, Format format, String[] lines, int start, int end) {
		if (format != null && end > start) {
			segments.add(new Segment(format, start + 1, List.of(lines).subList(start, end)));
		}
	}

	static Format signature(String[] lines, int i) {
		String line = lines[i];
		if (line.length() > MAX_LINE || line.isBlank()) {
			return null;
		}
		if (ROUTE_PRINT_RULE.matcher(line).matches() || ROUTE_PRINT_V4_ROW.matcher(line).matches()
				|| ROUTE_PRINT_V6_ROW.matcher(line).matches()) {
			return Format.ROUTE_PRINT;
		}
		if (IFCONFIG_HEADER.matcher(line).lookingAt()) {
			return Format.IFCONFIG;
		}
		if (IP_ADDR_HEADER.matcher(line).lookingAt()) {
			return Format.IP_ADDR;
		}
		if (IP_RULE_LINE.matcher(line).matches()) {
			return Format.IP_RULE;
		}
		if (IP_ROUTE_LINE.matcher(line).matches()) {
			return Format.IP_ROUTE;
		}
		if (PROC_ROUTE.matcher(line).matches()) {
			return Format.PROC_NET_ROUTE;
		}
		if (PROC_IPV6_ROUTE.matcher(line).matches()) {
			return Format.PROC_NET_IPV6_ROUTE;
		}
		if (NETSTAT_TITLE.matcher(line).matches()) {
			return Format.NETSTAT;
		}
		if (isIpconfigKey(line)) {
			return Format.IPCONFIG;
		}
		if (!Character.isWhitespace(line.charAt(0))) {
			// An adapter header ("Ethernet adapter Ethernet 2:") or the title: what follows decides.
			for (int j = i + 1; j < lines.length && j <= i + 3; j++) {
				if (!lines[j].isBlank()) {
					if (isIpconfigKey(lines[j])) {
						return Format.IPCONFIG;
					}
					break;
				}
			}
		}
		if (PROMPT.matcher(line).matches()) {
			return Format.PROMPT;
		}
		return null;
	}

	static boolean isIpconfigKey(String line) {
		return line.length() <= MAX_LINE && line.indexOf(" :") > 0 && line.contains(". ")
				&& IPCONFIG_KEY.matcher(line).matches();
	}

	private static boolean isJsonStart(String line) {
		for (int k = 0; k < line.length(); k++) {
			char c = line.charAt(k);
			if (!Character.isWhitespace(c)) {
				if (c == '{') {
					return true;
				}
				if (c != '[') {
					return false;
				}
				// '[' alone could be prose; JSON follows with an object, array, string or end.
				for (int m = k + 1; m < line.length(); m++) {
					char d = line.charAt(m);
					if (!Character.isWhitespace(d)) {
						return d == '{' || d == '[' || d == '"' || d == ']';
					}
				}
				return true;
			}
		}
		return false;
	}

	/** @return the index of the line after the JSON value starting on line {@code start} */
	private static int jsonEnd(String[] lines, int start) {
		int depth = 0;
		boolean inString = false;
		boolean escaped = false;
		for (int i = start; i < lines.length; i++) {
			String line = lines[i];
			for (int k = 0; k < line.length(); k++) {
				char c = line.charAt(k);
				if (inString) {
					if (escaped) {
						escaped = false;
					} else if (c == '\\') {
						escaped = true;
					} else if (c == '"') {
						inString = false;
					}
				} else if (c == '"') {
					inString = true;
				} else if (c == '{' || c == '[') {
					depth++;
				} else if (c == '}' || c == ']') {
					depth--;
					if (depth <= 0) {
						return i + 1;
					}
				}
			}
		}
		return lines.length;
	}
}
