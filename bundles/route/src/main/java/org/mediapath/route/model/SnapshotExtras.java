package org.mediapath.route.model;

import java.util.List;
import java.util.Map;

import org.mediapath.api.route.RouteEntry;

/**
 * What a snapshot knows beyond the API's records: policy rules, non-forwarding routes and Linux
 * preferred source addresses. Kept beside the snapshot by the service that built it (see
 * bundles/route/README.md for the API change that would carry them in the snapshot itself).
 *
 * @param rules the policy rules, in priority order
 * @param rulesKnown whether the rules were read (an absent rule list is not "no rules")
 * @param rejectRoutes unreachable/blackhole/prohibit/throw routes
 * @param preferredSources source address per route, where the output named one
 */
public record SnapshotExtras(List<PolicyRule> rules, boolean rulesKnown, List<RejectRoute> rejectRoutes,
		Map<RouteEntry, String> preferredSources) {

	public static final SnapshotExtras NONE = new SnapshotExtras(List.of(), false, List.of(), Map.of());

	public SnapshotExtras {
		rules = List.copyOf(rules);
		rejectRoutes = List.copyOf(rejectRoutes);
		preferredSources = Map.copyOf(preferredSources);
	}

	public static SnapshotExtras of(Capture capture) {
		List<PolicyRule> sorted = capture.rules.stream()
				.sorted(java.util.Comparator.comparingInt(PolicyRule::priority)).toList();
		return new SnapshotExtras(sorted, capture.rulesKnown, capture.rejectRoutes, capture.preferredSources);
	}
}
