package org.mediapath.firewall.core;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which items (rules) can match at a port, for ports asked in increasing order: each item has the
 * ports its port conditions allow (null: any port), and the sweep switches items on and off at their
 * interval ends instead of testing every item at every port. The analysis asks one port per stretch,
 * in order, so a 2,000-rule ruleset costs what its active rules cost. Not thread-safe: one per analysis.
 */
public final class PortSweep {

	private final int[] ports;
	private final int[] items;
	private final boolean[] on;
	private final BitSet always = new BitSet();
	private final BitSet active = new BitSet();
	private int next;
	private int last = Integer.MIN_VALUE;

	public PortSweep(List<PortSet> sets) {
		List<int[]> events = new ArrayList<>();
		for (int item = 0; item < sets.size(); item++) {
			PortSet set = sets.get(item);
			if (set == null || set == PortSet.ALL) {
				always.set(item);
				continue;
			}
			for (int i = 0; i < set.intervals(); i++) {
				events.add(new int[] { set.first(i), item, 1 });
				events.add(new int[] { set.last(i) + 1, item, 0 });
			}
		}
		// at one port, switch off before on: an item's merged intervals never touch, so order only matters across items
		events.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[2], b[2]));
		ports = new int[events.size()];
		items = new int[events.size()];
		on = new boolean[events.size()];
		for (int i = 0; i < events.size(); i++) {
			ports[i] = events.get(i)[0];
			items[i] = events.get(i)[1];
			on[i] = events.get(i)[2] == 1;
		}
		active.or(always);
	}

	/** @return the items that can match at the port (do not modify) */
	public BitSet at(int port) {
		if (port < last) {
			active.clear();
			active.or(always);
			next = 0;
		}
		while (next < ports.length && ports[next] <= port) {
			active.set(items[next], on[next]);
			next++;
		}
		last = port;
		return active;
	}
}
