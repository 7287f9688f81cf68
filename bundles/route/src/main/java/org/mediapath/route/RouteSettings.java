package org.mediapath.route;

import java.time.Duration;
import java.util.List;

/**
 * The route bundle's settings, from {@link RouteConfig} or set directly by tests and benchmarks.
 *
 * @param vpnOnlyNetworks networks (CIDR) reachable only through a VPN
 * @param requireVpn whether the server needs the VPN at all
 * @param commandTimeout how long ip/route/netstat may take
 * @param extraVpnPatterns {@code Product name=regex} entries tried before the bundled ones
 * @param maxPasteBytes the largest pasted file {@code routes --from} reads
 */
public record RouteSettings(List<String> vpnOnlyNetworks, boolean requireVpn, Duration commandTimeout,
		List<String> extraVpnPatterns, int maxPasteBytes) {

	public static final RouteSettings DEFAULTS = new RouteSettings(List.of(), false, Duration.ofSeconds(3), List.of(),
			16 * 1024 * 1024);

	public RouteSettings {
		vpnOnlyNetworks = List.copyOf(vpnOnlyNetworks);
		extraVpnPatterns = List.copyOf(extraVpnPatterns);
		if (commandTimeout.isNegative() || commandTimeout.isZero()) {
			throw new IllegalArgumentException("commandTimeoutMillis: must be positive, was " + commandTimeout.toMillis());
		}
		if (maxPasteBytes <= 0) {
			throw new IllegalArgumentException("maxPasteBytes: must be positive, was " + maxPasteBytes);
		}
	}

	static RouteSettings of(RouteConfig config) {
		return new RouteSettings(nonBlank(config.vpnOnlyNetworks()), config.requireVpn(),
				Duration.ofMillis(config.commandTimeoutMillis()), nonBlank(config.extraVpnPatterns()),
				config.maxPasteBytes());
	}

	private static List<String> nonBlank(String[] values) {
		return values == null ? List.of() : java.util.Arrays.stream(values).filter(v -> v != null && !v.isBlank())
				.map(String::strip).toList();
	}
}
