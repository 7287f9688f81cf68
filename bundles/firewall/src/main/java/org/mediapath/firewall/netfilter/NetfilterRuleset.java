package org.mediapath.firewall.netfilter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.Decision;
import org.mediapath.firewall.core.PortSweep;
import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Ruleset;
import org.mediapath.firewall.core.Tri;

/**
 * A netfilter ruleset (nft or iptables) and its semantics: on each hook the packet traverses every
 * base chain of its family in priority order; an accept ends only its own base chain, a drop or
 * reject is final; a jump returns, a goto does not; the end of a called chain returns, the end of a
 * base chain applies its policy. Inbound traffic meets the ingress, prerouting and input hooks,
 * outbound the output and postrouting hooks.
 */
public final class NetfilterRuleset implements Ruleset {

	/** Undecided conditions fork the evaluation; past this many steps a port is UNKNOWN. */
	private static final int STEP_BUDGET = 20_000;
	private static final int MAX_CALL_DEPTH = 32;
	/** Where conntrack hooks in on prerouting and output (NF_IP_PRI_CONNTRACK). */
	private static final int CONNTRACK_PRIORITY = -200;

	private final String format;
	private final List<Chain> chains;
	private final List<String> warnings;
	private final Map<String, Chain> byName = new HashMap<>();
	/** Per asked protocol, per chain: which rules can match at a port (see {@link PortSweep}). */
	private final Map<String, Map<Chain, PortSweep>> sweeps = new HashMap<>();
	/** Per hook and family: the base chains in priority order. */
	private final Map<String, List<Chain>> bases = new HashMap<>();

	public NetfilterRuleset(String format, List<Chain> chains, List<String> warnings) {
		this.format = format;
		this.chains = List.copyOf(chains);
		this.warnings = new ArrayList<>(warnings);
		for (Chain chain : chains) {
			byName.put(key(chain.family(), chain.table(), chain.name()), chain);
		}
	}

	private static String key(String family, String table, String chain) {
		return family + "\u0000" + table + "\u0000" + chain;
	}

	@Override
	public String format() {
		return format;
	}

	@Override
	public List<String> warnings() {
		return warnings;
	}

	public List<Chain> chains() {
		return chains;
	}

	@Override
	public void boundaries(TransportProtocol protocol, IntConsumer boundary) {
		for (Chain chain : chains) {
			for (Rule rule : chain.rules()) {
				for (Match match : rule.matches()) {
					match.boundaries(protocol, boundary);
				}
			}
		}
	}

	/** How one base chain ended for a probe. */
	private record Outcome(FirewallVerdict verdict, String rule, String reason, boolean explicit) {
	}

	private static final class Budget {
		int steps = STEP_BUDGET;
	}

	/** The chains still to finish when a jumped-to chain returns (persistent, so forks share it). */
	private record Frame(Chain chain, int next, Frame caller, int depth) {
	}

	@Override
	public Decision judge(Probe probe) {
		List<String> hooks = probe.direction() == TrafficDirection.INBOUND ? List.of("ingress", "prerouting", "input")
				: List.of("output", "postrouting");
		Outcome accepted = null;
		Outcome undecided = null;
		int baseChains = 0;
		for (String hook : hooks) {
			List<Chain> bases = this.bases.computeIfAbsent(hook + probe.ipv6(), k -> chains.stream()
					.filter(c -> hook.equals(c.hook()) && c.appliesTo(probe.ipv6()))
					.sorted(Comparator.comparingInt(Chain::priority)).toList());
			for (Chain base : bases) {
				baseChains++;
				boolean beforeConntrack = hook.equals("ingress") || hook.equals("prerouting") && base.priority() < CONNTRACK_PRIORITY
						|| hook.equals("output") && base.priority() < CONNTRACK_PRIORITY;
				Outcome outcome = run(probe.withBeforeConntrack(beforeConntrack), base, base, 0, null, new Budget());
				if (outcome.verdict() == FirewallVerdict.BLOCKED) {
					return Decision.blocked(outcome.rule(), outcome.reason());
				}
				if (outcome.verdict() == FirewallVerdict.UNKNOWN) {
					if (undecided == null) {
						undecided = outcome;
					}
				} else if (accepted == null || outcome.explicit() || !accepted.explicit()) {
					accepted = outcome;
				}
			}
		}
		if (undecided != null) {
			return Decision.unknown(undecided.rule(), undecided.reason());
		}
		if (baseChains == 0) {
			return Decision.allowed("no base chain", "no chain of this ruleset is attached to the "
					+ String.join("/", hooks) + " hooks for this traffic, so netfilter lets it pass");
		}
		return Decision.allowed(accepted.rule(), accepted.reason());
	}

	private BitSet active(Probe probe, Chain chain) {
		// identity: a Chain record hashes all its rules
		return sweeps.computeIfAbsent(probe.protocolName(), p -> new java.util.IdentityHashMap<>())
				.computeIfAbsent(chain, c -> new PortSweep(c.rules().stream().map(r -> r.portFilter(probe.protocolName())).toList()))
				.at(probe.port());
	}

	private Outcome run(Probe probe, Chain base, Chain chain, int from, Frame caller, Budget budget) {
		List<Rule> rules = chain.rules();
		// only rules whose port conditions hold at this port can match: the others are skipped unseen
		BitSet active = active(probe, chain);
		for (int i = active.nextSetBit(from); i >= 0 && i < rules.size(); i = active.nextSetBit(i + 1)) {
			if (--budget.steps < 0) {
				return new Outcome(FirewallVerdict.UNKNOWN, label(chain, null),
						"too many undecided conditions to follow every path", true);
			}
			Rule rule = rules.get(i);
			Action action = rule.action();
			if (action.kind() == Action.Kind.CONTINUE) {
				continue;
			}
			Tri match = rule.test(probe);
			if (match == Tri.NO) {
				continue;
			}
			Outcome matched = act(probe, base, chain, i, rule, caller, budget);
			if (match == Tri.YES) {
				return matched;
			}
			Outcome unmatched = run(probe, base, chain, i + 1, caller, budget);
			return merge(matched, unmatched, label(chain, rule), rule.undecided(probe));
		}
		return endOfChain(probe, base, chain, caller, budget);
	}

	private Outcome act(Probe probe, Chain base, Chain chain, int index, Rule rule, Frame caller, Budget budget) {
		Action action = rule.action();
		String label = label(chain, rule);
		switch (action.kind()) {
		case ACCEPT:
		case NAT:
			return new Outcome(FirewallVerdict.ALLOWED, label, "accepted by " + describe(chain, rule), true);
		case DROP:
		case REJECT:
			return new Outcome(FirewallVerdict.BLOCKED, label,
					(action.kind() == Action.Kind.DROP ? "dropped" : "rejected") + " by " + describe(chain, rule)
							+ "; that is final, no later chain can accept it",
					true);
		case RETURN:
			return endOfChain(probe, base, chain, caller, budget);
		case JUMP:
		case GOTO:
			Chain target = byName.get(key(chain.family(), chain.table(), action.target()));
			if (target == null) {
				return new Outcome(FirewallVerdict.UNKNOWN, label, "the rule continues in chain " + action.target()
						+ ", which is not in the input", true);
			}
			int depth = caller == null ? 0 : caller.depth();
			if (depth >= MAX_CALL_DEPTH) {
				return new Outcome(FirewallVerdict.UNKNOWN, label, "chains call each other deeper than "
						+ MAX_CALL_DEPTH + " levels", true);
			}
			Frame next = action.kind() == Action.Kind.JUMP ? new Frame(chain, index + 1, caller, depth + 1) : caller;
			return run(probe, base, target, 0, next, budget);
		default:
			return new Outcome(FirewallVerdict.UNKNOWN, label, "the action '" + action.target()
					+ "' hands the packet elsewhere; its fate is not in the ruleset", true);
		}
	}

	private Outcome endOfChain(Probe probe, Chain base, Chain chain, Frame caller, Budget budget) {
		if (caller != null) {
			return run(probe, base, caller.chain(), caller.next(), caller.caller(), budget);
		}
		String policy = base.policy().kind() == Action.Kind.DROP ? "drop" : "accept";
		String label = label(base, null) + ", policy " + policy;
		if (base.policy().kind() == Action.Kind.DROP) {
			return new Outcome(FirewallVerdict.BLOCKED, label, "no rule in " + where(base) + " accepts these "
					+ probe.protocolName().toUpperCase() + " ports, so the chain's policy drops them" + coverage(base, probe),
					false);
		}
		return new Outcome(FirewallVerdict.ALLOWED, label, "no rule in " + where(base) + " decides, and its policy accepts",
				false);
	}

	/** Names the ports the chain's own accept rules do cover, so a reader sees the gap. */
	private static String coverage(Chain base, Probe probe) {
		List<String> covered = new ArrayList<>();
		for (Rule rule : base.rules()) {
			if (rule.action().kind() != Action.Kind.ACCEPT) {
				continue;
			}
			for (Match match : rule.matches()) {
				if (match instanceof Matches.PortIs port && port.destination() && !port.negated()
						&& (port.protocol() == null || port.protocol().equals(probe.protocolName()))) {
					covered.add(port.ports().toString());
				}
			}
		}
		return covered.isEmpty() ? "" : " (its accept rules cover " + probe.protocolName().toUpperCase() + " "
				+ String.join(", ", covered) + ")";
	}

	private static Outcome merge(Outcome matched, Outcome unmatched, String rule, String condition) {
		if (matched.verdict() == unmatched.verdict() && matched.verdict() != FirewallVerdict.UNKNOWN) {
			return unmatched.explicit() ? unmatched : matched;
		}
		return new Outcome(FirewallVerdict.UNKNOWN, rule, "depends on " + (condition.isEmpty() ? "the rule's conditions"
				: "'" + condition + "'") + ", which the question does not fix: if it holds, " + summary(matched)
				+ "; if not, " + summary(unmatched), true);
	}

	private static String summary(Outcome outcome) {
		return switch (outcome.verdict()) {
		case ALLOWED -> "accepted (" + outcome.rule() + ")";
		case BLOCKED -> "blocked (" + outcome.rule() + ")";
		default -> "undecided";
		};
	}

	private String label(Chain chain, Rule rule) {
		String where = (format.startsWith("iptables") ? "table " + chain.table() : "table " + chain.family() + " "
				+ chain.table()) + ", chain " + chain.name();
		return rule == null ? where : where + ", " + rule.id() + ": " + rule.text();
	}

	private String where(Chain chain) {
		return "chain " + chain.name() + " of table " + (format.startsWith("iptables") ? "" : chain.family() + " ")
				+ chain.table();
	}

	private String describe(Chain chain, Rule rule) {
		return rule.id() + " of " + where(chain);
	}
}
