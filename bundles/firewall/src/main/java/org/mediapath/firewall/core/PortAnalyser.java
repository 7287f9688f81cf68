package org.mediapath.firewall.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.net.PortRange;

import inet.ipaddr.IPAddress;

/**
 * Answers a question against parsed rulesets: cuts the asked range where any rule's port condition
 * changes, judges one port per stretch, and merges stretches with the same verdict and rule into
 * runs. Several rulesets (pf and the application firewall, say) are layers the traffic must all
 * pass: the first that blocks decides, then the first that is undecided.
 */
public final class PortAnalyser {

	private PortAnalyser() {
	}

	public static FirewallAnswer analyse(List<Ruleset> rulesets, List<String> formats, List<String> inputWarnings,
			FirewallQuestion question) {
		List<String> warnings = new ArrayList<>(inputWarnings);
		PortRange asked = question.ports();
		if (rulesets.isEmpty()) {
			warnings.add("no firewall configuration was recognised, so no port can be judged");
			PortVerdictRun run = new PortVerdictRun(asked, FirewallVerdict.UNKNOWN, "none",
					"no firewall configuration was recognised in the input");
			return new FirewallAnswer(formats, List.of(run), List.of(asked), warnings);
		}
		for (Ruleset ruleset : rulesets) {
			for (String warning : ruleset.warnings()) {
				warnings.add(ruleset.format() + ": " + warning);
			}
		}
		if (rulesets.size() > 1) {
			warnings.add(rulesets.size() + " firewall configurations were judged as layers the traffic must all pass");
		}
		Optional<IPAddress> remote = Optional.empty();
		if (question.remoteAddress().isPresent()) {
			remote = Addresses.parse(question.remoteAddress().get()).filter(a -> a.getNetworkPrefixLength() == null);
			if (remote.isEmpty()) {
				warnings.add("the remote address '" + question.remoteAddress().get()
						+ "' is not an IP address; rules scoped to addresses stay undecided");
			}
		}
		Probe template = new Probe(question.direction(), question.protocol(), asked.first(), remote, question.program(),
				question.profile());
		TreeSet<Integer> starts = new TreeSet<>();
		starts.add(asked.first());
		for (Ruleset ruleset : rulesets) {
			ruleset.boundaries(question.protocol(), port -> {
				if (port > asked.first() && port <= asked.last()) {
					starts.add(port);
				}
			});
		}
		List<PortVerdictRun> runs = new ArrayList<>();
		Integer[] points = starts.toArray(Integer[]::new);
		for (int k = 0; k < points.length; k++) {
			int first = points[k];
			int last = k + 1 < points.length ? points[k + 1] - 1 : asked.last();
			Decision decision = judge(rulesets, template.withPort(first));
			PortVerdictRun previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (previous != null && previous.verdict() == decision.verdict() && previous.rule().equals(decision.rule())
					&& previous.reason().equals(decision.reason())) {
				runs.set(runs.size() - 1, new PortVerdictRun(new PortRange(previous.ports().first(), last),
						decision.verdict(), decision.rule(), decision.reason()));
			} else {
				runs.add(new PortVerdictRun(new PortRange(first, last), decision.verdict(), decision.rule(),
						decision.reason()));
			}
		}
		return new FirewallAnswer(formats, runs, uncovered(runs), warnings);
	}

	private static Decision judge(List<Ruleset> rulesets, Probe probe) {
		Decision undecided = null;
		Decision allowed = null;
		for (Ruleset ruleset : rulesets) {
			Decision decision = ruleset.judge(probe);
			if (decision.verdict() == FirewallVerdict.BLOCKED) {
				return decision;
			}
			if (decision.verdict() == FirewallVerdict.UNKNOWN && undecided == null) {
				undecided = decision;
			} else if (allowed == null) {
				allowed = decision;
			}
		}
		return undecided != null ? undecided : allowed;
	}

	private static List<PortRange> uncovered(List<PortVerdictRun> runs) {
		List<PortRange> gaps = new ArrayList<>();
		for (PortVerdictRun run : runs) {
			if (run.verdict() == FirewallVerdict.ALLOWED) {
				continue;
			}
			PortRange last = gaps.isEmpty() ? null : gaps.get(gaps.size() - 1);
			if (last != null && last.last() + 1 == run.ports().first()) {
				gaps.set(gaps.size() - 1, new PortRange(last.first(), run.ports().last()));
			} else {
				gaps.add(run.ports());
			}
		}
		return gaps;
	}
}
