package org.mediapath.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortRun;
import org.mediapath.api.probe.SweepMode;

/** Which ports a probe visits, and how their outcomes are told back as runs. */
final class PortSelection {

	private PortSelection() {
	}

	/**
	 * A stratified sample: the range cut into {@code size - 1} equal strata with one port from
	 * each boundary, so both ends are always in and no part of the range goes unvisited by more
	 * than one stratum's width. A full sweep is every port.
	 */
	static int[] select(PortRange range, SweepMode mode, int sampleSize) {
		if (mode == SweepMode.FULL || range.size() <= sampleSize) {
			return range.ports().toArray();
		}
		int n = Math.max(2, sampleSize);
		int[] ports = new int[n];
		long span = range.size() - 1L;
		int count = 0;
		for (int i = 0; i < n; i++) {
			int port = (int) (range.first() + span * i / (n - 1));
			if (count == 0 || ports[count - 1] != port) {
				ports[count++] = port;
			}
		}
		return java.util.Arrays.copyOf(ports, count);
	}

	/**
	 * Where a sample changes between passing and blocked, the unprobed ports between the two
	 * neighbours that disagree: probing them makes the runs end where the ports really change, so a
	 * remediation names exactly the ports to open. IN_USE and CLOSED ports say nothing about a filter
	 * and are stepped over (a PBX in use holds many media ports; they make no edge).
	 *
	 * @param outcomes the sample's outcomes per port
	 * @param limit at most this many ports, the nearest edges first in port order
	 * @return the ports to probe, ascending
	 */
	static int[] edges(Map<Integer, PortOutcome> outcomes, int limit) {
		List<Integer> ports = new ArrayList<>();
		Map.Entry<Integer, PortOutcome> previous = null;
		for (Map.Entry<Integer, PortOutcome> e : new TreeMap<>(outcomes).entrySet()) {
			if (e.getValue() == PortOutcome.IN_USE || e.getValue() == PortOutcome.CLOSED) {
				continue;
			}
			if (previous != null && (previous.getValue() == PortOutcome.PASS) != (e.getValue() == PortOutcome.PASS)) {
				for (int p = previous.getKey() + 1; p < e.getKey() && ports.size() < limit; p++) {
					if (!outcomes.containsKey(p)) {
						ports.add(p);
					}
				}
			}
			previous = e;
		}
		return ports.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * Compresses per-port outcomes into runs: consecutive probed ports with the same outcome form
	 * one run, which also covers the unprobed ports between them (both neighbours agree). Unprobed
	 * ports between two runs of different outcomes belong to no run: nothing is claimed about them.
	 */
	static List<PortRun> runs(Map<Integer, PortOutcome> outcomes) {
		List<PortRun> runs = new ArrayList<>();
		int first = -1;
		int last = -1;
		int probed = 0;
		PortOutcome current = null;
		for (Map.Entry<Integer, PortOutcome> e : new TreeMap<>(outcomes).entrySet()) {
			if (current != null && e.getValue() == current) {
				last = e.getKey();
				probed++;
				continue;
			}
			if (current != null) {
				runs.add(new PortRun(new PortRange(first, last), current, probed));
			}
			first = e.getKey();
			last = e.getKey();
			probed = 1;
			current = e.getValue();
		}
		if (current != null) {
			runs.add(new PortRun(new PortRange(first, last), current, probed));
		}
		return runs;
	}

	/** "30000-30999 pass, 31000-33000 silent". */
	static String describe(List<PortRun> runs) {
		StringBuilder text = new StringBuilder();
		for (PortRun run : runs) {
			if (text.length() > 0) {
				text.append(", ");
			}
			text.append(run.ports()).append(' ').append(run.outcome().name().toLowerCase(java.util.Locale.ROOT));
			if (run.probed() < run.ports().size()) {
				text.append(" (").append(run.probed()).append(" probed)");
			}
		}
		return text.toString();
	}
}
