package org.mediapath.responder.browser;

import java.util.Map;
import java.util.OptionalDouble;

import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;

/**
 * The one line the user reads when the run is decided. It says what was seen from the user's side in
 * plain words; which side must change is the console's report's job, which has the PBX's evidence too.
 */
final class Summaries {

	private Summaries() {
	}

	static String of(Map<Integer, PortState> states, Map<Integer, PairReport> pages, RunState state) {
		long tried = states.values().stream().filter(s -> s != PortState.NOT_TRIED).count();
		long connected = count(states, PortState.CONNECTED);
		long silent = count(states, PortState.SILENT);
		long oneWay = count(states, PortState.ONE_WAY);
		if (state == RunState.ABANDONED) {
			return "The test stopped before it could finish: open the link again to repeat it.";
		}
		if (tried == 0) {
			return "The PBX could not offer any media port for the test right now: try again in a minute.";
		}
		if (connected == tried) {
			OptionalDouble rtt = pages.values().stream().mapToDouble(PairReport::roundTripSeconds)
					.filter(d -> Double.isFinite(d) && d >= 0).average();
			return "Calls from this PC will have sound: all " + tried + " media ports of the PBX that were tested answered"
					+ (rtt.isPresent() ? " (round trip " + Math.round(rtt.getAsDouble() * 1000) + " ms)." : ".");
		}
		if (connected > 0) {
			return "Some calls from this PC would stay silent: " + connected + " of " + tried
					+ " media ports of the PBX answered, the others did not.";
		}
		if (oneWay > 0 && silent == 0) {
			return "Calls from this PC would stay silent: the PBX hears this browser, but its answers do not come back ("
					+ oneWay + " of " + tried + " ports).";
		}
		if (silent + oneWay > 0) {
			return "Calls from this PC would stay silent: none of the " + tried + " media ports of the PBX that were tested"
					+ " got through.";
		}
		return "This browser did not test the connection (its WebRTC engine sent nothing): try again in Chrome, Edge or Firefox.";
	}

	private static long count(Map<Integer, PortState> states, PortState s) {
		return states.values().stream().filter(x -> x == s).count();
	}
}
