package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.mediapath.api.report.Cause;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;

/**
 * Applies rules and ranks their causes: a cause that explains another comes first (fix it and the
 * other may go away), otherwise the more confident first. One cause per id: when two rules name the
 * same id, the more confident one wins, so the report never lists a cause twice.
 */
public final class CauseRanking {

	private CauseRanking() {
	}

	/**
	 * @param rules the rules to apply
	 * @param findings what the checks saw
	 * @param ruleFailed told of a rule that threw; the other rules still count
	 * @return the causes, most likely first
	 */
	public static List<Cause> evaluate(List<CauseRule> rules, Findings findings, Consumer<String> ruleFailed) {
		Map<String, Cause> byId = new LinkedHashMap<>();
		Map<String, Set<String>> explains = new HashMap<>();
		for (CauseRule rule : rules) {
			List<Cause> causes;
			try {
				causes = rule.evaluate(findings);
			} catch (RuntimeException e) {
				ruleFailed.accept(rule.getClass().getName() + ": " + e);
				continue;
			}
			for (Cause cause : causes == null ? List.<Cause>of() : causes) {
				Cause known = byId.get(cause.id());
				if (known == null || known.confidence() < cause.confidence()) {
					byId.put(cause.id(), cause);
				}
				try {
					explains.computeIfAbsent(cause.id(), k -> new HashSet<>()).addAll(rule.explains(cause.id()));
				} catch (RuntimeException e) {
					ruleFailed.accept(rule.getClass().getName() + ".explains: " + e);
				}
			}
		}
		return rank(new ArrayList<>(byId.values()), explains);
	}

	/** Repeatedly takes the most confident cause that no remaining cause explains (ids break ties, for stable output). */
	static List<Cause> rank(List<Cause> causes, Map<String, Set<String>> explains) {
		List<Cause> remaining = new ArrayList<>(causes);
		remaining.sort(Comparator.comparingDouble(Cause::confidence).reversed().thenComparing(Cause::id));
		List<Cause> ranked = new ArrayList<>();
		while (!remaining.isEmpty()) {
			Cause next = remaining.stream()
					.filter(c -> remaining.stream().noneMatch(o -> o != c && explains.getOrDefault(o.id(), Set.of()).contains(c.id())))
					.findFirst().orElse(remaining.get(0)); // a cycle: fall back to confidence
			ranked.add(next);
			remaining.remove(next);
		}
		return List.copyOf(ranked);
	}
}
