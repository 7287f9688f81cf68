package org.mediapath.route.parse;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;
import org.mediapath.route.model.PolicyRule;
import org.mediapath.route.model.RejectRoute;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * JSON output: {@code ip -j route/addr/rule} and PowerShell's {@code Get-NetRoute},
 * {@code Get-NetAdapter}, {@code Get-NetIPAddress} piped to {@code ConvertTo-Json}. Each object is
 * recognised by its keys, so a user may paste any of them, and a truncated array still yields the
 * objects before the cut.
 */
public final class JsonOutputParser implements SegmentParser {

	/** 4, 6, or 0 to tell each route's family from the route itself (a paste). */
	private final int family;

	public JsonOutputParser() {
		this(0);
	}

	/** @param family the address family the command was asked for ({@code ip -j -6 route}), or 0 */
	public JsonOutputParser(int family) {
		this.family = family;
	}

	@Override
	public void parse(Segment segment, Capture capture) {
		String where = "line " + segment.firstLine() + " (JSON)";
		int read = 0;
		try (JsonReader reader = new JsonReader(new StringReader(segment.text()))) {
			if (reader.peek() == JsonToken.BEGIN_ARRAY) {
				reader.beginArray();
				while (reader.hasNext()) {
					element(JsonParser.parseReader(reader), capture, where);
					read++;
				}
				reader.endArray();
			} else {
				element(JsonParser.parseReader(reader), capture, where);
				read++;
			}
		} catch (RuntimeException | java.io.IOException | StackOverflowError e) {
			capture.warn(where + ": JSON truncated or malformed after " + read + " object(s) ("
					+ e.getClass().getSimpleName() + ")");
		}
	}

	private void element(JsonElement element, Capture capture, String where) {
		if (element.isJsonArray()) {
			for (JsonElement inner : element.getAsJsonArray()) {
				element(inner, capture, where);
			}
			return;
		}
		if (!element.isJsonObject()) {
			capture.warn(where + ": a JSON value that is not an object, ignored");
			return;
		}
		JsonObject o = element.getAsJsonObject();
		if (o.has("dst")) {
			if (o.has("cache") || o.has("uid")) {
				capture.formats.add("ip -j route get");
				return; // a route lookup result, not a table row
			}
			capture.formats.add("ip -j route");
			ipRoute(o, capture, where);
		} else if (o.has("ifname")) {
			capture.formats.add("ip -j addr");
			ipAddr(o, capture);
		} else if (o.has("priority") && (o.has("src") || o.has("table") || o.has("action"))) {
			capture.formats.add("ip -j rule");
			capture.rulesKnown = true;
			ipRule(o, capture);
		} else if (o.has("DestinationPrefix")) {
			capture.formats.add("Get-NetRoute JSON");
			netRoute(o, capture, where);
		} else if (o.has("InterfaceDescription")) {
			capture.formats.add("Get-NetAdapter JSON");
			netAdapter(o, capture);
		} else if (o.has("IPAddress") && o.has("PrefixLength")) {
			capture.formats.add("Get-NetIPAddress JSON");
			netIpAddress(o, capture, where);
		} else {
			capture.warn(where + ": JSON object with keys " + abbreviatedKeys(o) + " is not a known output");
		}
	}

	private void ipRoute(JsonObject o, Capture capture, String where) {
		String type = str(o, "type", "unicast");
		String dst = str(o, "dst", "");
		String dev = str(o, "dev", null);
		String gateway = str(o, "gateway", null);
		if (gateway == null && o.has("via") && o.get("via").isJsonObject()) {
			gateway = str(o.getAsJsonObject("via"), "host", null);
		}
		if (dev == null && o.has("nexthops") && o.get("nexthops").isJsonArray()
				&& !o.getAsJsonArray("nexthops").isEmpty() && o.getAsJsonArray("nexthops").get(0).isJsonObject()) {
			JsonObject hop = o.getAsJsonArray("nexthops").get(0).getAsJsonObject();
			dev = str(hop, "dev", null);
			gateway = str(hop, "gateway", gateway);
		}
		String prefsrc = str(o, "prefsrc", null);
		String table = str(o, "table", "main");
		long metric = o.has("metric") ? number(o, "metric") : 0;
		int fam = family != 0 ? family
				: dst.indexOf(':') >= 0 || (gateway != null && gateway.indexOf(':') >= 0)
						|| (prefsrc != null && prefsrc.indexOf(':') >= 0) || o.has("pref") ? 6 : 4;
		Optional<String> destination = IpRouteTextParser.destination(dst, fam == 6);
		if (destination.isEmpty()) {
			capture.warn(where + ": route with destination " + Lines.quote(dst) + " not understood");
			return;
		}
		if (IpRouteTextParser.IGNORED_TYPES.contains(type)) {
			return;
		}
		if (IpRouteTextParser.REJECT_TYPES.contains(type)) {
			capture.rejectRoutes.add(new RejectRoute(type, destination.get(), table, metric));
			return;
		}
		if (dev == null) {
			capture.warn(where + ": route to " + destination.get() + " has no device, ignored");
			return;
		}
		capture.addRoute(new RouteEntry(destination.get(), gateway == null ? Optional.empty() : Addresses.address(gateway),
				dev, (int) Math.min(Integer.MAX_VALUE, metric), table, false),
				prefsrc == null ? null : Addresses.address(prefsrc).orElse(null));
	}

	private static void ipAddr(JsonObject o, Capture capture) {
		InterfaceData data = capture.iface(str(o, "ifname", "?"));
		data.index = (int) number(o, "ifindex");
		if (o.has("mtu")) {
			data.mtu = (int) number(o, "mtu");
		}
		List<String> flags = new ArrayList<>();
		if (o.has("flags") && o.get("flags").isJsonArray()) {
			o.getAsJsonArray("flags").forEach(f -> flags.add(f.isJsonPrimitive() ? f.getAsString() : ""));
		}
		IpAddrTextParser.applyFlags(data, flags);
		String linkType = str(o, "link_type", "");
		if (!linkType.isEmpty() && !data.linkType.equals("loopback")) {
			data.linkType = linkType;
		}
		if (o.has("linkinfo") && o.get("linkinfo").isJsonObject()) {
			JsonObject info = o.getAsJsonObject("linkinfo");
			String kind = str(info, "info_kind", "");
			if (kind.equals("tun") && info.has("info_data") && info.get("info_data").isJsonObject()) {
				kind = str(info.getAsJsonObject("info_data"), "type", kind);
			}
			if (!kind.isEmpty()) {
				data.linkType = kind;
			}
		}
		if (o.has("addr_info") && o.get("addr_info").isJsonArray()) {
			for (JsonElement a : o.getAsJsonArray("addr_info")) {
				if (a.isJsonObject()) {
					JsonObject addr = a.getAsJsonObject();
					String local = str(addr, "local", null);
					int prefix = (int) number(addr, "prefixlen");
					if (addr.has("address") && local != null) {
						prefix = local.indexOf(':') >= 0 ? 128 : 32; // point-to-point: prefixlen is the peer's
					}
					if (local != null) {
						Addresses.hostWithPrefix(local, prefix).ifPresent(data::addAddress);
					}
				}
			}
		}
	}

	private void ipRule(JsonObject o, Capture capture) {
		String src = str(o, "src", "all");
		boolean other = (o.has("dst") && !str(o, "dst", "all").equals("all")) || o.has("oif") || o.has("uidrange")
				|| o.has("ipproto") || o.has("sport") || o.has("dport") || o.has("tos") || o.has("goto")
				|| o.has("l3mdev");
		String action = str(o, "action", null);
		if (action != null && (action.equals("lookup") || action.equals("to_tbl"))) {
			action = null;
		}
		OptionalInt suppress = o.has("suppress_prefixlen") ? OptionalInt.of((int) number(o, "suppress_prefixlen"))
				: o.has("suppress_prefixlength") ? OptionalInt.of((int) number(o, "suppress_prefixlength"))
						: OptionalInt.empty();
		capture.rules.add(new PolicyRule((int) number(o, "priority"), family != 0 ? family : src.indexOf(':') >= 0 ? 6 : 0,
				src.equals("all"), str(o, "fwmark", null), o.has("not"), str(o, "iif", null), other,
				str(o, "table", null), action, suppress));
	}

	private static void netRoute(JsonObject o, Capture capture, String where) {
		if ("PersistentStore".equals(str(o, "Store", ""))) {
			return; // the active store holds what is in effect
		}
		String prefix = str(o, "DestinationPrefix", "");
		Optional<String> destination = Addresses.network(prefix);
		if (destination.isEmpty()) {
			capture.warn(where + ": route with DestinationPrefix " + Lines.quote(prefix) + " not understood");
			return;
		}
		String nextHop = str(o, "NextHop", "");
		Optional<String> gateway = Addresses.address(nextHop)
				.filter(g -> !g.equals("0.0.0.0") && !g.equals("::"));
		int index = o.has("ifIndex") ? (int) number(o, "ifIndex") : (int) number(o, "InterfaceIndex");
		String alias = str(o, "InterfaceAlias", null);
		String name;
		if (alias != null) {
			name = alias;
			InterfaceData data = capture.iface(alias);
			if (data.index < 0) {
				data.index = index;
			}
		} else {
			name = Capture.INDEX_REF + index;
		}
		// Windows adds the interface metric to the route metric; Get-NetRoute lists them apart.
		long metric = number(o, "RouteMetric") + (o.has("InterfaceMetric") ? number(o, "InterfaceMetric") : 0);
		capture.addRoute(new RouteEntry(destination.get(), gateway, name, (int) Math.min(Integer.MAX_VALUE, metric),
				"main", false), null);
	}

	private static void netAdapter(JsonObject o, Capture capture) {
		String name = str(o, "Name", str(o, "InterfaceAlias", null));
		if (name == null) {
			name = str(o, "InterfaceDescription", "?");
		}
		InterfaceData data = capture.iface(name);
		data.displayName = str(o, "InterfaceDescription", name);
		if (o.has("ifIndex") || o.has("InterfaceIndex")) {
			data.index = (int) (o.has("ifIndex") ? number(o, "ifIndex") : number(o, "InterfaceIndex"));
		}
		String status = str(o, "Status", "");
		if (!status.isEmpty()) {
			data.up = status.equalsIgnoreCase("Up");
		}
		if (o.has("MtuSize")) {
			data.mtu = (int) number(o, "MtuSize");
		}
		String media = str(o, "MediaType", "") + " " + str(o, "PhysicalMediaType", "");
		if (media.contains("802.11")) {
			data.linkType = "wifi";
		} else if (media.contains("802.3")) {
			data.linkType = "ether";
		}
	}

	private static void netIpAddress(JsonObject o, Capture capture, String where) {
		String alias = str(o, "InterfaceAlias", null);
		String name = alias != null ? alias : "interface " + number(o, "InterfaceIndex");
		Optional<String> cidr = Addresses.hostWithPrefix(str(o, "IPAddress", ""), (int) number(o, "PrefixLength"));
		if (cidr.isEmpty()) {
			capture.warn(where + ": address " + Lines.quote(str(o, "IPAddress", "")) + " not understood");
			return;
		}
		InterfaceData data = capture.iface(name);
		data.addAddress(cidr.get());
		if (data.index < 0 && (o.has("InterfaceIndex") || o.has("ifIndex"))) {
			data.index = (int) (o.has("ifIndex") ? number(o, "ifIndex") : number(o, "InterfaceIndex"));
		}
	}

	static String str(JsonObject o, String key, String fallback) {
		JsonElement e = o.get(key);
		if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
			return fallback;
		}
		return e.getAsString();
	}

	static long number(JsonObject o, String key) {
		JsonElement e = o.get(key);
		if (e == null || !e.isJsonPrimitive()) {
			return 0;
		}
		try {
			return e.getAsBigDecimal().max(java.math.BigDecimal.valueOf(Long.MIN_VALUE))
					.min(java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
		} catch (NumberFormatException | UnsupportedOperationException ex) {
			return 0;
		}
	}

	private static String abbreviatedKeys(JsonObject o) {
		List<String> keys = new ArrayList<>(o.keySet());
		return keys.size() <= 5 ? keys.toString() : keys.subList(0, 5) + "...";
	}

}
