package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the page's request parser: whatever a body holds, the only
 * outcome besides a parsed request is a BAD_REQUEST (400) whose message does not repeat the body,
 * and a parsed request holds only values inside the bounds. Runs in the normal test phase for a
 * bounded time ({@code JAZZER_FUZZ=1} comes from this module's surefire configuration); any other
 * exception, crash or timeout fails the build. A start, a Chrome offer and a report are its seeds
 * (PageJsonJazzerTestInputs), so mutation starts from well-formed requests.
 */
class PageJsonJazzerTest {

	/** {@code @Timeout} is also libFuzzer's per-input timeout; it must exceed maxDuration. */
	@FuzzTest(maxDuration = "12s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void theRequestParserOnlyEverRefusesWithBadRequest(byte[] input) {
		// the servlet hands over only strict UTF-8; the replacement of bad bytes keeps the shapes coming
		String body = new String(input, StandardCharsets.UTF_8);
		try {
			PageJson.StartRequest start = PageJson.start(body);
			assertTrue(PageJson.isId(start.token()));
		} catch (BrowserTestException e) {
			refusedProperly(e);
		}
		try {
			PageJson.OfferRequest offer = PageJson.offer(body);
			assertTrue(PageJson.isId(offer.key()) && offer.port() >= 1 && offer.port() <= 65_535
					&& !offer.sdp().isEmpty() && offer.sdp().length() <= PageJson.MAX_SDP);
		} catch (BrowserTestException e) {
			refusedProperly(e);
		}
		try {
			PageJson.ReportRequest report = PageJson.report(body);
			assertTrue(PageJson.isId(report.key()) && report.report().pairs().size() <= PageJson.MAX_PAIRS);
			for (PairReport p : report.report().pairs()) {
				assertTrue(p.requestsSent() >= 0 && p.requestsSent() <= PageJson.MAX_COUNT);
				assertTrue(Double.isNaN(p.roundTripSeconds()) || p.roundTripSeconds() >= 0);
			}
		} catch (BrowserTestException e) {
			refusedProperly(e);
		}
	}

	private static void refusedProperly(BrowserTestException e) {
		assertEquals(BrowserTestException.BAD_REQUEST, e.code());
		assertEquals(400, e.httpStatus());
		assertTrue(e.getMessage().startsWith("The "), e.getMessage());
	}
}
