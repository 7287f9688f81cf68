package org.mediapath.responder.browser;

import java.util.Map;

import org.mediapath.api.browser.PortState;

/**
 * What the page is told after each report.
 *
 * @param done whether the run is decided: the page stops and shows the summary
 * @param summary one line in plain words for the user ("Done — your administrator has the result: ...")
 * @param ports each port's judgement so far
 */
public record RunProgress(boolean done, String summary, Map<Integer, PortState> ports) {
	/** @throws NullPointerException if the map is null */
	public RunProgress {
		ports = Map.copyOf(ports);
	}
}
