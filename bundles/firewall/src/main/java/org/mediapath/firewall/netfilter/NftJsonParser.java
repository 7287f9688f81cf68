package org.mediapath.firewall.netfilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Reads {@code nft -j list ruleset} (libnftables-json(5)): the form this host's own ruleset is read
 * in, since it needs no text grammar. Expressions become the same {@link Match}es as the text form.
 */
public final class NftJsonParser {

	public static final String FORMAT = "nft -j list ruleset";

	private final List<String> warnings = new ArrayList<>();
	private final Map<String, List<String>> sets = new HashMap<>();

	/** @return whether the JSON is an nft ruleset (an object with an "nftables" array) */
	public static boolean recognises(JsonElement json) {
		return json.isJsonObject() && json.getAsJsonObject().get("nftables") instanceof JsonArray;
	}

	public static NetfilterRuleset parse(JsonElement json) {
		NftJsonParser parser = new NftJsonParser();
		return new NetfilterRuleset(FORMAT, parser.read(json.getAsJsonObject().getAsJsonArray("nftables")),
				parser.warnings);
	}

	private List<Chain> read(JsonArray items) {
		Map<String, Chain> chains = new java.util.LinkedHashMap<>();
		for (JsonElement item : items) {
			if (!item.isJsonObject()) {
				continue;
			}
			JsonObject object = item.getAsJsonObject();
			if (object.get("set") instanceof JsonObject set) {
				readSet(set);
			} else if (object.get("chain") instanceof JsonObject chain) {
				String family = string(chain, "family");
				String table = string(chain, "table");
				String name = string(chain, "name");
				String hook = chain.has("hook") ? string(chain, "hook") : null;
				int priority = chain.get("prio") instanceof JsonPrimitive p && p.isNumber() ? p.getAsInt() : 0;
				Action policy = "drop".equals(string(chain, "policy")) ? Action.DROP : Action.ACCEPT;
				chains.put(family + " " + table + " " + name, new Chain(family, table, name, hook, priority, policy,
						List.of()));
			}
		}
		for (JsonElement item : items) {
			if (item.isJsonObject() && item.getAsJsonObject().get("rule") instanceof JsonObject rule) {
				String key = string(rule, "family") + " " + string(rule, "table") + " " + string(rule, "chain");
				Chain chain = chains.get(key);
				if (chain == null) {
					warnings.add("a rule of chain " + string(rule, "chain") + ", which the paste does not hold, was ignored");
					continue;
				}
				chain.rules().add(readRule(rule));
			}
		}
		return new ArrayList<>(chains.values());
	}

	private void readSet(JsonObject set) {
		String key = string(set, "family") + " " + string(set, "table") + " " + string(set, "name");
		if (set.get("type") instanceof JsonArray) {
			warnings.add("set " + string(set, "name") + " holds concatenations; rules using it are judged as undecided");
			return;
		}
		List<String> values = new ArrayList<>();
		if (set.get("elem") instanceof JsonArray elements) {
			for (JsonElement element : elements) {
				String value = value(element);
				if (value == null) {
					warnings.add("set " + string(set, "name") + ": an element was not understood");
					return;
				}
				values.add(value);
			}
		}
		sets.put(key, values);
	}

	private Rule readRule(JsonObject rule) {
		String id = rule.has("handle") ? "handle " + rule.get("handle").getAsString() : "rule";
		List<Match> matches = new ArrayList<>();
		Action action = Action.CONTINUE;
		List<String> text = new ArrayList<>();
		JsonArray expressions = rule.get("expr") instanceof JsonArray a ? a : new JsonArray();
		for (JsonElement expression : expressions) {
			if (!expression.isJsonObject() || expression.getAsJsonObject().size() != 1) {
				matches.add(new Matches.Undecided(expression.toString()));
				continue;
			}
			Map.Entry<String, JsonElement> statement = expression.getAsJsonObject().entrySet().iterator().next();
			String kind = statement.getKey();
			JsonElement body = statement.getValue();
			switch (kind) {
			case "match" -> {
				Match match = readMatch(body, rule);
				matches.add(match);
				text.add(match.text());
			}
			case "accept" -> { action = Action.ACCEPT; text.add("accept"); }
			case "drop" -> { action = Action.DROP; text.add("drop"); }
			case "reject" -> { action = Action.REJECT; text.add("reject"); }
			case "return" -> { action = Action.RETURN; text.add("return"); }
			case "jump", "goto" -> {
				String target = body instanceof JsonObject o ? string(o, "target") : "";
				action = kind.equals("jump") ? Action.jump(target) : Action.goTo(target);
				text.add(kind + " " + target);
			}
			case "dnat", "snat", "masquerade", "redirect" -> { action = Action.NAT; text.add(kind); }
			case "queue" -> { action = Action.unknown("queue"); text.add("queue"); }
			case "vmap" -> {
				// a verdict map decides per element: accept for some ports, drop or jump for others
				matches.add(new Matches.Undecided("vmap " + body));
				action = Action.unknown("verdict map (vmap)");
				text.add("vmap");
			}
			case "counter", "log", "comment", "notrack", "mangle", "meter", "set", "continue" -> {
			}
			case "limit", "quota" -> {
				matches.add(new Matches.Undecided(kind));
				text.add(kind);
			}
			default -> {
				matches.add(new Matches.Undecided(kind + " " + body));
				text.add(kind);
			}
			}
		}
		String written = rule.has("comment") ? String.join(" ", text) + " comment \"" + string(rule, "comment") + "\""
				: String.join(" ", text);
		return new Rule(id, written, matches, action);
	}

	private Match readMatch(JsonElement body, JsonObject rule) {
		if (!(body instanceof JsonObject match)) {
			return new Matches.Undecided(String.valueOf(body));
		}
		String op = switch (string(match, "op")) {
		case "!=" -> "!=";
		case "<", ">", "<=", ">=" -> string(match, "op");
		default -> "==";
		};
		String selector = selector(match.get("left"));
		JsonElement right = match.get("right");
		List<String> values = values(right, rule);
		String shown = right instanceof JsonPrimitive p && p.isString() && p.getAsString().startsWith("@") ? p.getAsString()
				: null;
		String text = selector + (op.equals("==") ? "" : " " + op) + " " + (shown != null ? shown
				: values == null ? String.valueOf(right)
				: values.size() == 1 ? values.get(0) : "{ " + String.join(", ", values) + " }");
		if (selector.isEmpty()) {
			return new Matches.Undecided(text.strip());
		}
		return NftMatches.build(selector, op, values, text);
	}

	private static String selector(JsonElement left) {
		if (!(left instanceof JsonObject object) || object.size() != 1) {
			return "";
		}
		Map.Entry<String, JsonElement> entry = object.entrySet().iterator().next();
		if (!(entry.getValue() instanceof JsonObject inner)) {
			return "";
		}
		return switch (entry.getKey()) {
		case "payload" -> inner.has("protocol") ? string(inner, "protocol") + " " + string(inner, "field") : "";
		case "meta" -> "meta " + string(inner, "key");
		case "ct" -> inner.has("dir") ? "" : "ct " + string(inner, "key");
		default -> "";
		};
	}

	private List<String> values(JsonElement right, JsonObject rule) {
		if (right instanceof JsonPrimitive p && p.isString() && p.getAsString().startsWith("@")) {
			String name = p.getAsString().substring(1);
			List<String> set = sets.get(string(rule, "family") + " " + string(rule, "table") + " " + name);
			if (set == null) {
				warnings.add("set @" + name + " is not in the paste (or holds what is not understood); rules using it are undecided");
			}
			return set;
		}
		List<String> values = new ArrayList<>();
		JsonArray list = null;
		if (right instanceof JsonArray array) {
			list = array;
		} else if (right instanceof JsonObject object && object.get("set") instanceof JsonArray array) {
			list = array;
		}
		if (list != null) {
			for (JsonElement element : list) {
				String value = value(element);
				if (value == null) {
					return null;
				}
				values.add(value);
			}
			return values;
		}
		String value = value(right);
		return value == null ? null : List.of(value);
	}

	/** @return one value as the text form writes it, or null for what cannot be judged */
	private static String value(JsonElement element) {
		if (element instanceof JsonPrimitive p) {
			return p.getAsString();
		}
		if (element instanceof JsonObject object) {
			if (object.get("range") instanceof JsonArray range && range.size() == 2) {
				String low = value(range.get(0));
				String high = value(range.get(1));
				return low == null || high == null ? null : low + "-" + high;
			}
			if (object.get("prefix") instanceof JsonObject prefix) {
				return string(prefix, "addr") + "/" + string(prefix, "len");
			}
			if (object.get("elem") instanceof JsonObject elem) {
				return value(elem.get("val"));
			}
		}
		return null;
	}

	private static String string(JsonObject object, String key) {
		JsonElement value = object.get(key);
		return value instanceof JsonPrimitive p ? p.getAsString() : "";
	}
}
