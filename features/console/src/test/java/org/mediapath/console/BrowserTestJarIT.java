package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediapath.console.MediapathJar.Result;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code mediapath browser-test} as users run it: {@code java -jar mediapath.jar responder ...
 * --web-port P} on loopback serves the page, {@code browser-test invite} makes the link, Debian's
 * headless Chromium opens it (the page runs by itself) or the page's HTTP API is driven by hand for a
 * browser whose checks never arrive, and {@code browser-test results} turns each run into a stored
 * report (history and {@code report ID} read it back). Only 127.0.0.1.
 */
class BrowserTestJarIT {

	static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
	static final Pattern FINGERPRINT = Pattern.compile("fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

	static Path home;
	static Path secret;
	static Process responder;
	static int control;
	static int web;
	static String range;
	static String fingerprint;

	@BeforeAll
	static void startResponder() throws Exception {
		home = Files.createTempDirectory("mediapath-browser-test-home");
		secret = home.resolve("secret.txt");
		Files.writeString(secret, "browser-test-jar-secret-0123456789");
		control = MediapathJar.freePort();
		web = MediapathJar.freePort();
		range = freeRange(30);
		responder = MediapathJar.start(home, "responder", "--bind", "127.0.0.1", "--udp-ports", range, "--control-port",
				Integer.toString(control), "--secret-file", secret.toString(), "--identity-dir", home.resolve("identity").toString(),
				"--web-port", Integer.toString(web));
		responder.getOutputStream().close();
		BufferedReader lines = new BufferedReader(new InputStreamReader(responder.getInputStream(), StandardCharsets.UTF_8));
		MediapathJar.Output.of(responder.getErrorStream());
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		String line;
		while (fingerprint == null && System.nanoTime() < deadline && (line = lines.readLine()) != null) {
			Matcher m = FINGERPRINT.matcher(line);
			if (m.find()) {
				fingerprint = m.group(1);
			}
		}
		assertTrue(fingerprint != null, "the responder printed no ready line with its fingerprint");
		Thread reader = new Thread(() -> {
			try {
				while (lines.readLine() != null) {
					// keeps the pipe drained
				}
			} catch (java.io.IOException closed) {
				// the responder stopped
			}
		});
		reader.setDaemon(true);
		reader.start();
	}

	@AfterAll
	static void stopResponder() throws Exception {
		if (responder != null) {
			MediapathJar.stop(responder);
		}
	}

	static Result browserTest(String action, String... more) throws Exception {
		List<String> a = new ArrayList<>(List.of("browser-test", action, "--responder", "127.0.0.1:" + control, "--secret-file",
				secret.toString(), "--responder-fingerprint", fingerprint, "--server", "127.0.0.1", "--server-ports", range,
				// the responder's control port stands in for the PBX's signalling port, as the console's loopback responder's does
				"--signalling-port", Integer.toString(control)));
		a.addAll(List.of(more));
		return MediapathJar.run(home, a.toArray(String[]::new));
	}

	static JsonObject invite() throws Exception {
		Result made = browserTest("invite", "--label", "jar test", "--json");
		assertEquals(0, made.exitCode(), made.toString());
		JsonObject link = JsonParser.parseString(made.out()).getAsJsonObject();
		assertTrue(link.get("url").getAsString().startsWith("http://127.0.0.1:" + web + "/browser-test/t/"), made.toString());
		return link;
	}

	@Test
	void aLinkOpenedInHeadlessChromiumIsReportedOkAndStored() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (mediapath-test installs it)");
		JsonObject link = invite();
		String token = link.get("token").getAsString();
		Path profile = Files.createTempDirectory("mediapath-chromium");
		ProcessBuilder chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
				"--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
				"--user-data-dir=" + profile, "--no-first-run", link.get("url").getAsString());
		chromium.environment().put("HOME", profile.toString());
		chromium.redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile());
		Process browser = chromium.start();
		Result results;
		try {
			results = browserTest("results", "--token", token, "--wait", "25", "--json");
		} finally {
			browser.destroy();
			if (!browser.waitFor(5, TimeUnit.SECONDS)) {
				browser.destroyForcibly();
			}
		}
		assertEquals(0, results.exitCode(), results.toString());
		JsonObject entry = JsonParser.parseString(results.out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
		JsonObject run = entry.getAsJsonObject("run");
		assertEquals("DONE", run.get("state").getAsString(), results.toString());
		assertTrue(run.get("browser").getAsString().startsWith("Chrome"), run.toString());
		JsonObject report = entry.getAsJsonObject("report");
		assertEquals("OK", report.get("verdict").getAsString(), results.toString());
		JsonObject vantage = report.getAsJsonObject("vantagePoint");
		assertEquals("user's browser", vantage.get("origin").getAsString());
		assertEquals("Linux", vantage.get("operatingSystem").getAsString());
		assertEquals("127.0.0.1", vantage.getAsJsonArray("clientAddresses").get(0).getAsString());
		String id = report.get("reportId").getAsString();

		Result history = MediapathJar.run(home, "history", "--json");
		assertTrue(history.out().contains(id), history.toString());
		Result stored = MediapathJar.run(home, "report", id);
		assertEquals(0, stored.exitCode(), stored.toString());
		assertTrue(stored.out().contains("Run in the user's browser: Chrome"), stored.toString());
		Result again = browserTest("results", "--token", token);
		assertEquals(0, again.exitCode(), again.toString());
		assertTrue(again.out().contains("Report " + id), "the same report, not a second one: " + again);
	}

	@Test
	void aBrowserWhoseChecksNeverArriveIsTheUsersSideOnceTheConsoleReachesThePorts() throws Exception {
		JsonObject link = invite();
		String token = link.get("token").getAsString();
		Result none = browserTest("results", "--token", token, "--json");
		assertEquals(3, none.exitCode(), none.toString());
		assertTrue(none.err().contains("no finished run of that link yet"), none.toString());

		// the page's part, by hand: a run, an offer per port (a browser that never sends), the last report
		JsonObject start = post("/browser-test/api/runs", "{\"token\": \"" + token + "\"}");
		String runId = start.get("run").getAsString();
		String key = start.get("key").getAsString();
		JsonArray pairs = new JsonArray();
		int n = 0;
		for (JsonElement p : start.getAsJsonArray("ports")) {
			int port = p.getAsInt();
			JsonObject offer = new JsonObject();
			offer.addProperty("key", key);
			offer.addProperty("port", port);
			offer.addProperty("sdp", offerSdp("u" + (100 + n++), "0123456789012345678901"));
			assertTrue(post("/browser-test/api/runs/" + runId + "/offer", offer.toString()).get("sdp").getAsString()
					.contains("a=ice-ufrag:"));
			JsonObject pair = new JsonObject();
			pair.addProperty("port", port);
			pair.addProperty("pairState", "in-progress");
			pair.addProperty("requestsSent", 12);
			pair.addProperty("responsesReceived", 0);
			pair.addProperty("requestsReceived", 0);
			pair.addProperty("localCandidateType", "host");
			pair.addProperty("connectionState", "connecting");
			pairs.add(pair);
		}
		JsonObject report = new JsonObject();
		report.addProperty("key", key);
		report.addProperty("elapsedMillis", 4000);
		report.addProperty("last", true);
		report.add("pairs", pairs);
		assertTrue(post("/browser-test/api/runs/" + runId + "/report", report.toString()).get("done").getAsBoolean());

		Result results = browserTest("results", "--token", token, "--wait", "5", "--json");
		assertEquals(1, results.exitCode(), results.toString());
		JsonObject first = JsonParser.parseString(results.out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject()
				.getAsJsonObject("report");
		JsonObject cause = first.getAsJsonArray("causes").get(0).getAsJsonObject();
		assertEquals("CLIENT_UDP_BLOCKED", cause.get("id").getAsString(), results.toString());
		assertEquals("CLIENT", cause.getAsJsonObject("remediation").get("side").getAsString());
		// the console's own diagnosis made for the report is in the history too
		Result history = MediapathJar.run(home, "history", "--json");
		assertTrue(history.out().split("\"verdict\": \"OK\"", -1).length > 1, history.toString());
	}

	static JsonObject post(String path, String body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + web + path)).timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertTrue(response.statusCode() / 100 == 2, path + " -> " + response.statusCode() + " " + response.body());
		return JsonParser.parseString(response.body()).getAsJsonObject();
	}

	static String offerSdp(String ufrag, String password) {
		return String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
				"m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=ice-ufrag:" + ufrag,
				"a=ice-pwd:" + password, "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:0", "a=sctp-port:5000", "");
	}

	static String freeRange(int size) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(0, 12000);
			if (IntStream.rangeClosed(first, first + size - 1).allMatch(BrowserTestJarIT::udpFree)) {
				return first + "-" + (first + size - 1);
			}
		}
		throw new IllegalStateException("no free range");
	}

	static boolean udpFree(int port) {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
			return true;
		} catch (Exception e) {
			return false;
		}
	}
}
