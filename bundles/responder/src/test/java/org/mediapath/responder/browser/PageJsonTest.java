package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.responder.browser.PageJson.OfferRequest;
import org.mediapath.responder.browser.PageJson.ReportRequest;

/**
 * The page's requests as Chrome and Firefox send them, and every way they can be wrong: each
 * refusal is BAD_REQUEST (400) naming the field, and never repeats what was sent.
 */
class PageJsonTest {

	/** What Chrome 156 offers for a data channel with no candidates gathered yet (ufrag with '+' and '/'). */
	static final String CHROME_OFFER = """
			v=0\r
			o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
			s=-\r
			t=0 0\r
			a=group:BUNDLE 0\r
			a=extmap-allow-mixed\r
			a=msid-semantic: WMS\r
			m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r
			c=IN IP4 0.0.0.0\r
			a=ice-ufrag:a+/Z\r
			a=ice-pwd:5p0E1Gv6/ZbzUq+8xWQpD2Jc\r
			a=ice-options:trickle\r
			a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\r
			a=setup:actpass\r
			a=mid:0\r
			a=sctp-port:5000\r
			a=max-message-size:262144\r
			""";

	/** What Firefox ESR 153 offers for a data channel (captured from the page). */
	static final String FIREFOX_OFFER = "v=0\r\no=mozilla...THIS_IS_SDPARTA-99.0 2839599886383238345 0 IN IP4 0.0.0.0\r\n"
			+ "s=-\r\nt=0 0\r\na=fingerprint:sha-256 EE:9C:C9:FA:56:0E:C4:22:BC:BF:1C:78:71:12:6E:E4:EF:F0:5E:18:88:3F:B6:D4:"
			+ "62:A1:76:C3:39:BD:8D:3A\r\na=group:BUNDLE 0\r\na=ice-options:trickle\r\na=msid-semantic:WMS *\r\n"
			+ "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\n"
			+ "a=ice-pwd:2132106fa8f59e60e1bb2e204ddf668a\r\na=ice-ufrag:2d145ce2\r\na=mid:0\r\na=setup:actpass\r\n"
			+ "a=sctp-port:5000\r\na=max-message-size:1073741823\r\n";

	static final String PAIR = """
			{"port": 30000, "pairState": "in-progress", "requestsSent": 12, "responsesReceived": 0,
			 "requestsReceived": 3, "roundTripSeconds": null, "localCandidateType": "host", "connectionState": "connecting"}""";

	@Test
	void aStartCarriesTheToken() throws Exception {
		assertEquals("AbC-d_9", PageJson.start("{\"token\": \"AbC-d_9\"}").token());
		// a newer page's extra fields are skipped, whatever they hold
		assertEquals("t", PageJson.start("{\"v\": [1, {\"x\": [[[]]]}], \"token\": \"t\", \"w\": null}").token());
	}

	@Test
	void anOfferKeepsChromesSdpByteForByte() throws Exception {
		String body = "{\"key\": \"k1\", \"port\": 30002, \"sdp\": " + jsonString(CHROME_OFFER) + "}";
		OfferRequest offer = PageJson.offer(body);
		assertEquals("k1", offer.key());
		assertEquals(30002, offer.port());
		assertEquals(CHROME_OFFER, offer.sdp());
		assertTrue(offer.sdp().contains("a=ice-ufrag:a+/Z\r\n"), "no decoding of '+' or '/'");
	}

	@Test
	void chromesAndFirefoxsOffersReachTheSdpReaderWhole() throws Exception {
		for (String sdp : java.util.List.of(CHROME_OFFER, FIREFOX_OFFER)) {
			OfferRequest offer = PageJson.offer("{\"key\": \"k\", \"port\": 30000, \"sdp\": " + jsonString(sdp) + "}");
			assertEquals(sdp, offer.sdp());
			Sdp.Offer read = Sdp.parseOffer(offer.sdp());
			assertEquals("0", read.mid());
			assertTrue(sdp.contains("a=ice-ufrag:" + read.ufrag() + "\r\n") && sdp.contains("a=ice-pwd:" + read.password() + "\r\n"));
		}
	}

	@Test
	void aReportCarriesEveryPair() throws Exception {
		String body = "{\"key\": \"k\", \"elapsedMillis\": 1234, \"last\": false, \"pairs\": [" + PAIR + ", "
				+ "{\"port\": 30001, \"pairState\": \"succeeded\", \"requestsSent\": 2, \"responsesReceived\": 2, "
				+ "\"requestsReceived\": 1, \"roundTripSeconds\": 0.004, \"localCandidateType\": \"prflx\", "
				+ "\"connectionState\": \"connected\"}, "
				+ "{\"port\": 30002, \"pairState\": \"\", \"requestsSent\": 0, \"responsesReceived\": 0, "
				+ "\"requestsReceived\": 0, \"localCandidateType\": \"\", \"connectionState\": \"\"}]}";
		ReportRequest r = PageJson.report(body);
		assertEquals("k", r.key());
		assertEquals(1234, r.report().elapsedMillis());
		assertFalse(r.report().last());
		List<PairReport> pairs = r.report().pairs();
		assertEquals(new PairReport(30000, "in-progress", 12, 0, 3, Double.NaN, "host", "connecting"), pairs.get(0));
		assertEquals(new PairReport(30001, "succeeded", 2, 2, 1, 0.004, "prflx", "connected"), pairs.get(1));
		assertTrue(Double.isNaN(pairs.get(2).roundTripSeconds()), "an absent round trip is not known");
		assertEquals(List.of(), PageJson.report("{\"key\":\"k\",\"elapsedMillis\":0,\"last\":true,\"pairs\":[]}")
				.report().pairs());
	}

	@Test
	void aMissingOrWrongFieldIsNamedWithoutRepeatingTheInput() {
		refused("{}", "token is missing");
		refused("{\"token\": 5}", "token is not a string");
		refused("{\"token\": \"<script>\"}", "token is not a token");
		refused("{\"token\": \"" + "a".repeat(129) + "\"}", "token is longer than 128");
		refused("{\"token\": \"a\", \"token\": \"b\"}", "token is given twice");
		refusedOffer("{\"key\": \"k\", \"port\": 0, \"sdp\": \"v=0\"}", "port is not a port");
		refusedOffer("{\"key\": \"k\", \"port\": 65536, \"sdp\": \"v=0\"}", "port is not a port");
		refusedOffer("{\"key\": \"k\", \"port\": 3.5, \"sdp\": \"v=0\"}", "port is not a whole number");
		refusedOffer("{\"key\": \"k\", \"port\": \"30000\", \"sdp\": \"v=0\"}", "port is not a number");
		refusedOffer("{\"key\": \"k\", \"port\": 30000, \"sdp\": \"\"}", "sdp is empty");
		refusedOffer("{\"key\": \"k\", \"port\": 30000, \"sdp\": \"v=0\\u0000\"}", "sdp holds a control character");
		refusedOffer("{\"key\": \"k\", \"port\": 30000, \"sdp\": \"" + "a".repeat(PageJson.MAX_SDP + 1) + "\"}",
				"sdp is longer than");
		refusedOffer("{\"key\": \"k\", \"port\": 30000}", "sdp is missing");
		refusedReport("{\"key\":\"k\",\"elapsedMillis\":-1,\"last\":true,\"pairs\":[]}", "elapsedMillis is outside");
		refusedReport("{\"key\":\"k\",\"elapsedMillis\":1,\"last\":\"yes\",\"pairs\":[]}", "last is not true or false");
		refusedReport("{\"key\":\"k\",\"elapsedMillis\":1,\"last\":true,\"pairs\":{}}", "pairs is not a list");
		refusedReport("{\"key\":\"k\",\"elapsedMillis\":1,\"last\":true,\"pairs\":[7]}", "pairs[0] is not an object");
		refusedReport(report(PAIR.replace("\"host\"", "\"<b>x</b>\"")), "pairs[0].localCandidateType is none of");
		refusedReport(report(PAIR.replace("\"in-progress\"", "\"bogus\"")), "pairs[0].pairState is none of");
		refusedReport(report(PAIR.replace("\"connecting\"", "\"up\"")), "pairs[0].connectionState is none of");
		refusedReport(report(PAIR.replace("12", "1e12")), "pairs[0].requestsSent is outside");
		refusedReport(report(PAIR.replace("null", "-0.5")), "pairs[0].roundTripSeconds is outside");
		refusedReport(report(PAIR.replace("null", "\"fast\"")), "pairs[0].roundTripSeconds is not a number");
		refusedReport(report(PAIR.replace("\"requestsReceived\": 3,", "")), "pairs[0].requestsReceived is missing");
		refusedReport(report(PAIR + "," + PAIR), "pairs[1].port names a port an earlier entry has");
		StringBuilder many = new StringBuilder(PAIR);
		for (int port = 1; port <= PageJson.MAX_PAIRS; port++) {
			many.append(',').append(PAIR.replace("30000", Integer.toString(port)));
		}
		refusedReport(report(many.toString()), "pairs has more than 64 entries");
	}

	@Test
	void malformedJsonIsRefusedInPlainWords() {
		for (String body : List.of("", " ", "null", "[]", "\"token\"", "{", "{\"token\": \"a\"", "{'token': 'a'}",
				"{token: \"a\"}", "{\"token\": \"a\"} {}", "{\"token\": \"a\",}", "/* x */ {\"token\": \"a\"}",
				"{\"token\": NaN}", "{\"x\": [" + "[".repeat(20_000) + "]}", "{\"token\": \"\\x41\"}")) {
			BrowserTestException e = assertThrows(BrowserTestException.class, () -> PageJson.start(body), body);
			assertEquals(BrowserTestException.BAD_REQUEST, e.code());
			assertEquals(400, e.httpStatus());
			assertTrue(e.getMessage().startsWith("The request "), e.getMessage());
		}
		BrowserTestException e = assertThrows(BrowserTestException.class,
				() -> PageJson.report("{\"key\":\"k\",\"elapsedMillis\":1e999,\"last\":true,\"pairs\":[]}"));
		assertEquals(400, e.httpStatus());
	}

	@Test
	void idsAreBase64UrlLettersOnly() {
		assertTrue(PageJson.isId("Zx-_09"));
		for (String id : List.of("", "a/b", "a+b", "a b", "%41", "a.b", "ä", "a".repeat(129))) {
			assertFalse(PageJson.isId(id), id);
		}
		assertFalse(PageJson.isId(null));
	}

	private static String report(String pairs) {
		return "{\"key\":\"k\",\"elapsedMillis\":1,\"last\":false,\"pairs\":[" + pairs + "]}";
	}

	private static void refused(String body, String expected) {
		check(assertThrows(BrowserTestException.class, () -> PageJson.start(body)), body, expected);
	}

	private static void refusedOffer(String body, String expected) {
		check(assertThrows(BrowserTestException.class, () -> PageJson.offer(body)), body, expected);
	}

	private static void refusedReport(String body, String expected) {
		check(assertThrows(BrowserTestException.class, () -> PageJson.report(body)), body, expected);
	}

	private static void check(BrowserTestException e, String body, String expected) {
		assertEquals(BrowserTestException.BAD_REQUEST, e.code());
		assertEquals(400, e.httpStatus());
		assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' for " + body);
		for (String sent : List.of("<script>", "<b>", "bogus", "\"up\"", "fast", "aaaaaaaaaa")) {
			assertFalse(e.getMessage().contains(sent), "the message repeats the input: " + e.getMessage());
		}
	}

	static String jsonString(String text) {
		StringBuilder s = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
			case '"' -> s.append("\\\"");
			case '\\' -> s.append("\\\\");
			case '\r' -> s.append("\\r");
			case '\n' -> s.append("\\n");
			default -> s.append(c);
			}
		}
		return s.append('"').toString();
	}
}
