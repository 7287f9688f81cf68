package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.net.PortRange;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The page's servlet in a real Jetty 12 (the one Felix HTTP embeds) in front of the real
 * {@link BrowserTests}, over real HTTP on loopback: the page for a valid link and the plain-words
 * pages for unknown, forged, expired and used ones; the API's start, offer and report; and every
 * refusal: oversized bodies (declared and streamed), malformed and non-JSON bodies, wrong methods,
 * unknown paths, floods. Every response, refusals included, carries the security headers.
 */
class BrowserTestServletTest {

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
	private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
	private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

	private final MovableClock clock = new MovableClock();
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final List<HttpResponse<String>> answered = new ArrayList<>();
	private Server server;
	private BrowserTests tests;
	private String base;

	@BeforeEach
	void start() throws Exception {
		int first = 41_000 + (int) (ProcessHandle.current().pid() % 200) * 20;
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		server = new Server();
		ServerConnector connector = new ServerConnector(server);
		connector.setHost("127.0.0.1");
		connector.setPort(0);
		server.addConnector(connector);
		ServletContextHandler context = new ServletContextHandler();
		context.setContextPath("/");
		tests = new BrowserTests(new BrowserTests.Site(loopback, loopback, new PortRange(first, first + 19), "http://x"),
				new BrowserTests.Limits(3, 8, 2, 50, Duration.ofMillis(1500), Duration.ofMillis(250)), new Guard(), clock);
		context.addServlet(new ServletHolder(new BrowserTestServlet(tests)), BrowserTestWeb.PATTERN);
		server.setHandler(context);
		server.start();
		base = "http://127.0.0.1:" + connector.getLocalPort() + "/browser-test";
	}

	@AfterEach
	void stop() throws Exception {
		try {
			for (HttpResponse<String> r : answered) {
				securityHeaders(r);
			}
		} finally {
			server.stop();
			tests.close();
		}
	}

	@Test
	void aValidLinkGetsThePageWithTheStrictPolicyAndNoInlineCode() throws Exception {
		BrowserInvitation link = tests.invite(InvitationRequest.defaults());
		HttpResponse<String> page = get("/t/" + link.token());
		assertEquals(200, page.statusCode());
		assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase());
		assertTrue(page.body().contains("<script src=\"../static/page.js\" defer></script>"), page.body());
		assertTrue(page.body().contains("no install") || page.body().contains("Nothing is installed"), page.body());
		assertFalse(page.body().contains(link.token()), "the page is static: the script reads the token from the path");
		for (String name : List.of("page.html", "unknown.html", "expired.html", "used.html", "busy.html", "error.html")) {
			String html = resource(name);
			assertFalse(INLINE_SCRIPT.matcher(html).find(), name + " has an inline script");
			assertFalse(INLINE_HANDLER.matcher(html).find(), name + " has an inline handler");
			assertFalse(INLINE_STYLE.matcher(html).find(), name + " has an inline style");
		}
		String script = resource("page.js");
		assertFalse(script.contains("innerHTML") || script.contains("insertAdjacentHTML") || script.contains("document.write")
				|| script.contains("eval(") || script.contains("getUserMedia"), "page.js writes HTML, evaluates text or asks for media");
		HttpResponse<String> js = get("/static/page.js");
		assertEquals(200, js.statusCode());
		assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
		assertEquals(script, js.body());
		assertEquals(200, get("/static/page.css").statusCode());
		assertJsonRefusal(get("/static/../WEB-INF/x"), 404, "NOT_FOUND");
		assertJsonRefusal(get("/static/page.html"), 404, "NOT_FOUND");
		assertJsonRefusal(get("/"), 404, "NOT_FOUND");
	}

	@Test
	void unknownForgedExpiredAndUsedLinksGetTheirPlainWordsPage() throws Exception {
		HttpResponse<String> unknown = get("/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
		assertEquals(404, unknown.statusCode());
		assertTrue(unknown.body().contains("This link does not work"), unknown.body());
		// a forged link with markup in it: the same static page, nothing of it repeated
		HttpResponse<String> forged = get("/t/%3Cscript%3Ealert(1)%3C");
		assertTrue(forged.statusCode() == 404 || forged.statusCode() == 400, "status " + forged.statusCode());
		assertFalse(forged.body().contains("alert"), forged.body());
		assertFalse(get("/t/abc%22onload=x").body().contains("onload"));

		BrowserInvitation shortLived = tests.invite(
				new InvitationRequest(1, Duration.ofMinutes(1), "", BrowserTestPolicy.NONE));
		clock.move(Duration.ofMinutes(2));
		HttpResponse<String> expired = get("/t/" + shortLived.token());
		assertEquals(410, expired.statusCode());
		assertTrue(expired.body().contains("This link has expired"), expired.body());
		assertJsonRefusal(post("/api/runs", "{\"token\": \"" + shortLived.token() + "\"}"), 410, "TOKEN_EXPIRED");

		BrowserInvitation once = tests.invite(InvitationRequest.defaults());
		assertEquals(201, post("/api/runs", "{\"token\": \"" + once.token() + "\"}").statusCode());
		HttpResponse<String> used = get("/t/" + once.token());
		assertEquals(410, used.statusCode());
		assertTrue(used.body().contains("This link has been used already"), used.body());
		assertJsonRefusal(post("/api/runs", "{\"token\": \"" + once.token() + "\"}"), 410, "TOKEN_USED");
		assertJsonRefusal(post("/api/runs", "{\"token\": \"nope\"}"), 404, "TOKEN_UNKNOWN");
		for (HttpResponse<String> r : List.of(unknown, expired, used)) {
			assertFalse(r.body().contains("Exception") || r.body().contains("at org."), "a stack trace: " + r.body());
		}
	}

	@Test
	void aRunStartsTakesAnOfferPerPortAndReports() throws Exception {
		BrowserInvitation link = tests.invite(InvitationRequest.defaults());
		HttpResponse<String> started = post("/api/runs", "{\"token\": \"" + link.token() + "\"}");
		assertEquals(201, started.statusCode(), started.body());
		JsonObject run = JsonParser.parseString(started.body()).getAsJsonObject();
		String id = run.get("run").getAsString();
		String key = run.get("key").getAsString();
		assertEquals("127.0.0.1", run.get("mediaAddress").getAsString());
		assertEquals(3, run.getAsJsonArray("ports").size());
		assertEquals(250, run.get("reportEveryMillis").getAsInt());
		assertEquals(1500, run.get("deadlineMillis").getAsInt());
		int port = run.getAsJsonArray("ports").get(0).getAsInt();

		HttpResponse<String> answer = post("/api/runs/" + id + "/offer", "{\"key\": \"" + key + "\", \"port\": " + port
				+ ", \"sdp\": " + PageJsonTest.jsonString(PageJsonTest.CHROME_OFFER) + "}");
		assertEquals(200, answer.statusCode(), answer.body());
		String sdp = JsonParser.parseString(answer.body()).getAsJsonObject().get("sdp").getAsString();
		assertTrue(sdp.contains("m=application " + port + " UDP/DTLS/SCTP webrtc-datachannel"), sdp);
		assertTrue(sdp.contains("typ host"), sdp);

		assertJsonRefusal(post("/api/runs/" + id + "/offer", "{\"key\": \"wrong\", \"port\": " + port + ", \"sdp\": \"v=0\"}"),
				404, "RUN_UNKNOWN");
		assertJsonRefusal(post("/api/runs/" + id + "/offer", "{\"key\": \"" + key + "\", \"port\": " + port
				+ ", \"sdp\": \"v=0\\r\\nm=audio 9 RTP/AVP 0\\r\\n\"}"), 400, "BAD_REQUEST");
		assertJsonRefusal(post("/api/runs/no+such/offer", "{}"), 404, "RUN_UNKNOWN");

		String pairs = "[{\"port\": " + port + ", \"pairState\": \"in-progress\", \"requestsSent\": 0, "
				+ "\"responsesReceived\": 0, \"requestsReceived\": 0, \"roundTripSeconds\": null, "
				+ "\"localCandidateType\": \"\", \"connectionState\": \"connecting\"}]";
		HttpResponse<String> progress = post("/api/runs/" + id + "/report",
				"{\"key\": \"" + key + "\", \"elapsedMillis\": 300, \"last\": false, \"pairs\": " + pairs + "}");
		assertEquals(200, progress.statusCode(), progress.body());
		JsonObject p = JsonParser.parseString(progress.body()).getAsJsonObject();
		assertFalse(p.get("done").getAsBoolean(), progress.body());
		assertEquals(3, p.getAsJsonObject("ports").size(), progress.body());

		HttpResponse<String> last = post("/api/runs/" + id + "/report",
				"{\"key\": \"" + key + "\", \"elapsedMillis\": 1600, \"last\": true, \"pairs\": " + pairs + "}");
		JsonObject l = JsonParser.parseString(last.body()).getAsJsonObject();
		assertTrue(l.get("done").getAsBoolean(), last.body());
		assertFalse(l.get("summary").getAsString().isBlank(), last.body());
		for (String state : l.getAsJsonObject("ports").keySet()) {
			assertNotEquals("PENDING", l.getAsJsonObject("ports").get(state).getAsString());
		}
	}

	@Test
	void oversizedMalformedAndNonJsonBodiesAreRefusedAsJson() throws Exception {
		BrowserInvitation link = tests.invite(new InvitationRequest(5, Duration.ofHours(1), "", BrowserTestPolicy.NONE));
		String big = "{\"token\": \"" + "a".repeat(2000) + "\"}";
		HttpResponse<String> declared = post("/api/runs", big);
		assertJsonRefusal(declared, 413, "BAD_REQUEST");
		assertTrue(message(declared).contains("larger than 1024 bytes"), declared.body());
		// streamed without a length: cut off while reading, not after
		byte[] endless = ("{\"key\": \"k\", \"port\": 1, \"sdp\": \"" + "v".repeat(200_000)).getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> streamed = send(HttpRequest.newBuilder(URI.create(base + "/api/runs/r1/offer"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(endless))));
		assertJsonRefusal(streamed, 413, "BAD_REQUEST");
		assertTrue(message(streamed).contains("larger than 16384 bytes"), streamed.body());
		assertJsonRefusal(post("/api/runs/r1/report", "{\"key\":\"k\",\"pairs\":[" + "0,".repeat(20_000) + "0]}"), 413,
				"BAD_REQUEST");

		HttpResponse<String> malformed = post("/api/runs", "{\"token\": ");
		assertJsonRefusal(malformed, 400, "BAD_REQUEST");
		assertJsonRefusal(post("/api/runs", "{\"token\": \"" + link.token() + "\", \"token\": \"x\"}"), 400, "BAD_REQUEST");
		HttpResponse<String> named = post("/api/runs/r1/offer", "{\"key\": \"k\", \"port\": 99999, \"sdp\": \"<b>\"}");
		assertJsonRefusal(named, 400, "BAD_REQUEST");
		assertTrue(message(named).contains("port"), named.body());
		assertFalse(named.body().contains("99999") || named.body().contains("<b>"), named.body());
		HttpResponse<String> notUtf8 = send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofByteArray(new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' })));
		assertJsonRefusal(notUtf8, 400, "BAD_REQUEST");
		HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("token=" + link.token())));
		assertJsonRefusal(form, 415, "BAD_REQUEST");
		assertJsonRefusal(get("/api/runs"), 405, "BAD_REQUEST");
		assertJsonRefusal(send(HttpRequest.newBuilder(URI.create(base + "/api/runs")).method("PUT", json("{}"))), 405,
				"BAD_REQUEST");
		assertJsonRefusal(post("/api/other", "{}"), 404, "NOT_FOUND");
		assertJsonRefusal(post("/t/" + link.token(), "{}"), 405, "BAD_REQUEST");
		// none of it used the link (and the address's start rate is spent by now: 5 at once)
		assertEquals(Admission.VALID, tests.admission(link.token()));
		assertJsonRefusal(post("/api/runs", "{\"token\": \"" + link.token() + "\"}"), 429, "BUSY");
	}

	@Test
	void aFloodFromOneAddressIsSlowedWhileAnotherAddressStillRuns() throws Exception {
		InetAddress flooder = InetAddress.getByName("127.0.0.2");
		int port = URI.create(base).getPort();
		Set<Integer> statuses = new HashSet<>();
		String retryAfter = null;
		for (int i = 0; i < 40; i++) {
			RawAnswer a = rawPost(flooder, port, "/browser-test/api/runs", "{\"token\": \"guess" + i + "\"}");
			statuses.add(a.status());
			if (a.status() == 429) {
				assertTrue(a.head().contains("\"error\":\"BUSY\"") || a.body().contains("\"error\":\"BUSY\""), a.body());
				assertTrue(a.head().contains("Content-Security-Policy: "), a.head());
				retryAfter = a.head().lines().filter(l -> l.startsWith("Retry-After:")).findFirst().orElse(null);
			}
		}
		assertEquals(Set.of(404, 429), statuses, "forged tokens are unknown until the flood is slowed");
		assertEquals("Retry-After: 2", retryAfter);
		for (int i = 0; i < 100; i++) {
			rawPost(flooder, port, "/browser-test/api/runs/run" + i + "/offer", "{\"key\": \"k\", \"port\": 1, \"sdp\": \"v=0\"}");
		}
		RawAnswer slowed = rawPost(flooder, port, "/browser-test/api/runs/x/offer", "{}");
		assertEquals(429, slowed.status(), slowed.body());

		BrowserInvitation link = tests.invite(InvitationRequest.defaults());
		assertEquals(200, get("/t/" + link.token()).statusCode());
		HttpResponse<String> legit = post("/api/runs", "{\"token\": \"" + link.token() + "\"}");
		assertEquals(201, legit.statusCode(), legit.body());
	}

	@Test
	void aUserAgentIsKeptAsPrintableTextOfBoundedLength() {
		assertEquals("", BrowserTestServlet.userAgent(null));
		assertEquals("Mozilla/5.0 ?x", BrowserTestServlet.userAgent("Mozilla/5.0 \u0007x"));
		assertEquals(BrowserTestServlet.MAX_USER_AGENT, BrowserTestServlet.userAgent("a".repeat(5000)).length());
	}

	@Test
	void theRemoteAddressIsReadAsALiteralNeverLookedUp() {
		assertEquals("127.0.0.1", BrowserTestServlet.remoteAddress("127.0.0.1").getHostAddress());
		assertEquals("0:0:0:0:0:0:0:1", BrowserTestServlet.remoteAddress("[::1]").getHostAddress());
		for (String notLiteral : List.of("localhost", "example.com", "", "1.2.3")) {
			try {
				BrowserTestServlet.remoteAddress(notLiteral);
				throw new AssertionError("accepted " + notLiteral);
			} catch (IllegalStateException expected) {
				// refused without a lookup
			}
		}
	}

	// ---- helpers ------------------------------------------------------------------------------

	private static void assertNotEquals(String unexpected, String actual) {
		assertFalse(unexpected.equals(actual), "was " + actual);
	}

	private static void securityHeaders(HttpResponse<String> r) {
		Map<String, String> expected = Map.of("Content-Security-Policy", BrowserTestServlet.CSP, "X-Content-Type-Options",
				"nosniff", "Referrer-Policy", "no-referrer", "Cache-Control", "no-store");
		for (Map.Entry<String, String> e : expected.entrySet()) {
			assertEquals(e.getValue(), r.headers().firstValue(e.getKey()).orElse(null),
					e.getKey() + " on " + r.request().method() + " " + r.uri() + " (" + r.statusCode() + ")");
		}
		assertFalse(BrowserTestServlet.CSP.contains("unsafe-inline") || BrowserTestServlet.CSP.contains("unsafe-eval"));
	}

	private static void assertJsonRefusal(HttpResponse<String> r, int status, String code) {
		assertEquals(status, r.statusCode(), r.body());
		assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
		JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
		assertEquals(code, json.get("error").getAsString(), r.body());
		assertFalse(json.get("message").getAsString().isBlank(), r.body());
	}

	private static String message(HttpResponse<String> r) {
		return JsonParser.parseString(r.body()).getAsJsonObject().get("message").getAsString();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
				.POST(json(body)));
	}

	private static BodyPublisher json(String body) {
		return BodyPublishers.ofString(body, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		answered.add(r);
		return r;
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = BrowserTestServlet.class.getResourceAsStream("/browser-test/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	record RawAnswer(int status, String head, String body) {
	}

	/** One POST over a socket bound to {@code from} (another loopback address: another user). */
	private static RawAnswer rawPost(InetAddress from, int port, String path, String body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(5000);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
					+ bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int split = answer.indexOf("\r\n\r\n");
			String head = split < 0 ? answer : answer.substring(0, split);
			return new RawAnswer(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : answer.substring(split + 4));
		}
	}

	/** A clock the test moves forward (expiry). */
	static final class MovableClock extends Clock {
		private volatile Instant now = Instant.now();

		void move(Duration by) {
			now = now.plus(by);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}

	/** The responder's port book, as simple as it is: a set. */
	static final class Guard implements PortGuard {
		private final Set<Integer> held = new HashSet<>();

		@Override
		public synchronized int[] notHeld(int[] ports) {
			return java.util.Arrays.stream(ports).filter(p -> !held.contains(p)).toArray();
		}

		@Override
		public synchronized void hold(int[] ports) {
			for (int p : ports) {
				held.add(p);
			}
		}

		@Override
		public synchronized void release(int[] ports) {
			for (int p : ports) {
				held.remove(p);
			}
		}
	}
}
