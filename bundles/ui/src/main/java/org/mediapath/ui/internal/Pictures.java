package org.mediapath.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;

/**
 * Turns a report's measurements into the plain data the page's pictures are drawn from: port maps,
 * ICE timelines and route paths. Tolerant by design: measurements are a map of plain values that
 * any check (a partner's too) may fill, so whatever does not have the expected shape is skipped,
 * never an error.
 *
 * <p>Measurement keys read (those of the built-in checks): {@code runs} (list of maps with
 * {@code ports} "FIRST-LAST", {@code outcome}, {@code probed}), {@code ports}, {@code direction},
 * {@code address}; {@code states} (strings "STATE@123ms" or "STATE (why)@123ms", or maps {@code state},
 * {@code atMillis}, optional {@code detail}),
 * {@code pairs}; {@code interface}, {@code sourceAddress}, {@code viaVpn}, {@code vpnProduct},
 * {@code route} ("DEST via GATEWAY dev IF"), {@code gateway}.
 */
final class Pictures {

	static final String CLIENT_TO_SERVER = "CLIENT_TO_SERVER";
	static final String SERVER_TO_CLIENT = "SERVER_TO_CLIENT";
	/**
	 * "STATE@123ms", or "STATE (why, in words)@123ms" as the ICE check writes its final state: the
	 * words go to the event's detail, so the picture keeps a short label and still tells why.
	 */
	private static final Pattern STATE_AT = Pattern
			.compile("^\\s*+([A-Za-z_-][A-Za-z_ -]*?)\\s*+(?:\\((.*)\\))?+\\s*+@\\s*+(\\d++(?:\\.\\d++)?+)\\s*+ms\\s*+$", Pattern.DOTALL);
	/** A state text longer than this is no state of ours: shown as text, never matched (no regex time on junk). */
	private static final int MAX_STATE_LENGTH = 1024;
	private static final Pattern VIA = Pattern.compile("\\bvia\\s+(\\S+)");

	private Pictures() {
	}

	/** @return one port map per check that measured port runs */
	static List<Map<String, Object>> portMaps(DiagnosticReport report) {
		List<Map<String, Object>> maps = new ArrayList<>();
		for (CheckResult check : report.checks()) {
			Object runs = check.measurements().get("runs");
			if (!(runs instanceof List<?> list) || list.isEmpty()) {
				continue;
			}
			List<Map<String, Object>> outRuns = new ArrayList<>();
			int min = Integer.MAX_VALUE;
			int max = Integer.MIN_VALUE;
			for (Object o : list) {
				if (!(o instanceof Map<?, ?> run)) {
					continue;
				}
				Optional<PortRange> ports = range(run.get("ports"));
				if (ports.isEmpty()) {
					continue;
				}
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("first", ports.get().first());
				r.put("last", ports.get().last());
				r.put("outcome", String.valueOf(run.get("outcome")).toUpperCase());
				Object probed = run.get("probed");
				r.put("probed", probed instanceof Number n ? n.intValue() : ports.get().size());
				outRuns.add(r);
				min = Math.min(min, ports.get().first());
				max = Math.max(max, ports.get().last());
			}
			if (outRuns.isEmpty()) {
				continue;
			}
			PortRange range = range(check.measurements().get("ports")).orElse(new PortRange(min, max));
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("checkId", check.checkId());
			map.put("title", check.title());
			map.put("status", check.status().name());
			map.put("first", Math.min(range.first(), min));
			map.put("last", Math.max(range.last(), max));
			map.put("direction", direction(check));
			Object address = check.measurements().get("address");
			if (address != null) {
				map.put("address", String.valueOf(address));
			}
			map.put("runs", outRuns);
			maps.add(map);
		}
		return maps;
	}

	private static String direction(CheckResult check) {
		Object d = check.measurements().get("direction");
		if (d != null) {
			String s = String.valueOf(d).toUpperCase();
			if (s.equals(CLIENT_TO_SERVER) || s.equals(SERVER_TO_CLIENT)) {
				return s;
			}
		}
		// the built-in client-udp check measures the server's checks towards the client's ports
		return check.checkId().startsWith("client") ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
	}

	static Optional<PortRange> range(Object value) {
		if (value instanceof Number n) {
			try {
				return Optional.of(PortRange.of(n.intValue()));
			} catch (IllegalArgumentException e) {
				return Optional.empty();
			}
		}
		if (value instanceof String s) {
			try {
				return Optional.of(PortRange.parse("ports", s));
			} catch (IllegalArgumentException e) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	/** @return one timeline per check that measured ICE states */
	static List<Map<String, Object>> iceTimelines(DiagnosticReport report) {
		List<Map<String, Object>> timelines = new ArrayList<>();
		for (CheckResult check : report.checks()) {
			Object states = check.measurements().get("states");
			if (!(states instanceof List<?> list) || list.isEmpty()) {
				continue;
			}
			List<Map<String, Object>> events = new ArrayList<>();
			for (Object o : list) {
				String state = null;
				String detail = null;
				Double at = null;
				if (o instanceof String s) {
					Matcher m = STATE_AT.matcher(s.length() > MAX_STATE_LENGTH ? "" : s);
					if (m.matches()) {
						state = m.group(1);
						detail = m.group(2);
						at = Double.valueOf(m.group(3));
					}
				} else if (o instanceof Map<?, ?> map && map.get("state") != null) {
					state = String.valueOf(map.get("state"));
					Object ms = map.containsKey("atMillis") ? map.get("atMillis") : map.get("at");
					at = ms instanceof Number n ? n.doubleValue() : null;
					detail = map.get("detail") == null ? null : String.valueOf(map.get("detail"));
				}
				if (state != null && at != null) {
					Map<String, Object> e = new LinkedHashMap<>();
					e.put("state", state);
					e.put("atMillis", at.longValue());
					if (detail != null && !detail.isBlank()) {
						e.put("detail", detail.strip());
					}
					events.add(e);
				}
			}
			if (events.isEmpty()) {
				continue;
			}
			Map<String, Object> t = new LinkedHashMap<>();
			t.put("checkId", check.checkId());
			t.put("title", check.title());
			t.put("status", check.status().name());
			t.put("events", events);
			List<Map<String, Object>> pairs = new ArrayList<>();
			if (check.measurements().get("pairs") instanceof List<?> ps) {
				for (Object p : ps) {
					if (p instanceof Map<?, ?> pm) {
						Map<String, Object> pair = new LinkedHashMap<>();
						pair.put("local", String.valueOf(pm.get("local")));
						pair.put("remote", String.valueOf(pm.get("remote")));
						pair.put("state", String.valueOf(pm.get("state")));
						pairs.add(pair);
					}
				}
			}
			t.put("pairs", pairs);
			timelines.add(t);
		}
		return timelines;
	}

	/** @return the route path of the report's route check, if one measured the egress */
	static Optional<Map<String, Object>> routePath(DiagnosticReport report) {
		for (CheckResult check : report.checks()) {
			Map<String, Object> m = check.measurements();
			if (!m.containsKey("viaVpn") && !m.containsKey("interface")) {
				continue;
			}
			Object routeText = m.get("route");
			String gateway = m.get("gateway") != null ? String.valueOf(m.get("gateway")) : null;
			if (gateway == null && routeText != null) {
				Matcher v = VIA.matcher(String.valueOf(routeText));
				gateway = v.find() ? v.group(1) : null;
			}
			Object address = m.containsKey("address") ? m.get("address") : report.request().server();
			return Optional.of(path(str(m.get("interface")), str(m.get("sourceAddress")),
					Boolean.TRUE.equals(m.get("viaVpn")), str(m.get("vpnProduct")), gateway, String.valueOf(address),
					routeText == null ? null : String.valueOf(routeText), check.checkId()));
		}
		return Optional.empty();
	}

	/** @return the route path of a decision made on a (pasted) snapshot */
	static Map<String, Object> routePath(NetworkSnapshot snapshot, RouteDecision decision) {
		String product = decision.vpnProduct().orElse(null);
		if (product == null && decision.viaVpn()) {
			product = decision.interfaceName().flatMap(name -> snapshot.interfaces().stream()
					.filter(i -> i.name().equals(name)).findFirst()).flatMap(NetworkInterfaceInfo::vpnProduct)
					.orElse(null);
		}
		String routeText = decision.route().map(r -> r.destination() + r.gateway().map(g -> " via " + g).orElse("")
				+ " dev " + r.interfaceName()).orElse(null);
		return path(decision.interfaceName().orElse(null), decision.sourceAddress().orElse(null), decision.viaVpn(),
				product, decision.route().flatMap(r -> r.gateway()).orElse(null), decision.target(), routeText, "pasted");
	}

	private static Map<String, Object> path(String iface, String source, boolean viaVpn, String vpnProduct,
			String gateway, String target, String routeText, String origin) {
		List<Map<String, Object>> nodes = new ArrayList<>();
		nodes.add(node("interface", iface == null ? "?" : iface, source));
		if (viaVpn) {
			nodes.add(node("vpn", vpnProduct == null ? "VPN" : vpnProduct, null));
		}
		nodes.add(node("gateway", gateway == null ? "on-link" : gateway, null));
		nodes.add(node("server", target, null));
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("origin", origin);
		p.put("viaVpn", viaVpn);
		if (routeText != null) {
			p.put("route", routeText);
		}
		p.put("nodes", nodes);
		return p;
	}

	private static Map<String, Object> node(String kind, String label, String detail) {
		Map<String, Object> n = new LinkedHashMap<>();
		n.put("kind", kind);
		n.put("label", label);
		if (detail != null) {
			n.put("detail", detail);
		}
		return n;
	}

	private static String str(Object o) {
		return o == null ? null : String.valueOf(o);
	}
}
