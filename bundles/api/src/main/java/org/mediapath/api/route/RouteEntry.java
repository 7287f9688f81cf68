package org.mediapath.api.route;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of a routing table, IPv4 or IPv6.
 *
 * @param destination the destination network in CIDR notation ({@code 0.0.0.0/0} for a default route)
 * @param gateway the next hop, if the route has one (on-link routes have none)
 * @param interfaceName the interface the route leaves through
 * @param metric the route's metric (on Windows: route plus interface metric)
 * @param table the routing table it belongs to ({@code main} where the system has one table)
 * @param scoped whether it only serves lookups bound to its interface (macOS {@code I} flag)
 */
public record RouteEntry(String destination, Optional<String> gateway, String interfaceName, int metric,
		String table, boolean scoped) {

	/** @throws NullPointerException if a component is null */
	public RouteEntry {
		Objects.requireNonNull(destination, "destination");
		Objects.requireNonNull(gateway, "gateway");
		Objects.requireNonNull(interfaceName, "interfaceName");
		Objects.requireNonNull(table, "table");
	}
}
