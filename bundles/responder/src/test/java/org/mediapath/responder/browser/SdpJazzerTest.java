package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the SDP offer parser the page's offers reach: whatever an
 * offer holds, {@link Sdp#parseOffer} either refuses it with an IllegalArgumentException (which the
 * facade turns into BAD_REQUEST) or gives credentials of ICE characters within RFC 8839's lengths;
 * and the answer built for a parsed offer carries nothing of the offer but its checked mid, so no
 * offer can add a line to the answer (no reflection). Chrome's and Firefox's offers are the seeds
 * (SdpJazzerTestInputs).
 */
class SdpJazzerTest {

	private static final Pattern ICE = Pattern.compile("[A-Za-z0-9+/]+");
	private static final List<String> ANSWER_LINES = List.of("v=0", "o=mediapath ", "s=-", "t=0 0", "a=group:BUNDLE ",
			"a=ice-options:trickle", "m=application ", "c=IN ", "a=mid:", "a=ice-ufrag:", "a=ice-pwd:", "a=fingerprint:sha-256 ",
			"a=setup:active", "a=sctp-port:5000", "a=max-message-size:262144", "a=candidate:1 1 udp ", "a=end-of-candidates");

	/** {@code @Timeout} is also libFuzzer's per-input timeout; it must exceed maxDuration. */
	@FuzzTest(maxDuration = "12s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void offersAreReadOrRefusedAndNeverReflected(FuzzedDataProvider data) {
		String text = data.consumeRemainingAsString();
		Sdp.Offer offer;
		try {
			offer = Sdp.parseOffer(text);
		} catch (IllegalArgumentException refused) {
			assertTrue(refused.getMessage() != null && refused.getMessage().startsWith("sdp: "), refused.getMessage());
			return;
		}
		assertTrue(ICE.matcher(offer.ufrag()).matches() && offer.ufrag().length() >= 4 && offer.ufrag().length() <= 256);
		assertTrue(ICE.matcher(offer.password()).matches() && offer.password().length() >= 22
				&& offer.password().length() <= 256);
		String answer = Sdp.answer(offer, "abcd", "abcdefghijklmnopqrstuvwx", "192.0.2.7", 30000, new byte[32]);
		String[] lines = answer.split("\r\n", -1);
		assertEquals("", lines[lines.length - 1], "the answer ends with CRLF");
		for (int i = 0; i < lines.length - 1; i++) {
			String line = lines[i];
			assertTrue(ANSWER_LINES.stream().anyMatch(line::startsWith), "an answer line the answer never has: " + i);
			assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "a control or non-ASCII character in line " + i);
		}
		assertEquals(ANSWER_LINES.size(), lines.length - 1, "lines added to the answer");
	}
}
