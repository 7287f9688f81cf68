package org.mediapath.route.command;

import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteEntry;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.route.classify.InterfaceClassifier;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * What {@code routes} prints. The JSON is built by hand from the records so that Optional becomes
 * a value or null and field names are a stable contract, not whatever reflection finds.
 */
final class RoutesReport {

	private final NetworkSnapshot snapshot;
	private final String host;
	private final List<String> addresses;
	private final List<RouteDecision> decisions;
	private final List<RouteFinding> findings;

	RoutesReport(NetworkSnapshot snapshot, String host, List<String> addresses, List<RouteDecision> decisions,
			List<RouteFinding> findings) {
		this.snapshot = snapshot;
		this.host = host;
		this.addresses = addresses;
		this.decisions = decisions;
		this.findings = findings;
	}

	String toJson() {
		JsonObject root = new JsonObject();
		root.addProperty("origin", snapshot.origin());
		root.addProperty("captured", snapshot.captured());
		root.addProperty("takenAt", snapshot.takenAt().toString());
		if (host != null) {
			JsonObject target = new JsonObject();
			target.addProperty("host", host);
			target.add("addresses", strings(addresses));
			root.add("target", target);
		}
		JsonArray decisionArray = new JsonArray();
		decisions.forEach(d -> decisionArray.add(decision(d)));
		root.add("decisions", decisionArray);
		JsonArray findingArray = new JsonArray();
		for (RouteFinding f : findings) {
			JsonObject o = new JsonObject();
			o.add("causeId", f.causeId().<com.google.gson.JsonElement>map(com.google.gson.JsonPrimitive::new)
					.orElse(JsonNull.INSTANCE));
			o.addProperty("severity", f.severity().name());
			o.addProperty("statement", f.statement());
			findingArray.add(o);
		}
		root.add("findings", findingArray);
		JsonArray interfaces = new JsonArray();
		for (NetworkInterfaceInfo i : snapshot.interfaces()) {
			JsonObject o = new JsonObject();
			o.addProperty("name", i.name());
			o.addProperty("displayName", i.displayName());
			o.addProperty("kind", i.kind().name());
			o.addProperty("vpnActive", InterfaceClassifier.isActiveVpn(i));
			optional(o, "vpnProduct", i.vpnProduct());
			o.addProperty("up", i.up());
			o.addProperty("pointToPoint", i.pointToPoint());
			o.addProperty("virtual", i.virtual());
			o.addProperty("mtu", i.mtu());
			o.add("addresses", strings(i.addresses()));
			interfaces.add(o);
		}
		root.add("interfaces", interfaces);
		JsonArray routes = new JsonArray();
		snapshot.routes().forEach(r -> routes.add(route(r)));
		root.add("routes", routes);
		root.add("warnings", strings(snapshot.warnings()));
		return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root);
	}

	private static JsonObject decision(RouteDecision d) {
		JsonObject o = new JsonObject();
		o.addProperty("target", d.target());
		optional(o, "interface", d.interfaceName());
		o.addProperty("viaVpn", d.viaVpn());
		optional(o, "vpnProduct", d.vpnProduct());
		optional(o, "gateway", d.route().flatMap(RouteEntry::gateway));
		optional(o, "sourceAddress", d.sourceAddress());
		o.addProperty("mtu", d.mtu());
		o.addProperty("reconstructed", d.reconstructed());
		o.add("route", d.route().<com.google.gson.JsonElement>map(RoutesReport::route).orElse(JsonNull.INSTANCE));
		o.add("explanation", strings(d.explanation()));
		return o;
	}

	private static JsonObject route(RouteEntry r) {
		JsonObject o = new JsonObject();
		o.addProperty("destination", r.destination());
		optional(o, "gateway", r.gateway());
		o.addProperty("interface", r.interfaceName());
		o.addProperty("metric", Integer.toUnsignedLong(r.metric()));
		o.addProperty("table", r.table());
		o.addProperty("scoped", r.scoped());
		return o;
	}

	private static void optional(JsonObject o, String key, Optional<String> value) {
		if (value.isPresent()) {
			o.addProperty(key, value.get());
		} else {
			o.add(key, JsonNull.INSTANCE);
		}
	}

	private static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		values.forEach(array::add);
		return array;
	}

	String toText() {
		StringBuilder out = new StringBuilder();
		out.append("Interfaces of ").append(snapshot.origin()).append(":\n");
		for (NetworkInterfaceInfo i : snapshot.interfaces()) {
			out.append(String.format("  %-16s %-8s %s%s%s%s%n", i.name(), i.kind(), i.up() ? "up" : "down",
					i.mtu() > 0 ? "  mtu " + i.mtu() : "",
					i.vpnProduct().map(p -> "  VPN: " + p + (InterfaceClassifier.isActiveVpn(i) ? "" : " (not active)"))
							.orElse(""),
					i.addresses().isEmpty() ? "" : "  " + String.join(" ", i.addresses())));
			if (!i.displayName().equals(i.name())) {
				out.append("                   ").append(i.displayName()).append('\n');
			}
		}
		out.append("Routes (").append(snapshot.routes().size()).append("):\n");
		for (RouteEntry r : snapshot.routes()) {
			out.append(String.format("  %-28s %-26s %-16s metric %-6s%s%s%n", r.destination(),
					r.gateway().map(g -> "via " + g).orElse("on-link"), r.interfaceName(),
					Integer.toUnsignedString(r.metric()), r.table().equals("main") ? "" : " table " + r.table(),
					r.scoped() ? " scoped" : ""));
		}
		for (RouteDecision d : decisions) {
			out.append("Route to ").append(d.target()).append(host != null && !host.equals(d.target()) ? " (" + host + ")" : "")
					.append(d.reconstructed() ? ", reconstructed from the table" : ", as this machine decides").append(":\n");
			if (d.interfaceName().isEmpty()) {
				out.append("  no route\n");
			} else {
				out.append("  interface ").append(d.interfaceName().get())
						.append(d.viaVpn() ? " - VPN" + d.vpnProduct().map(p -> " (" + p + ")").orElse("") : " - not a VPN")
						.append(", gateway ").append(d.route().flatMap(RouteEntry::gateway).orElse("none (on-link)"))
						.append(d.sourceAddress().map(s -> ", source " + s).orElse(""))
						.append(d.mtu() > 0 ? ", MTU " + d.mtu() : "").append('\n');
			}
			for (String line : d.explanation()) {
				out.append("  - ").append(line).append('\n');
			}
		}
		if (!findings.isEmpty()) {
			out.append("Findings:\n");
			for (RouteFinding f : findings) {
				out.append("  ").append(f.severity()).append(f.causeId().map(c -> " [" + c + "]").orElse(""))
						.append(' ').append(f.statement()).append('\n');
			}
		}
		if (!snapshot.warnings().isEmpty()) {
			out.append("Warnings:\n");
			snapshot.warnings().forEach(w -> out.append("  - ").append(w).append('\n'));
		}
		return out.toString();
	}
}
