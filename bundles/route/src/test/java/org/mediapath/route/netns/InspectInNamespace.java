package org.mediapath.route.netns;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The child JVM of {@link TunnelNamespaceTest}: started with {@code ip netns exec NS java -cp ... } it inspects the
 * namespace it runs in, exactly as the service does (RouteInspector, policy added the way the component adds it),
 * and prints one JSON document on stdout. Nothing is sent anywhere: decisions use a connected UDP socket (which
 * sends nothing) and {@code ip route get}.
 *
 * <p>Arguments, any number of each:
 * <ul>
 * <li>{@code decide=ADDRESS}</li>
 * <li>{@code analyse=SIGNALLING|SERVER,SERVER|VPN-ONLY-CIDR,CIDR|REQUIRE-VPN} (empty fields allowed; the policy is
 * given as the component's configuration, RouteSettings, and added with {@code withPolicy})</li>
 * </ul>
 */
public final class InspectInNamespace {

	private InspectInNamespace() {
	}

	public static void main(String[] args) {
		RouteInspector plain = new RouteInspector(RouteSettings.DEFAULTS);
		NetworkSnapshot snapshot = plain.inspectLocal();
		JsonObject out = new JsonObject();
		out.addProperty("origin", snapshot.origin());
		JsonArray interfaces = new JsonArray();
		for (NetworkInterfaceInfo i : snapshot.interfaces()) {
			JsonObject o = new JsonObject();
			o.addProperty("name", i.name());
			o.addProperty("kind", i.kind().name());
			o.addProperty("vpnProduct", i.vpnProduct().orElse(null));
			o.addProperty("up", i.up());
			o.addProperty("mtu", i.mtu());
			JsonArray addresses = new JsonArray();
			i.addresses().forEach(addresses::add);
			o.add("addresses", addresses);
			interfaces.add(o);
		}
		out.add("interfaces", interfaces);
		JsonArray warnings = new JsonArray();
		snapshot.warnings().forEach(warnings::add);
		out.add("warnings", warnings);
		JsonArray decisions = new JsonArray();
		JsonArray analyses = new JsonArray();
		for (String arg : args) {
			if (arg.startsWith("decide=")) {
				decisions.add(decision(plain.decide(snapshot, arg.substring("decide=".length()))));
			} else if (arg.startsWith("analyse=")) {
				String[] f = arg.substring("analyse=".length()).split("\\|", -1);
				if (f.length != 4) {
					throw new IllegalArgumentException("analyse: need 4 fields separated by '|': " + arg);
				}
				RouteSettings policy = new RouteSettings(list(f[2]), Boolean.parseBoolean(f[3]), Duration.ofSeconds(3),
						List.of(), RouteSettings.DEFAULTS.maxPasteBytes());
				RouteInspector service = new RouteInspector(policy);
				NetworkSnapshot own = service.inspectLocal();
				RouteAnalysisRequest request = service.withPolicy(new RouteAnalysisRequest(f[0], list(f[1]), List.of(), false));
				JsonObject a = new JsonObject();
				a.addProperty("spec", arg);
				JsonArray findings = new JsonArray();
				for (RouteFinding finding : service.analyse(own, request)) {
					JsonObject o = new JsonObject();
					o.addProperty("causeId", finding.causeId().orElse(null));
					o.addProperty("severity", finding.severity().name());
					o.addProperty("statement", finding.statement());
					findings.add(o);
				}
				a.add("findings", findings);
				analyses.add(a);
			} else {
				throw new IllegalArgumentException("unknown argument: " + arg);
			}
		}
		out.add("decisions", decisions);
		out.add("analyses", analyses);
		System.out.println(new GsonBuilder().serializeNulls().create().toJson(out));
	}

	private static JsonObject decision(RouteDecision d) {
		JsonObject o = new JsonObject();
		o.addProperty("target", d.target());
		o.addProperty("interface", d.interfaceName().orElse(null));
		o.addProperty("viaVpn", d.viaVpn());
		o.addProperty("vpnProduct", d.vpnProduct().orElse(null));
		o.addProperty("sourceAddress", d.sourceAddress().orElse(null));
		o.addProperty("gateway", d.route().flatMap(r -> r.gateway()).orElse(null));
		o.addProperty("mtu", d.mtu());
		o.addProperty("reconstructed", d.reconstructed());
		JsonArray explanation = new JsonArray();
		d.explanation().forEach(explanation::add);
		o.add("explanation", explanation);
		return o;
	}

	private static List<String> list(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
