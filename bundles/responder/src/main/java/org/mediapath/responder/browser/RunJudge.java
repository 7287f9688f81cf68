package org.mediapath.responder.browser;

import java.time.Duration;
import java.util.Optional;

import org.mediapath.api.browser.PortState;

/**
 * Judges one PBX port of a run from both sides' counts. The browser's own verdict comes 15 s (Chrome)
 * to 30 s (Firefox) late and without a reason; with both sides' counts a port is decided within a
 * short window after its offer: a check answered either way proves both directions (a check and its
 * answer make a round trip), checks sent with none arriving prove the way in is closed, and checks
 * arriving and answered with no answer reaching the browser prove the way back is.
 */
final class RunJudge {

	/** How long after its offer a port may stay undecided: Chrome sends a check every 50-100 ms at first. */
	static final Duration WINDOW = Duration.ofMillis(2000);
	/** The browser checks a silent port must have sent before it is called silent. */
	static final int MIN_REQUESTS = 3;

	/**
	 * What is known of one port.
	 *
	 * @param tried whether the PBX could offer the port (an agent is bound there)
	 * @param checksArrived authenticated checks from the browser that arrived at the port
	 * @param agentConnected whether the PBX's agent has a working pair
	 * @param page the page's last snapshot of the pair, if it reported one
	 * @param sinceOffer how long ago the offer was answered; empty if no offer came
	 */
	record PortView(boolean tried, long checksArrived, boolean agentConnected, Optional<PairReport> page,
			Optional<Duration> sinceOffer) {
	}

	private RunJudge() {
	}

	/**
	 * @param v what is known
	 * @param last whether this is the last word (the run's deadline, or the page's last report): nothing stays pending
	 * @return the port's state
	 */
	static PortState judge(PortView v, boolean last) {
		if (!v.tried()) {
			return PortState.NOT_TRIED;
		}
		long sent = v.page().map(PairReport::requestsSent).orElse(0L);
		boolean answeredAtBrowser = v.page().map(p -> p.responsesReceived() > 0 || "succeeded".equals(p.pairState())
				|| "connected".equals(p.connectionState())).orElse(false);
		if (answeredAtBrowser || v.agentConnected()) {
			return PortState.CONNECTED;
		}
		boolean windowOver = v.sinceOffer().map(d -> d.compareTo(WINDOW) >= 0).orElse(false);
		if (!last && !windowOver) {
			return PortState.PENDING;
		}
		if (v.checksArrived() > 0) {
			return PortState.ONE_WAY;
		}
		// Firefox's candidate-pair stats have no requestsSent (it counts 0); a pair that is "in-progress" (RFC 8445: a check was
		// sent and its transaction runs) or "failed" for the whole window has sent checks all the same
		boolean checking = v.page().map(p -> "in-progress".equals(p.pairState()) || "failed".equals(p.pairState()))
				.orElse(false);
		if (sent >= MIN_REQUESTS || (last && sent > 0) || (sent == 0 && checking)) {
			return PortState.SILENT;
		}
		return last ? PortState.NO_CHECKS : PortState.PENDING;
	}
}
