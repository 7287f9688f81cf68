package org.mediapath.responder.browser;

import java.util.List;

/**
 * One report of the page's counts.
 *
 * @param elapsedMillis since the page started the run
 * @param pairs one per port it tests
 * @param last whether the page stops after this one (its deadline, or it is being closed)
 */
public record PageReport(long elapsedMillis, List<PairReport> pairs, boolean last) {
	/** @throws NullPointerException if the list is null */
	public PageReport {
		pairs = List.copyOf(pairs);
	}
}
