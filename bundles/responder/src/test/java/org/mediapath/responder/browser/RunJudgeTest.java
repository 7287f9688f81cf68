package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediapath.api.browser.PortState;

class RunJudgeTest {

	/**
	 * tried, arrived at the PBX, agent connected, page: requestsSent/responsesReceived/pairState/connectionState
	 * ("-" for no report), ms since the offer (-1 none), last word → state
	 */
	@ParameterizedTest(name = "{index}: {10}")
	@CsvSource({
			"false, 0, false, -, 0, 0, -, -, 3000, false, NOT_TRIED",
			"true, 5, false, x, 5, 1, in-progress, connecting, 100, false, CONNECTED",
			"true, 0, true, -, 0, 0, -, -, 100, false, CONNECTED",
			"true, 0, false, x, 0, 0, succeeded, connected, 100, false, CONNECTED",
			"true, 0, false, x, 12, 0, in-progress, connecting, 500, false, PENDING",
			"true, 0, false, x, 12, 0, in-progress, connecting, 2500, false, SILENT",
			"true, 0, false, x, 2, 0, in-progress, connecting, 2500, false, PENDING",
			"true, 0, false, x, 2, 0, in-progress, connecting, 2500, true, SILENT",
			"true, 9, false, x, 12, 0, in-progress, connecting, 2500, false, ONE_WAY",
			"true, 9, false, x, 12, 0, in-progress, connecting, 500, false, PENDING",
			"true, 0, false, x, 0, 0, '', new, 2500, false, PENDING",
			"true, 0, false, x, 0, 0, in-progress, checking, 2500, false, SILENT",
			"true, 0, false, x, 0, 0, in-progress, checking, 500, false, PENDING",
			"true, 0, false, x, 0, 0, failed, failed, 2500, false, SILENT",
			"true, 0, false, x, 0, 0, waiting, checking, 2500, false, PENDING",
			"true, 0, false, x, 0, 0, '', new, 2500, true, NO_CHECKS",
			"true, 0, false, -, 0, 0, -, -, -1, true, NO_CHECKS",
			"true, 0, false, -, 0, 0, -, -, -1, false, PENDING" })
	void bothSidesCountsDecideAPort(boolean tried, long arrived, boolean agentConnected, String page, long sent, long responses,
			String pairState, String connectionState, long sinceOfferMillis, boolean last, PortState expected) {
		Optional<PairReport> report = "-".equals(page) ? Optional.empty()
				: Optional.of(new PairReport(30000, pairState, sent, responses, 0, Double.NaN, "host", connectionState));
		Optional<Duration> since = sinceOfferMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(sinceOfferMillis));
		assertEquals(expected, RunJudge.judge(new RunJudge.PortView(tried, arrived, agentConnected, report, since), last));
	}
}
