package org.mediapath.firewall.windows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.firewall.core.PortSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Reads {@code Get-NetFirewallRule} (joined with {@code Get-NetFirewallPortFilter},
 * {@code Get-NetFirewallApplicationFilter}, {@code Get-NetFirewallAddressFilter}) and
 * {@code Get-NetFirewallProfile} piped to {@code ConvertTo-Json}, in the shapes PowerShell writes:
 * enums as integers (Direction 1 in / 2 out, Action 2 allow / 4 block, a rule's Enabled 1 true / 2
 * false, a profile's GpoBoolean 0 false / 1 true / 2 not configured, Profile flags 1 domain / 2 private /
 * 4 public) or as words, one result as a bare object, lists as arrays, as
 * {@code {"value": [...], "Count": n}}, as a string or as {@code ""}, and nested objects flattened by
 * a too small {@code -Depth} into strings such as {@code "DefaultInboundAction = 4"}.
 */
public final class PowerShellJsonParser {

	/** What the JSON held. */
	public record Parsed(List<WindowsRule> rules, List<ProfileSettings> profiles, List<String> warnings,
			boolean portsJoined) {
	}

	private static final Pattern FLAT = Pattern.compile("(\\w+)\\s*=\\s*([^;}\\r\\n]*)");

	private PowerShellJsonParser() {
	}

	/** @return whether the JSON holds firewall rules or profiles */
	public static boolean recognises(JsonElement json) {
		for (JsonObject object : objects(json)) {
			if (isRule(object) || isProfile(object)) {
				return true;
			}
		}
		return false;
	}

	public static Parsed parse(JsonElement json) {
		List<WindowsRule> rules = new ArrayList<>();
		List<ProfileSettings> profiles = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		boolean joined = true;
		for (JsonObject object : objects(json)) {
			object = unflatten(object);
			if (isRule(object)) {
				if (!has(object, "LocalPort") && !has(object, "Protocol")) {
					joined = false;
				}
				rules.add(rule(object, warnings));
			} else if (isProfile(object)) {
				profiles.add(profile(object));
			}
		}
		if (!rules.isEmpty() && !joined) {
			warnings.add("the rules were not joined with Get-NetFirewallPortFilter: their protocols and ports are "
					+ "unknown, so they are undecided");
		}
		return new Parsed(rules, profiles, warnings, joined);
	}

	private static List<JsonObject> objects(JsonElement json) {
		List<JsonObject> objects = new ArrayList<>();
		if (json instanceof JsonObject object) {
			if (object.get("value") instanceof JsonArray array && object.has("Count")) {
				return objects(array);
			}
			objects.add(object);
		} else if (json instanceof JsonArray array) {
			for (JsonElement element : array) {
				if (element instanceof JsonObject object) {
					objects.add(object);
				}
			}
		}
		return objects;
	}

	private static boolean isRule(JsonObject object) {
		return (object.has("DisplayName") || object.has("Name")) && object.has("Direction") && object.has("Action");
	}

	private static boolean isProfile(JsonObject object) {
		return object.has("DefaultInboundAction") || object.has("AllowInboundRules");
	}

	private static boolean has(JsonObject object, String key) {
		return object.has(key) && !object.get(key).isJsonNull();
	}

	/** A property flattened into "Key = Value; Key = Value" by a small -Depth becomes properties again. */
	private static JsonObject unflatten(JsonObject object) {
		JsonObject result = object.deepCopy();
		for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
			if (entry.getValue() instanceof JsonPrimitive p && p.isString() && p.getAsString().contains("=")
					&& p.getAsString().length() < 4096) {
				Matcher m = FLAT.matcher(p.getAsString());
				while (m.find()) {
					if (!result.has(m.group(1))) {
						result.addProperty(m.group(1), m.group(2).strip());
					}
				}
			}
		}
		return result;
	}

	private static WindowsRule rule(JsonObject o, List<String> warnings) {
		String name = text(o, has(o, "DisplayName") ? "DisplayName" : "Name");
		String direction = word(o.get("Direction"), Map.of("1", "in", "2", "out"));
		String action = word(o.get("Action"), Map.of("2", "allow", "4", "block", "3", "bypass", "0", "notconfigured"));
		String enabled = word(o.get("Enabled"), Map.of("1", "yes", "2", "no"));
		WindowsRule.Action a = switch (action) {
		case "block" -> WindowsRule.Action.BLOCK;
		case "bypass" -> WindowsRule.Action.BYPASS;
		default -> WindowsRule.Action.ALLOW;
		};
		PortSet local = has(o, "LocalPort") ? WindowsValues.ports(strings(o.get("LocalPort"))) : null;
		PortSet remote = has(o, "RemotePort") ? WindowsValues.ports(strings(o.get("RemotePort"))) : PortSet.ALL;
		String protocol = has(o, "Protocol") ? WindowsValues.protocol(String.join(",", strings(o.get("Protocol")))) : null;
		List<String> remoteAddresses = has(o, "RemoteAddress") ? strings(o.get("RemoteAddress")) : List.of("Any");
		String program = has(o, "Program") ? whole(o.get("Program")) : null;
		String service = has(o, "Service") ? whole(o.get("Service")) : null;
		return new WindowsRule(name, !enabled.equals("no"), !direction.equals("out"), a, profiles(o.get("Profile")),
				protocol, local, remote, remoteAddresses.isEmpty() ? List.of("Any") : remoteAddresses,
				program, service, "Any");
	}

	private static ProfileSettings profile(JsonObject o) {
		String name = word(o.get("Name"), Map.of("1", "domain", "2", "private", "4", "public"));
		// GpoBoolean: 0 False, 1 True, 2 NotConfigured (Windows' default: on, rules allowed)
		String enabled = word(o.get("Enabled"), Map.of("0", "no", "1", "yes", "2", "notconfigured"));
		String inbound = word(o.get("DefaultInboundAction"), Map.of("2", "allow", "4", "block", "0", "notconfigured"));
		String outbound = word(o.get("DefaultOutboundAction"), Map.of("2", "allow", "4", "block", "0", "notconfigured"));
		String allowInboundRules = word(o.get("AllowInboundRules"), Map.of("0", "no", "1", "yes", "2", "notconfigured"));
		boolean always = allowInboundRules.equals("no");
		String policy = "DefaultInboundAction " + inbound + ", DefaultOutboundAction " + outbound
				+ (always ? ", AllowInboundRules False" : "");
		return new ProfileSettings(name, !enabled.equals("no"), !inbound.equals("allow"), always, outbound.equals("block"),
				policy);
	}

	/** @return the canonical word of an enum written as a number or a word */
	private static String word(JsonElement value, Map<String, String> numbers) {
		if (value == null || value.isJsonNull()) {
			return "";
		}
		String text = value instanceof JsonPrimitive p ? p.getAsString().strip() : value.toString();
		if (value instanceof JsonPrimitive p && p.isBoolean()) {
			return p.getAsBoolean() ? "yes" : "no";
		}
		String mapped = numbers.get(text);
		return mapped != null ? mapped : WindowsValues.word(text);
	}

	/** Profile flags (1 domain, 2 private, 4 public, 0 any) or words ("Domain, Private", "Any"). */
	private static Set<String> profiles(JsonElement value) {
		if (value == null || value.isJsonNull()) {
			return Set.of();
		}
		if (value instanceof JsonPrimitive p && p.isNumber()) {
			int flags = p.getAsInt();
			Set<String> profiles = new LinkedHashSet<>();
			if ((flags & 1) != 0) {
				profiles.add("domain");
			}
			if ((flags & 2) != 0) {
				profiles.add("private");
			}
			if ((flags & 4) != 0) {
				profiles.add("public");
			}
			return profiles.size() == 3 || profiles.isEmpty() ? Set.of() : profiles;
		}
		String text = String.join(",", strings(value));
		if (text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 4) {
			return profiles(new JsonPrimitive(Integer.parseInt(text)));
		}
		return WindowsValues.profiles(text.isEmpty() ? "Any" : text);
	}

	private static String text(JsonObject o, String key) {
		return whole(o.get(key));
	}

	/** A single text value (a name, a program path with blanks), whatever shape holds it. */
	private static String whole(JsonElement value) {
		if (value == null || value.isJsonNull()) {
			return "";
		}
		if (value instanceof JsonPrimitive p) {
			return p.getAsString().strip();
		}
		if (value instanceof JsonArray array && array.size() > 0) {
			return whole(array.get(0));
		}
		if (value instanceof JsonObject object && object.has("value")) {
			return whole(object.get("value"));
		}
		return "";
	}

	/** A list in any of PowerShell's shapes: array, {"value": [...]}, a string, "". */
	static List<String> strings(JsonElement value) {
		List<String> result = new ArrayList<>();
		if (value == null || value.isJsonNull()) {
			return result;
		}
		if (value instanceof JsonArray array) {
			for (JsonElement element : array) {
				result.addAll(strings(element));
			}
		} else if (value instanceof JsonObject object) {
			if (object.has("value")) {
				return strings(object.get("value"));
			}
		} else {
			String text = value.getAsString();
			for (String part : text.split(text.contains(",") ? "," : " ")) {
				if (!part.isBlank()) {
					result.add(part.strip());
				}
			}
		}
		return result;
	}
}
