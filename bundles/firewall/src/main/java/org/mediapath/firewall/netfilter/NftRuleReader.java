package org.mediapath.firewall.netfilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Reads one rule line of {@code nft list ruleset}: its conditions and its verdict. */
final class NftRuleReader {

	private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le",
			"ge");
	/** Selectors with two words (the first word alone means nothing). */
	private static final Set<String> TWO_WORD = Set.of("ip", "ip6", "udp", "tcp", "udplite", "sctp", "dccp", "th", "meta",
			"ct", "icmp", "icmpv6", "igmp", "ah", "esp", "comp", "ether", "vlan", "arp", "rt", "ipsec", "fib", "socket",
			"osf", "tunnel", "dst", "frag", "hbh", "mh", "srh", "exthdr", "tcp option", "numgen", "jhash", "symhash");
	private static final Set<String> ONE_WORD = Set.of("iifname", "oifname", "iif", "oif", "mark", "l4proto", "nfproto",
			"iiftype", "oiftype", "skuid", "skgid", "pkttype", "cpu", "cgroup");
	private static final Set<String> STATEMENT_WORDS = Set.of("counter", "log", "limit", "comment", "notrack", "dnat",
			"snat", "masquerade", "redirect", "meter", "update", "add", "delete", "set", "tproxy", "synproxy", "dup",
			"fwd", "quota", "xt", "flow");

	private final List<String> tokens;
	private final Function<String, List<String>> sets;
	private final List<String> warnings;
	private int at;

	private NftRuleReader(List<String> tokens, Function<String, List<String>> sets, List<String> warnings) {
		this.tokens = tokens;
		this.sets = sets;
		this.warnings = warnings;
	}

	static Rule read(String id, String text, Function<String, List<String>> sets, List<String> warnings) {
		NftRuleReader reader = new NftRuleReader(tokenize(text), sets, warnings);
		List<Match> matches = new ArrayList<>();
		if (reader.tokens.contains("vmap")) {
			// a verdict map decides per element: accept for some ports, drop or jump for others
			return new Rule(id, text, List.of(new Matches.Undecided(text)), Action.unknown("verdict map (vmap)"));
		}
		Action action = reader.readAll(matches, text);
		return new Rule(id, text, matches, action);
	}

	private Action readAll(List<Match> matches, String text) {
		Action action = Action.CONTINUE;
		while (at < tokens.size()) {
			String word = tokens.get(at);
			switch (word) {
			case "accept" -> { action = Action.ACCEPT; at++; }
			case "drop" -> { action = Action.DROP; at++; }
			case "reject" -> { action = Action.REJECT; at = tokens.size(); }
			case "return" -> { action = Action.RETURN; at++; }
			case "continue" -> at++;
			case "queue" -> { action = Action.unknown("queue"); at = tokens.size(); }
			case "jump", "goto" -> {
				if (at + 1 >= tokens.size()) {
					return Action.unknown(word + " without a chain");
				}
				String target = unquote(tokens.get(at + 1));
				action = word.equals("jump") ? Action.jump(target) : Action.goTo(target);
				at += 2;
			}
			case "dnat", "snat", "masquerade", "redirect" -> { action = Action.NAT; at = tokens.size(); }
			case "counter", "notrack" -> skipStatementArguments();
			case "log" -> skipStatementArguments();
			case "comment" -> at += 2;
			case "limit", "quota" -> {
				int start = at;
				skipStatementArguments();
				matches.add(new Matches.Undecided(String.join(" ", tokens.subList(start, at))));
			}
			default -> {
				if (!readMatch(matches)) {
					// Not understood: the rest of the rule up to a verdict is an undecided condition.
					int start = at;
					while (at < tokens.size() && !NftTextParser.VERDICTS.contains(tokens.get(at))) {
						at++;
					}
					matches.add(new Matches.Undecided(String.join(" ", tokens.subList(start, at))));
				}
			}
			}
		}
		return action;
	}

	private void skipStatementArguments() {
		at++;
		while (at < tokens.size() && !NftTextParser.VERDICTS.contains(tokens.get(at))
				&& !STATEMENT_WORDS.contains(tokens.get(at))) {
			at++;
		}
	}

	/** @return whether a selector-operator-value expression was read at the current token */
	private boolean readMatch(List<Match> matches) {
		int start = at;
		String selector;
		String first = tokens.get(at);
		if (TWO_WORD.contains(first) && at + 1 < tokens.size()) {
			selector = first + " " + tokens.get(at + 1);
			at += 2;
		} else if (ONE_WORD.contains(first)) {
			selector = first;
			at++;
		} else {
			return false;
		}
		if (at < tokens.size() && tokens.get(at).equals("set")) {
			// "meta mark set 1", "ct mark set ...": a statement, not a condition
			at++;
			skipValue();
			return true;
		}
		String op = "==";
		if (at < tokens.size() && OPERATORS.contains(tokens.get(at))) {
			op = switch (tokens.get(at)) {
			case "eq" -> "==";
			case "ne" -> "!=";
			case "lt" -> "<";
			case "gt" -> ">";
			case "le" -> "<=";
			case "ge" -> ">=";
			default -> tokens.get(at);
			};
			at++;
		}
		if (at >= tokens.size()) {
			at = start;
			return false;
		}
		List<String> values = readValue();
		String text = String.join(" ", tokens.subList(start, at));
		if (values != null && values.isEmpty() && !text.contains("{")) {
			values = null;
		}
		matches.add(NftMatches.build(selector, op, values, text));
		return true;
	}

	/** @return the values (sets resolved), or null when a value cannot be read */
	private List<String> readValue() {
		String token = tokens.get(at);
		List<String> values = new ArrayList<>();
		if (token.equals("{")) {
			at++;
			boolean concatenation = false;
			while (at < tokens.size() && !tokens.get(at).equals("}")) {
				String t = tokens.get(at++);
				if (t.equals(".")) {
					concatenation = true;
				} else if (!t.equals(",")) {
					values.add(unquote(t));
				}
			}
			at++;
			return concatenation ? null : values;
		}
		if (token.startsWith("@")) {
			at++;
			List<String> set = sets.apply(token.substring(1));
			if (set == null) {
				warnings.add("set " + token + " is not in the paste; rules using it are undecided");
			}
			return set;
		}
		if (NftTextParser.VERDICTS.contains(token)) {
			return null;
		}
		if (token.equals(".")) {
			skipValueTail();
			return null;
		}
		values.add(unquote(token));
		at++;
		// "established,related" and "syn,ack" lists
		while (at + 1 < tokens.size() && tokens.get(at).equals(",")) {
			values.add(unquote(tokens.get(at + 1)));
			at += 2;
		}
		// a concatenation "a . b" or a mask "and 0xff" cannot be judged
		if (at < tokens.size() && (tokens.get(at).equals(".") || tokens.get(at).equals("and")
				|| tokens.get(at).equals("&"))) {
			skipValueTail();
			return null;
		}
		return values;
	}

	private void skipValue() {
		if (at < tokens.size() && tokens.get(at).equals("{")) {
			while (at < tokens.size() && !tokens.get(at).equals("}")) {
				at++;
			}
		}
		at++;
	}

	private void skipValueTail() {
		while (at < tokens.size() && !NftTextParser.VERDICTS.contains(tokens.get(at))
				&& !STATEMENT_WORDS.contains(tokens.get(at)) && !TWO_WORD.contains(tokens.get(at))
				&& !ONE_WORD.contains(tokens.get(at))) {
			at++;
		}
	}

	private static String unquote(String token) {
		return token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")
				? token.substring(1, token.length() - 1)
				: token;
	}

	static List<String> tokenize(String text) {
		List<String> tokens = new ArrayList<>();
		int i = 0;
		int n = text.length();
		while (i < n) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			} else if (c == '{' || c == '}' || c == ',') {
				tokens.add(String.valueOf(c));
				i++;
			} else if (c == '"') {
				int end = text.indexOf('"', i + 1);
				end = end < 0 ? n : end + 1;
				tokens.add(text.substring(i, Math.min(end, n)));
				i = end;
			} else {
				int start = i;
				while (i < n && !Character.isWhitespace(text.charAt(i)) && "{},\"".indexOf(text.charAt(i)) < 0) {
					i++;
				}
				tokens.add(text.substring(start, i));
			}
		}
		return tokens;
	}
}
