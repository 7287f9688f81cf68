package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.Findings;

/**
 * The port runs of a UDP check, read back from its measurements and split into what lets media
 * through and what does not.
 *
 * @param all every run in port order
 */
record Runs(List<Run> all) {

	/**
	 * Outcomes that mean the path is open: answered, or the PBX itself holds the port. An uncooperative
	 * CLOSED (ICMP port-unreachable) is neither open nor blocked: a filter's reject sends the same error.
	 */
	static final Set<String> OPEN = Set.of("PASS", "IN_USE");
	/** Outcomes that mean something on the way stops the packets: a filter, a missing route, this machine's own filter. */
	static final Set<String> BLOCKED = Set.of("SILENT", "REJECTED", "UNREACHABLE", "BLOCKED_LOCALLY");

	record Run(String ports, String outcome, long probed) {
		boolean open() {
			return OPEN.contains(outcome);
		}

		boolean blocked() {
			return BLOCKED.contains(outcome);
		}

		/** @return whether the run covers the port ("50050-50199" or "50001") */
		boolean contains(int port) {
			String[] ends = ports.split("-", 2);
			try {
				return port >= Integer.parseInt(ends[0].strip()) && port <= Integer.parseInt(ends[ends.length - 1].strip());
			} catch (NumberFormatException notAPortRange) {
				return false;
			}
		}
	}

	static Runs of(Findings findings, String checkId) {
		List<Run> runs = new ArrayList<>();
		for (Map<?, ?> m : findings.maps(checkId, BuiltInChecks.RUNS)) {
			Object ports = m.get(BuiltInChecks.RUN_PORTS);
			Object outcome = m.get(BuiltInChecks.RUN_OUTCOME);
			Object probed = m.get(BuiltInChecks.RUN_PROBED);
			if (ports instanceof String p && outcome instanceof String o) {
				runs.add(new Run(p, o, probed instanceof Number n ? n.longValue() : 1));
			}
		}
		return new Runs(List.copyOf(runs));
	}

	boolean isEmpty() {
		return all.isEmpty();
	}

	List<Run> open() {
		return all.stream().filter(Run::open).toList();
	}

	List<Run> blocked() {
		return all.stream().filter(Run::blocked).toList();
	}

	boolean allBlocked() {
		return !all.isEmpty() && all.stream().allMatch(Run::blocked);
	}

	/** @return the runs with this outcome */
	List<Run> with(String outcome) {
		return all.stream().filter(r -> r.outcome().equals(outcome)).toList();
	}

	/** @return the blocked runs the far side or the way there is responsible for (not this machine's own filter) */
	List<Run> blockedOnTheWay() {
		return all.stream().filter(r -> r.blocked() && !r.outcome().equals("BLOCKED_LOCALLY")).toList();
	}

	boolean anyRejected() {
		return all.stream().anyMatch(r -> r.outcome().equals("REJECTED"));
	}

	static String ports(List<Run> runs) {
		return runs.stream().map(Run::ports).collect(Collectors.joining(", "));
	}

	/** @return e.g. "30000-30999 pass (16 probed), 31000-33000 silent (48 probed)" */
	String describe() {
		return all.stream().map(r -> r.ports() + " " + r.outcome().toLowerCase().replace('_', ' ') + " (" + r.probed() + " probed)")
				.collect(Collectors.joining(", "));
	}
}
