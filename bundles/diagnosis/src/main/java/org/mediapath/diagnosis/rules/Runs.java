package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.rule.Findings;
import org.mediapath.diagnosis.spi.BuiltInChecks;

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
	static final Set<PortOutcome> OPEN = EnumSet.of(PortOutcome.PASS, PortOutcome.IN_USE);
	/** Outcomes that mean something on the way stops the packets: a filter, a missing route, this machine's own filter. */
	static final Set<PortOutcome> BLOCKED = EnumSet.of(PortOutcome.SILENT, PortOutcome.REJECTED, PortOutcome.UNREACHABLE,
			PortOutcome.BLOCKED_LOCALLY);

	/**
	 * One run, typed: the ports and the probe's own outcome.
	 *
	 * @param ports the ports
	 * @param outcome what the checks to them met
	 * @param probed how many of them were probed
	 */
	record Run(PortRange ports, PortOutcome outcome, long probed) {
		boolean open() {
			return OPEN.contains(outcome);
		}

		boolean blocked() {
			return BLOCKED.contains(outcome);
		}

		boolean contains(int port) {
			return ports.contains(port);
		}
	}

	/**
	 * The runs a check measured, read back into the probe's types; a run whose ports or outcome do not
	 * parse (a partner's, or a stored report of another version) is left out rather than guessed.
	 */
	static Runs of(Findings findings, String checkId) {
		List<Run> runs = new ArrayList<>();
		for (Map<?, ?> m : findings.maps(checkId, BuiltInChecks.RUNS)) {
			Object ports = m.get(BuiltInChecks.RUN_PORTS);
			Object outcome = m.get(BuiltInChecks.RUN_OUTCOME);
			Object probed = m.get(BuiltInChecks.RUN_PROBED);
			if (ports instanceof String p && outcome instanceof String o) {
				try {
					runs.add(new Run(PortRange.parse("runs.ports", p), PortOutcome.valueOf(o), probed instanceof Number n
							? n.longValue() : 1));
				} catch (IllegalArgumentException notARun) {
					// not one of ours: no rule judges it
				}
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
	List<Run> with(PortOutcome outcome) {
		return all.stream().filter(r -> r.outcome() == outcome).toList();
	}

	/** @return the blocked runs the far side or the way there is responsible for (not this machine's own filter) */
	List<Run> blockedOnTheWay() {
		return all.stream().filter(r -> r.blocked() && r.outcome() != PortOutcome.BLOCKED_LOCALLY).toList();
	}

	boolean anyRejected() {
		return all.stream().anyMatch(r -> r.outcome() == PortOutcome.REJECTED);
	}

	static String ports(List<Run> runs) {
		return runs.stream().map(r -> r.ports().toString()).collect(Collectors.joining(", "));
	}

	/** @return e.g. "30000-30999 pass (16 probed), 31000-33000 silent (48 probed)" */
	String describe() {
		return all.stream().map(r -> r.ports() + " " + r.outcome().name().toLowerCase().replace('_', ' ') + " (" + r.probed() + " probed)")
				.collect(Collectors.joining(", "));
	}
}
