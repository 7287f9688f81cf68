package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.console.MediapathJar.freePort;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.console.MediapathJar.Output;
import org.mediapath.protocol.BrowserJson;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.BrowserRuns;
import org.mediapath.protocol.ControlMessage.CreateInvitation;
import org.mediapath.protocol.ControlMessage.InvitationMade;
import org.mediapath.protocol.ControlMessage.QueryBrowserRuns;
import org.mediapath.protocol.SecretFiles;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The user's page in a real headless Chromium against a real responder started from
 * {@code target/mediapath.jar} ({@code responder --bind 127.0.0.1 ... --web-port P}); links are made
 * over the responder's authenticated control channel, as the console makes them. The page loads
 * under its strict policy, runs by itself to "Done" with every tested port CONNECTED on loopback (and
 * the responder keeps the run for the administrator); an expired, a forged and a used link get their
 * plain-words page; oversized and malformed bodies get 413/400 JSON; and a flood of starts and
 * offers from another address leaves a later run working.
 *
 * <p>The flood and the refusals come from other loopback addresses (127.0.0.2, 127.0.0.3) over raw
 * sockets: the web port limits rates per source address, and the browser is 127.0.0.1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserPageIT {

	private static final Duration RUN = Duration.ofSeconds(20);
	private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9A-F:]{95})");

	@TempDir
	static Path home;

	private static UserBrowser browser;
	private static Process responder;
	private static Output responderOut;
	private static Output responderErr;
	private static int controlPort;
	private static int webPort;
	private static int firstMediaPort;
	private static byte[] secret;
	private static String fingerprint;
	/** Made first, valid for the shortest time links allow (a minute); the last test opens it expired. */
	private static BrowserInvitation shortLived;
	private static final List<String> timesToDone = new ArrayList<>();

	@BeforeAll
	static void startResponderAndBrowser() throws Exception {
		assertTrue(Files.isRegularFile(MediapathJar.JAR), MediapathJar.JAR + " is missing: run mvn -B verify from the root");
		Path secretFile = home.resolve("secret");
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		Files.writeString(secretFile, Base64.getEncoder().encodeToString(random) + "\n");
		secret = SecretFiles.read("secret-file", secretFile);
		controlPort = freePort();
		webPort = freePort();
		firstMediaPort = 46_000 + (int) (ProcessHandle.current().pid() % 60) * 60;
		responder = MediapathJar.start(home, "responder", "--bind", "127.0.0.1", "--udp-ports",
				firstMediaPort + "-" + (firstMediaPort + 59), "--control-port", Integer.toString(controlPort), "--secret-file",
				secretFile.toString(), "--web-port", Integer.toString(webPort));
		responderOut = Output.of(responder.getInputStream());
		responderErr = Output.of(responder.getErrorStream());
		assertTrue(responderOut.awaitContains("user's-browser test on", Duration.ofSeconds(40)),
				"the responder did not open its web port: " + responderOut + responderErr);
		Matcher m = FINGERPRINT.matcher(responderOut.text());
		assertTrue(m.find(), "no fingerprint printed: " + responderOut);
		fingerprint = m.group(1);
		shortLived = invite(1, 60);
		browser = UserBrowser.start(Path.of("target", "browser-test"));
	}

	@AfterAll
	static void stopBrowserAndResponder() throws Exception {
		try {
			if (browser != null) {
				browser.close();
			}
		} finally {
			if (responder != null) {
				MediapathJar.stop(responder);
			}
			System.out.println("BrowserPageIT: time from opening the link to Done (ms): " + timesToDone);
		}
	}

	@AfterEach
	void thePageRanWithoutScriptErrorsOrPolicyViolations() {
		assertEquals(List.of(), browser.scriptErrors(), "script errors or CSP violations in the page");
	}

	@Test
	@Order(1)
	void thePageIsServedUnderItsStrictPolicy() throws Exception {
		BrowserInvitation link = invite(1, 3600);
		assertEquals("http://127.0.0.1:" + webPort + "/browser-test/t/" + link.token(), link.url());
		HttpResponse<String> page = get(link.url());
		assertEquals(200, page.statusCode());
		assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
				+ "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
				page.headers().firstValue("Content-Security-Policy").orElse(""));
		assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
		assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
		assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
		assertFalse(page.headers().firstValue("Server").isPresent(), "the server names itself");
		assertTrue(page.body().contains("Test the connection for calls to your phone system"), page.body());
		// only the browser test answers on the web port: no Web Console, no mediapath page
		assertEquals(404, get("http://127.0.0.1:" + webPort + "/system/console").statusCode());
		assertEquals(404, get("http://127.0.0.1:" + webPort + "/system/console/mediapath").statusCode());
		// opening the page uses nothing up
		assertEquals(200, get(link.url()).statusCode());
	}

	@Test
	@Order(2)
	void theRunGoesByItselfToDoneWithEveryPortConnected() throws Exception {
		BrowserInvitation link = invite(1, 3600);
		long opened = System.nanoTime();
		browser.driver.get(link.url());
		assertEquals("Test the connection for calls to your phone system", browser.driver.findElement(By.tagName("h1")).getText());
		awaitState("done");
		timesToDone.add(Long.toString((System.nanoTime() - opened) / 1_000_000));
		assertTrue(text("bt-done").startsWith("Done \u2014 your administrator has the result."), text("bt-done"));
		assertFalse(text("bt-summary").isBlank(), "a one-line summary");
		assertEquals("100", browser.driver.findElement(By.id("bt-progress")).getDomProperty("value"));
		List<WebElement> ports = browser.driver.findElements(By.cssSelector("#bt-ports li[data-port]"));
		assertEquals(10, ports.size(), "every tested port is listed: " + text("bt-ports"));
		for (WebElement port : ports) {
			assertEquals("CONNECTED", port.getDomAttribute("data-state"), text("bt-ports"));
		}
		assertTrue(browser.driver.findElements(By.cssSelector("#bt-error:not([hidden])")).isEmpty(), "no error shown");
		// what the user sees at the end (for the README): target/user-page.png
		Files.copy(browser.driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "user-page.png"),
				StandardCopyOption.REPLACE_EXISTING);

		// the administrator's side: the run as the console reads it over the control channel
		BrowserRun run = runOf(link.token());
		assertEquals(RunState.DONE, run.state(), run.toString());
		assertEquals(10, run.ports().size(), run.toString());
		for (BrowserPortResult port : run.ports()) {
			assertEquals(PortState.CONNECTED, port.state(), run.toString());
			assertTrue(port.requestsSent() > 0 && port.responsesReceived() > 0 && port.checksArrived() > 0,
					"both sides' counts reached the responder: " + port);
		}
		assertEquals("127.0.0.1", run.seenAddress());
		assertTrue(run.browser().startsWith("Chrome"), run.browser());
		// the time to verdict is measured by the lab's benchmark (docs/benchmarks.md), not asserted here
		System.out.println("BrowserPageIT: the responder decided the healthy run in " + run.timeToVerdict().orElseThrow().toMillis() + " ms");
	}

	@Test
	@Order(3)
	void aUsedAndAForgedLinkGetTheirPlainWordsPage() throws Exception {
		BrowserInvitation once = invite(1, 3600);
		browser.driver.get(once.url());
		awaitState("done");
		assertEquals(410, get(once.url()).statusCode());
		browser.driver.get(once.url());
		assertEquals("This link has been used already", browser.driver.findElement(By.tagName("h1")).getText());
		assertEquals("used", browser.driver.findElement(By.id("bt")).getDomAttribute("data-refusal"));

		String forged = "http://127.0.0.1:" + webPort + "/browser-test/t/" + once.token().substring(1) + "A";
		assertEquals(404, get(forged).statusCode());
		browser.driver.get(forged);
		assertEquals("This link does not work", browser.driver.findElement(By.tagName("h1")).getText());
		String markup = "http://127.0.0.1:" + webPort + "/browser-test/t/%3Cimg%20src=x%20onerror=alert(1)%3E";
		HttpResponse<String> injected = get(markup);
		assertEquals(404, injected.statusCode());
		assertFalse(injected.body().contains("onerror") || injected.body().contains("<img"), injected.body());
		assertTrue(injected.headers().firstValue("Content-Security-Policy").isPresent());
	}

	@Test
	@Order(4)
	void oversizedAndMalformedBodiesGetJsonRefusals() throws Exception {
		InetAddress other = InetAddress.getByName("127.0.0.3");
		Raw big = rawPost(other, "/browser-test/api/runs/r1/offer", "{\"sdp\": \"" + "v".repeat(20_000) + "\"}");
		assertRefusal(big, 413, "BAD_REQUEST");
		Raw report = rawPost(other, "/browser-test/api/runs/r1/report", "{\"pairs\": [" + "{},".repeat(12_000) + "{}]}");
		assertRefusal(report, 413, "BAD_REQUEST");
		Raw malformed = rawPost(other, "/browser-test/api/runs", "{\"token\": ");
		assertRefusal(malformed, 400, "BAD_REQUEST");
		Raw badField = rawPost(other, "/browser-test/api/runs/r1/offer",
				"{\"key\": \"k\", \"port\": \"<script>\", \"sdp\": \"v=0\"}");
		assertRefusal(badField, 400, "BAD_REQUEST");
		assertTrue(badField.body().contains("port"), badField.body());
		assertFalse(badField.body().contains("<script>"), badField.body());
		BrowserInvitation link = invite(1, 3600);
		Raw start = rawPost(other, "/browser-test/api/runs", "{\"token\": \"" + link.token() + "\"}");
		assertEquals(201, start.status(), start.body());
		Matcher run = Pattern.compile("\"run\":\"([^\"]+)\",\"key\":\"([^\"]+)\"").matcher(start.body());
		assertTrue(run.find(), start.body());
		Raw notAnOffer = rawPost(other, "/browser-test/api/runs/" + run.group(1) + "/offer",
				"{\"key\": \"" + run.group(2) + "\", \"port\": " + firstMediaPort + ", \"sdp\": \"v=0\\r\\nm=audio 9 RTP/AVP 0\\r\\n\"}");
		assertTrue(notAnOffer.status() == 400, notAnOffer.head() + notAnOffer.body());
		assertRefusal(notAnOffer, 400, "BAD_REQUEST");
	}

	@Test
	@Order(5)
	void aFloodOfStartsAndOffersLeavesALaterRunWorking() throws Exception {
		InetAddress flooder = InetAddress.getByName("127.0.0.2");
		BrowserInvitation campaign = invite(100, 3600);
		Map<Integer, Integer> starts = new HashMap<>();
		for (int i = 0; i < 60; i++) {
			String token = i % 2 == 0 ? campaign.token() : "guess" + i;
			starts.merge(rawPost(flooder, "/browser-test/api/runs", "{\"token\": \"" + token + "\"}").status(), 1, Integer::sum);
		}
		Map<Integer, Integer> offers = new HashMap<>();
		for (int i = 0; i < 150; i++) {
			offers.merge(rawPost(flooder, "/browser-test/api/runs/run" + i + "/offer",
					"{\"key\": \"k\", \"port\": " + firstMediaPort + ", \"sdp\": \"v=0\"}").status(), 1, Integer::sum);
		}
		// 5 starts at once from one address, then one every 2 s; 64 offers at once, then 16 a second
		assertTrue(starts.getOrDefault(429, 0) >= 50, "the starts are slowed: " + starts);
		assertTrue(starts.getOrDefault(201, 0) <= 2, "at most 2 runs at once from one address: " + starts);
		assertTrue(offers.getOrDefault(429, 0) >= 50, "the offers are slowed: " + offers);
		System.out.println("BrowserPageIT: a flood from one address, starts " + starts + ", offers " + offers);

		// The flood's runs hold their slots and ports until their deadline (4.5 s, then a short linger): a user
		// who comes after that is served in full
		Thread.sleep(8000);
		BrowserInvitation link = invite(1, 3600);
		long opened = System.nanoTime();
		browser.driver.get(link.url());
		awaitState("done");
		timesToDone.add(Long.toString((System.nanoTime() - opened) / 1_000_000));
		for (WebElement port : browser.driver.findElements(By.cssSelector("#bt-ports li[data-port]"))) {
			assertEquals("CONNECTED", port.getDomAttribute("data-state"), text("bt-ports"));
		}
		assertTrue(responder.isAlive(), "the responder survived the flood");
	}

	@Test
	@Order(6)
	void anExpiredLinkGetsItsPlainWordsPage() throws Exception {
		Duration left = Duration.between(Instant.now(), shortLived.expires());
		if (!left.isNegative()) {
			Thread.sleep(left.toMillis() + 1_000);
		}
		HttpResponse<String> expired = get(shortLived.url());
		assertEquals(410, expired.statusCode());
		assertTrue(expired.headers().firstValue("Content-Security-Policy").isPresent());
		browser.driver.get(shortLived.url());
		assertEquals("This link has expired", browser.driver.findElement(By.tagName("h1")).getText());
		assertEquals("expired", browser.driver.findElement(By.id("bt")).getDomAttribute("data-refusal"));
	}

	// ---- helpers ------------------------------------------------------------------------------

	private static BrowserInvitation invite(int uses, long seconds) throws Exception {
		try (ControlClient client = ControlClient.connect(new InetSocketAddress("127.0.0.1", controlPort), secret, fingerprint,
				Duration.ofSeconds(5))) {
			InvitationMade made = client.call(new CreateInvitation(uses, seconds, "BrowserPageIT", false, ""),
					InvitationMade.class);
			return BrowserJson.readInvitation(made.json());
		}
	}

	private static BrowserRun runOf(String token) throws Exception {
		List<BrowserRun> list = runsOf(token);
		assertEquals(1, list.size(), list.toString());
		return list.get(0);
	}

	private static List<BrowserRun> runsOf(String token) throws Exception {
		try (ControlClient client = ControlClient.connect(new InetSocketAddress("127.0.0.1", controlPort), secret, fingerprint,
				Duration.ofSeconds(5))) {
			BrowserRuns runs = client.call(new QueryBrowserRuns(token, 5), BrowserRuns.class);
			return BrowserJson.readRuns(runs.json());
		}
	}

	private static void awaitState(String state) {
		browser.waiting(RUN).until(d -> {
			String now = d.findElement(By.id("bt")).getDomAttribute("data-state");
			if ("error".equals(now) && !"error".equals(state)) {
				throw new AssertionError("the page shows an error: " + text("bt-error-text"));
			}
			return state.equals(now);
		});
	}

	private static String text(String id) {
		return browser.driver.findElement(By.id(id)).getText();
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRefusal(Raw r, int status, String code) {
		assertEquals(status, r.status(), r.head() + "\n" + r.body());
		assertTrue(r.head().contains("Content-Type: application/json"), r.head());
		assertTrue(r.head().contains("Content-Security-Policy: default-src 'none'"), r.head());
		assertTrue(r.body().startsWith("{\"error\":\"" + code + "\",\"message\":\""), r.body());
	}

	record Raw(int status, String head, String body) {
	}

	/** A POST from another loopback address (another user, as the web port's rate limits see it). */
	private static Raw rawPost(InetAddress from, String path, String body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", webPort), 2000);
			socket.setSoTimeout(5000);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + webPort
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			try {
				out.write(bytes);
				out.flush();
			} catch (IOException refusedBeforeTheEnd) {
				// a 413 may close the connection before the body is written: the answer is read below
			}
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int split = answer.indexOf("\r\n\r\n");
			String head = split < 0 ? answer : answer.substring(0, split);
			return new Raw(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : answer.substring(split + 4));
		}
	}
}
