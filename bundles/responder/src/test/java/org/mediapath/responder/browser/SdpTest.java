package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpTest {

	/** A Chromium data-channel offer without media permission (its candidates are mDNS names). */
	static final String CHROME_OFFER = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
			"a=group:BUNDLE 0", "a=extmap-allow-mixed", "a=msid-semantic: WMS",
			"m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=ice-ufrag:9+/x",
			"a=ice-pwd:Hj3bT6Qq0yB+7TzZkq1Yk7Vv", "a=ice-options:trickle",
			"a=fingerprint:sha-256 12:AB:34:CD:56:EF:78:90:12:AB:34:CD:56:EF:78:90:12:AB:34:CD:56:EF:78:90:12:AB:34:CD:56:EF:78:90",
			"a=setup:actpass", "a=mid:0", "a=sctp-port:5000", "a=max-message-size:262144", "");

	@Test
	void chromesOfferGivesItsCredentialsUndecoded() {
		Sdp.Offer offer = Sdp.parseOffer(CHROME_OFFER);
		assertEquals("9+/x", offer.ufrag(), "'+' and '/' are ice-chars: no URL decoding");
		assertEquals("Hj3bT6Qq0yB+7TzZkq1Yk7Vv", offer.password());
		assertEquals("0", offer.mid());
	}

	@Test
	void theAnswerOffersOneHostCandidateAndLeavesTheBrowserWaitingForDtls() {
		String answer = Sdp.answer(Sdp.parseOffer(CHROME_OFFER), "abcd", "0123456789012345678901", "198.18.0.2", 30123,
				new byte[32]);
		assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 198.18.0.2 30123 typ host\r\n"), answer);
		assertTrue(answer.contains("a=setup:active\r\n"));
		assertTrue(answer.contains("m=application 30123 UDP/DTLS/SCTP webrtc-datachannel\r\n"));
		assertTrue(answer.contains("a=fingerprint:sha-256 00:00:"));
		assertFalse(answer.contains("ice-lite"));
		assertTrue(Sdp.answer(Sdp.parseOffer(CHROME_OFFER), "abcd", "0123456789012345678901", "2001:db8::2", 30000, new byte[32])
				.contains("c=IN IP6 2001:db8::2"));
	}

	@Test
	void malformedOffersAreRefusedWithoutQuotingThem() {
		String[] bad = { "", "x=0", CHROME_OFFER.replace("a=ice-ufrag:9+/x", "a=ice-ufrag:<script>"),
				CHROME_OFFER.replace("a=ice-pwd:Hj3bT6Qq0yB+7TzZkq1Yk7Vv", "a=ice-pwd:short"),
				CHROME_OFFER.replace("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "m=audio 9 UDP/TLS/RTP/SAVPF 111"),
				CHROME_OFFER + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n",
				CHROME_OFFER.replace("a=mid:0", "a=mid:0\r\na=ice-ufrag:other"), "v=0\r\n" + "a=x\r\n".repeat(300),
				"v=0" + "a".repeat(Sdp.MAX_OFFER_BYTES) };
		for (String offer : bad) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sdp.parseOffer(offer));
			assertTrue(e.getMessage().startsWith("sdp: "), e.getMessage());
			assertFalse(e.getMessage().contains("<script>"));
		}
	}

	@Test
	void userAgentsGiveBrowserAndSystem() {
		assertEquals("Edge 131", Sdp.browserOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86"));
		assertEquals("Windows 10/11", Sdp.operatingSystemOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64)"));
		assertEquals("Firefox 128", Sdp.browserOf("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"));
		assertEquals("Chrome 131", Sdp.browserOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
		assertEquals("macOS", Sdp.operatingSystemOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)"));
		assertEquals("Safari 17", Sdp.browserOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"));
		assertEquals("iOS", Sdp.operatingSystemOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)"));
		assertEquals("unknown browser", Sdp.browserOf(""));
		assertEquals("unknown", Sdp.operatingSystemOf(null));
	}
}
