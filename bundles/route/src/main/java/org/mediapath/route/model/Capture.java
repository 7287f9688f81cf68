package org.mediapath.route.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mediapath.api.route.RouteEntry;

/**
 * Everything read from one machine's outputs while they are being parsed. Parsers only add; the
 * reconciliation of names (Windows routes name interfaces by address or index) happens once, in
 * {@link #resolveInterfaceReferences()}, when every output has been read.
 */
public final class Capture {

	/** Routes whose interface is given by index use this prefix until resolved. */
	public static final String INDEX_REF = "ifindex:";
	/** Enough to explain what went wrong; more would bury the answer and cost memory on a 10 MB paste. */
	public static final int MAX_WARNINGS = 100;
	/** A warning names what was wrong; a pasted line quoted whole (a 2 KB JSON key) would bury it. */
	public static final int MAX_WARNING_LENGTH = 300;

	private final Map<String, InterfaceData> interfaces = new LinkedHashMap<>();
	public final List<RouteEntry> routes = new ArrayList<>();
	public final List<RejectRoute> rejectRoutes = new ArrayList<>();
	public final List<PolicyRule> rules = new ArrayList<>();
	/** Linux source addresses ({@code src}/{@code prefsrc}) per route, which RouteEntry cannot carry. */
	public final Map<RouteEntry, String> preferredSources = new HashMap<>();
	public final Set<String> formats = new LinkedHashSet<>();
	private final List<String> warnings = new ArrayList<>();
	private int droppedWarnings;
	public boolean rulesKnown;

	public void warn(String warning) {
		if (warnings.size() < MAX_WARNINGS) {
			warnings.add(shortened(warning));
		} else {
			droppedWarnings++;
		}
	}

	private static String shortened(String warning) {
		if (warning.length() <= MAX_WARNING_LENGTH) {
			return warning;
		}
		int end = MAX_WARNING_LENGTH - 3;
		if (Character.isHighSurrogate(warning.charAt(end - 1))) {
			end--; // never split a character in two
		}
		return warning.substring(0, end) + "...";
	}

	public List<String> warnings() {
		List<String> all = new ArrayList<>(warnings);
		if (droppedWarnings > 0) {
			all.add(droppedWarnings + " further warnings left out");
		}
		return all;
	}

	public int warningCount() {
		return warnings.size() + droppedWarnings;
	}

	/** @return the interface of that name, created empty if no output mentioned it yet */
	public InterfaceData iface(String name) {
		return interfaces.computeIfAbsent(name, InterfaceData::new);
	}

	public Optional<InterfaceData> find(String name) {
		return Optional.ofNullable(interfaces.get(name));
	}

	public Collection<InterfaceData> interfaces() {
		return interfaces.values();
	}

	public void addRoute(RouteEntry route, String preferredSource) {
		routes.add(route);
		if (preferredSource != null && !preferredSource.isEmpty()) {
			preferredSources.put(route, preferredSource);
		}
	}

	/**
	 * Merges interfaces that turn out to be the same adapter (same description, as route print's
	 * interface list and ipconfig /all both show it; or same index) and rewrites route interface
	 * references (an index, or on Windows IPv4 an interface address) to the final names.
	 */
	public void resolveInterfaceReferences() {
		mergeByDisplayName();
		Map<Integer, String> byIndex = new HashMap<>();
		Map<String, String> byAddress = new HashMap<>();
		for (InterfaceData data : interfaces.values()) {
			if (data.index >= 0) {
				byIndex.putIfAbsent(data.index, data.name);
			}
			for (String cidr : data.addresses) {
				int slash = cidr.indexOf('/');
				byAddress.putIfAbsent(slash < 0 ? cidr : cidr.substring(0, slash), data.name);
			}
		}
		// Windows lists no address for its loopback adapter; route print still names it by 127.0.0.1.
		interfaces.values().stream().filter(d -> "loopback".equals(d.linkType)).findFirst().ifPresent(loopback -> {
			byAddress.putIfAbsent("127.0.0.1", loopback.name);
			byAddress.putIfAbsent("::1", loopback.name);
		});
		for (int i = 0; i < routes.size(); i++) {
			RouteEntry route = routes.get(i);
			String ref = route.interfaceName();
			String resolved = null;
			if (ref.startsWith(INDEX_REF)) {
				try {
					resolved = byIndex.get(Integer.parseInt(ref.substring(INDEX_REF.length())));
				} catch (NumberFormatException e) {
					resolved = null;
				}
				if (resolved == null) {
					resolved = "interface " + ref.substring(INDEX_REF.length());
				}
			} else if (byAddress.containsKey(ref) && !interfaces.containsKey(ref)) {
				resolved = byAddress.get(ref);
			}
			if (resolved != null && !resolved.equals(ref)) {
				RouteEntry renamed = new RouteEntry(route.destination(), route.gateway(), resolved, route.metric(),
						route.table(), route.scoped());
				String source = preferredSources.remove(route);
				routes.set(i, renamed);
				if (source != null) {
					preferredSources.put(renamed, source);
				} else if (isAddressLiteral(ref)) {
					// Windows route print names the interface by its address: that is the source address.
					preferredSources.put(renamed, ref);
				}
			} else if (resolved == null && isAddressLiteral(ref) && !preferredSources.containsKey(route)) {
				preferredSources.put(route, ref);
			}
		}
	}

	private void mergeByDisplayName() {
		Map<String, InterfaceData> byDescription = new HashMap<>();
		List<String> absorbed = new ArrayList<>();
		for (InterfaceData data : interfaces.values()) {
			if (data.displayName == null || data.displayName.isEmpty()) {
				continue;
			}
			InterfaceData first = byDescription.putIfAbsent(data.displayName, data);
			if (first != null) {
				// Prefer the alias (ipconfig's "Ethernet 2") over the description used as a placeholder name.
				InterfaceData keep = first.name.equals(first.displayName) ? data : first;
				InterfaceData drop = keep == first ? data : first;
				keep.absorb(drop);
				absorbed.add(drop.name);
				byDescription.put(data.displayName, keep);
			}
		}
		absorbed.forEach(interfaces::remove);
	}

	public static boolean isAddressLiteral(String text) {
		if (text.isEmpty() || text.length() > 45) {
			return false;
		}
		if (text.indexOf(':') >= 0) {
			return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
		}
		return text.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}
}
