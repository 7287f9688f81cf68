package org.mediapath.api.route;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The interfaces and routes of one machine: this one, or a user's PC reconstructed from pasted
 * command output.
 *
 * @param origin where the data came from, in plain words ("this machine", "pasted route print")
 * @param captured whether it was reconstructed from pasted output rather than read from the system
 * @param interfaces the interfaces
 * @param routes the routes of every table
 * @param warnings lines that could not be understood, and why; never an exception
 * @param takenAt when the data was read or parsed
 */
public record NetworkSnapshot(String origin, boolean captured, List<NetworkInterfaceInfo> interfaces,
		List<RouteEntry> routes, List<String> warnings, Instant takenAt) {

	/** @throws NullPointerException if a component is null */
	public NetworkSnapshot {
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(takenAt, "takenAt");
		interfaces = List.copyOf(interfaces);
		routes = List.copyOf(routes);
		warnings = List.copyOf(warnings);
	}
}
