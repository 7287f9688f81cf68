package org.mediapath.firewall.netfilter;

import java.util.List;

import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Tri;

/**
 * One rule of a chain.
 *
 * @param id how its format identifies it ({@code handle 7}, {@code rule 3})
 * @param text the rule as written
 * @param matches its conditions, all of which must hold
 * @param action what it does
 */
public record Rule(String id, String text, List<Match> matches, Action action) {

	public Rule {
		matches = List.copyOf(matches);
	}

	public Tri test(Probe probe) {
		Tri result = Tri.YES;
		for (Match match : matches) {
			result = result.and(match.test(probe));
			if (result == Tri.NO) {
				return Tri.NO;
			}
		}
		return result;
	}

	/** @return the conditions that are undecided for the probe, as written */
	public String undecided(Probe probe) {
		StringBuilder s = new StringBuilder();
		for (Match match : matches) {
			if (match.test(probe) == Tri.MAYBE) {
				s.append(s.length() == 0 ? "" : ", ").append(match.text());
			}
		}
		return s.toString();
	}
}
