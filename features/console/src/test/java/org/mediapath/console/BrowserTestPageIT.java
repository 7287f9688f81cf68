package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.console.MediapathJar.freePort;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.console.MediapathJar.Output;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * "Test from a user's PC" end to end on the standalone console ({@code target/mediapath.jar},
 * free HTTP port, empty home): the administrator makes a link for the built-in loopback PBX on the
 * mediapath page (its QR code, read back from the screen, holds the link), a second headless
 * Chromium — the user's, with nothing but the link — opens it and runs the test by itself, the
 * console's page shows the run live until its verdict and links its report, which is marked as
 * run from the user's browser and sits in the history (compare, JSON). An injected label stays
 * text everywhere; no secret comes back over HTTP.
 *
 * <p>The two screenshots of the README are taken here: the user's page when done
 * ({@code target/browser-test-user.png}) and the console's live view
 * ({@code target/browser-test-console.png}); with {@code -Dmediapath.docs=$PWD/docs} they are copied there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTestPageIT {

	private static final Duration PAGE = Duration.ofSeconds(10);
	/** The page decides within about 5 s; this only keeps a broken run from hanging the build. */
	private static final Duration RUN = Duration.ofSeconds(45);
	private static final String BUILT_IN_PBX = "built-in loopback responder \u2014 try it";
	private static final String LABEL = "ticket 4711 <img src=x onerror=alert(1)> ${brand}";

	@TempDir
	static Path home;

	private static Browser admin;
	private static Process console;
	private static int port;
	private static final List<String> SECRETS = new ArrayList<>();
	private static String link;
	private static String token;
	private static String reportId;

	@BeforeAll
	static void startConsoleAndBrowser() throws Exception {
		assertTrue(Files.isRegularFile(MediapathJar.JAR), MediapathJar.JAR + " is missing: run mvn -B verify from the root");
		admin = Browser.start(Path.of("target", "browser-test"));
		port = freePort();
		console = MediapathJar.start(home, "console", "--port", Integer.toString(port));
		Output out = Output.of(console.getInputStream());
		Output.of(console.getErrorStream());
		MediapathJar.awaitAllActive(port, Duration.ofSeconds(30));
		assertTrue(out.awaitContains("loopback responder: ", Duration.ofSeconds(10)), "no responder line: " + out);
		String line = out.text().lines().filter(l -> l.startsWith("loopback responder: ")).findFirst().orElseThrow();
		assertTrue(line.contains("secret file "),
				"the console's loopback responder did not start (is 127.0.0.1:2231 taken by another console?): " + line);
		SECRETS.add(Files.readString(Path.of(line.substring(line.indexOf("secret file ") + "secret file ".length()).strip())).strip());
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (admin != null) {
				admin.close();
			}
		} finally {
			if (console != null) {
				MediapathJar.stop(console);
			}
		}
	}

	@AfterEach
	void theConsolePageRanWithoutScriptErrors() {
		assertEquals(List.of(), admin.scriptErrors(), "script errors in the console page");
		assertNoInjectedMarkupRan();
	}

	@Test
	@Order(1)
	void theAdministratorMakesALinkForTheBuiltInPbxAndItsQrCodeScans() throws Exception {
		login();
		assertTrue(admin.driver.findElements(By.id("mp-missing-browser")).isEmpty(), text("mp-browser"));
		// the form starts folded below a report, open on a page with nothing else to show
		if (!admin.driver.findElement(By.id("mp-invite-form")).isDisplayed()) {
			admin.driver.findElement(By.cssSelector("#mp-invite > summary")).click();
		}
		admin.waiting(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("mp-invite-pbx")));
		new Select(admin.driver.findElement(By.id("mp-invite-pbx"))).selectByValue(BUILT_IN_PBX);
		type("mp-invite-uses", "1");
		type("mp-invite-expires", "30m");
		type("mp-invite-label", LABEL);
		admin.driver.findElement(By.id("mp-invite-submit")).click();
		try {
			// the first control-channel connection of a fresh console (TLS, the proofs) is slow on a busy machine
			admin.waiting(RUN).until(ExpectedConditions.and(ExpectedConditions.urlContains("invitation="),
					ExpectedConditions.presenceOfElementLocated(By.id("mp-invite-link"))));
		} catch (RuntimeException e) {
			Files.write(Path.of("target", "browser-test-invite-failed.png"), admin.driver.getScreenshotAs(OutputType.BYTES));
			throw new AssertionError("no link shown: " + text("mp-browser"), e);
		}

		link = admin.driver.findElement(By.id("mp-invite-link")).getDomProperty("value");
		assertTrue(Pattern.matches("http://127\\.0\\.0\\.1:" + port + "/browser-test/t/[A-Za-z0-9_-]{20,}", link),
				"the link is served on the console's own port: " + link);
		token = link.substring(link.lastIndexOf('/') + 1);
		assertEquals(token, admin.driver.findElement(By.id("mp-invitation")).getDomAttribute("data-token"));
		// what a phone's camera reads from the screen is the link
		assertEquals(link, scan(admin.driver.findElement(By.id("mp-invite-qr")).getScreenshotAs(OutputType.BYTES)));
		String meta = text("mp-invite-meta");
		assertTrue(meta.contains("1 use(s), 1 left when made; label: " + LABEL), "the label as text: " + meta);
		assertEquals("", text("mp-invite-copied"));
		admin.driver.findElement(By.id("mp-invite-copy")).click();
		admin.waiting(PAGE).until(driver -> !text("mp-invite-copied").isEmpty());
		assertTrue(text("mp-bt-status").startsWith("Waiting for the user to open the link"), text("mp-bt-status"));
	}

	@Test
	@Order(2)
	void theUsersBrowserRunsTheTestAndTheConsoleShowsTheRunLiveUntilItsVerdict() throws Exception {
		assertNotNull(link, "needs the link of the first test");
		// the console's page stays as it is (no reload) and records what the live view draws
		admin.driver.executeScript("""
				window.mpSamePage = true;
				window.mpRunStates = [];
				var box = document.getElementById('mp-bt-runs');
				new MutationObserver(function () {
				  box.querySelectorAll('article[data-state]').forEach(function (a) {
				    var s = a.getAttribute('data-state');
				    if (window.mpRunStates[window.mpRunStates.length - 1] !== s) { window.mpRunStates.push(s); }
				  });
				}).observe(box, { childList: true, subtree: true, attributes: true });
				""");

		// a user's Chromium: the binary itself (the wrapper adds flags), WebRTC allowed on loopback, a HOME of its own
		try (UserBrowser user = UserBrowser.start(Path.of("target", "browser-test"))) {
			long opened = System.nanoTime();
			user.driver.get(link);
			user.waiting(RUN).until(ExpectedConditions.attributeToBe(By.id("bt"), "data-state", "done"));
			long doneMillis = (System.nanoTime() - opened) / 1_000_000;
			String done = user.driver.findElement(By.id("bt-done")).getText();
			assertTrue(done.startsWith("Done \u2014 your administrator has the result"), done);
			assertFalse(user.driver.findElement(By.id("bt-summary")).getText().isBlank(), "a one-line summary");
			assertTrue(doneMillis < RUN.toMillis(), "done after " + doneMillis + " ms");
			shot(user.driver.getScreenshotAs(OutputType.BYTES), "browser-test-user.png");
			assertEquals(List.of(), user.scriptErrors(), "script errors in the user's page");

			// the link had one use: opened again, it says so in plain words
			user.driver.get(link);
			user.waiting(PAGE).until(ExpectedConditions.attributeToBe(By.id("bt"), "data-state", "refused"));
		}

		try {
			admin.waiting(RUN).until(ExpectedConditions.presenceOfElementLocated(
					By.cssSelector("#mp-bt-runs article.mp-bt-run[data-state=DONE] a[id^='mp-bt-report-']")));
		} catch (RuntimeException e) {
			Files.write(Path.of("target", "browser-test-console-failed.png"), admin.driver.getScreenshotAs(OutputType.BYTES));
			throw new AssertionError("the live view did not reach a reported run: " + text("mp-bt-live"), e);
		}
		assertEquals(Boolean.TRUE, admin.driver.executeScript("return window.mpSamePage === true;"),
				"the run came in without a reload");
		WebElement run = admin.driver.findElement(By.cssSelector("#mp-bt-runs article.mp-bt-run"));
		String runText = run.getText();
		assertTrue(runText.contains("seen from 127.0.0.1"), "the address the PBX saw: " + runText);
		assertTrue(runText.contains("Chrome") && runText.contains("Linux"), "browser and OS: " + runText);
		assertTrue(runText.contains(LABEL), "the label as text: " + runText);
		List<WebElement> ports = run.findElements(By.cssSelector("tr[data-port]"));
		assertFalse(ports.isEmpty(), "the tested ports: " + runText);
		for (WebElement p : ports) {
			assertEquals("CONNECTED", p.getDomAttribute("data-state"), "loopback: every port connects: " + runText);
		}
		WebElement report = run.findElement(By.cssSelector("a[id^='mp-bt-report-']"));
		reportId = report.getDomAttribute("data-report");
		assertEquals("OK", run.findElement(By.cssSelector("[data-verdict]")).getDomAttribute("data-verdict"), runText);
		@SuppressWarnings("unchecked")
		List<String> states = (List<String>) admin.driver.executeScript("return window.mpRunStates;");
		assertEquals("DONE", states.get(states.size() - 1), "the live view's run states: " + states);
		// one use, spent, reported: the view stops asking
		admin.waiting(PAGE).until(ExpectedConditions.attributeToBe(By.id("mp-bt-status"), "data-stopped", "usedup"));

		// at 800 px the link, its QR code and the run's port table fit the page's column
		org.openqa.selenium.Dimension wide = admin.driver.manage().window().getSize();
		admin.driver.manage().window().setSize(new org.openqa.selenium.Dimension(800, 900));
		try {
			List<?> widths = (List<?>) admin.driver.executeScript("var r = document.getElementById('mediapath');"
					+ " return [r.scrollWidth - r.clientWidth, Math.round(r.getBoundingClientRect().right), window.innerWidth];");
			assertTrue(((Number) widths.get(0)).longValue() <= 0, "the page overflows its column at 800 px: " + widths);
			assertTrue(((Number) widths.get(1)).longValue() <= ((Number) widths.get(2)).longValue(),
					"the page reaches past the window at 800 px: " + widths);
		} finally {
			admin.driver.manage().window().setSize(wide);
		}

		// the section's title, the link with its QR code and the run at the top of the window
		admin.driver.executeScript("document.activeElement.blur(); document.getElementById('mp-browser').scrollIntoView();"
				+ " window.scrollBy(0, -10);");
		shot(admin.driver.getScreenshotAs(OutputType.BYTES), "browser-test-console.png");
	}

	@Test
	@Order(3)
	void theReportIsMarkedAsRunFromTheUsersBrowserAndSitsInTheHistory() throws Exception {
		assertNotNull(reportId, "needs the report of the second test");
		admin.driver.findElement(By.cssSelector("a[data-report='" + reportId + "']")).click();
		admin.waiting(PAGE).until(ExpectedConditions.attributeToBe(By.id("mp-report"), "data-report", reportId));
		assertEquals("OK", admin.driver.findElement(By.id("mp-verdict")).getDomAttribute("data-verdict"), text("mp-report"));
		WebElement vantage = admin.driver.findElement(By.id("mp-report-vantage"));
		assertTrue(vantage.getDomAttribute("class").contains("mp-origin-browser"), vantage.getText());
		assertTrue(vantage.getText().contains("Run from the user\u2019s browser: Chrome"), vantage.getText());
		assertTrue(vantage.getText().contains("seen from 127.0.0.1"), vantage.getText());
		// the browser's tested ports on the port map, drawn in the passed colour of client to server
		Object colour = admin.driver.executeScript("var f = document.querySelector('#mp-portmaps figure.mp-portmap canvas');"
				+ " if (!f) { return null; } var d = f.getContext('2d').getImageData(1, 1, 1, 1).data;"
				+ " return d[0] + ',' + d[1] + ',' + d[2];");
		assertEquals("46,125,50", colour, "the port map of the browser's ports: " + text("mp-portmaps"));
		Files.write(Path.of("target", "browser-test-report.png"), admin.driver.getScreenshotAs(OutputType.BYTES));
		WebElement row = admin.driver.findElement(By.id("mp-history-" + reportId.replaceAll("[^A-Za-z0-9_-]", "_")));
		assertFalse(row.findElements(By.cssSelector(".mp-badge-browser")).isEmpty(), "marked in the history: " + row.getText());

		HttpResponse<String> json = http("/system/console/mediapath/report.json?id=" + reportId);
		assertEquals(200, json.statusCode());
		assertTrue(json.body().contains("\"origin\":\"user\\u0027s browser\""), json.body());

		// compared with a diagnosis run from the console itself
		login();
		new Select(admin.driver.findElement(By.id("mp-pbx"))).selectByValue(BUILT_IN_PBX);
		admin.driver.findElement(By.id("mp-run")).click();
		admin.waiting(Duration.ofSeconds(60)).until(ExpectedConditions.and(ExpectedConditions.urlContains("report="),
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mp-report[data-report] #mp-verdict"))));
		String consoleReport = admin.driver.findElement(By.id("mp-report")).getDomAttribute("data-report");
		admin.driver.get(base() + "/system/console/mediapath?compare=" + enc(reportId) + "&with=" + enc(consoleReport));
		admin.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("mp-compare")));
		assertTrue(text("mp-compare").contains(reportId) && text("mp-compare").contains(consoleReport), text("mp-compare"));

		// no secret in anything the link's pages and JSON answer
		List<String> paths = List.of("/system/console/mediapath?invitation=" + enc(token) + "&pbx=" + enc(BUILT_IN_PBX),
				"/system/console/mediapath/browser-runs.json?pbx=" + enc(BUILT_IN_PBX) + "&token=" + enc(token),
				"/system/console/mediapath/report.json?id=" + enc(reportId), "/system/console/mediapath?report=" + enc(reportId));
		for (String path : paths) {
			HttpResponse<String> r = http(path);
			assertEquals(200, r.statusCode(), path);
			for (String s : SECRETS) {
				assertFalse(r.body().contains(s), "a secret in " + path);
			}
			// the report's JSON names the PBX's secret file as every report does (the request's secretFile, see
			// docs/contract.md); the link's pages and the live view's JSON name the PBX by its name only
			if (!path.contains("report.json")) {
				assertFalse(r.body().contains("loopback-responder.secret"), "the secret's file in " + path);
			}
		}
	}

	// ---------- helpers

	private static void login() {
		admin.driver.get("http://" + MediapathJar.LOGIN + "@127.0.0.1:" + port + "/system/console/mediapath");
		admin.driver.get(base() + "/system/console/mediapath");
		admin.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mediapath #mp-invite-form")));
	}

	/** Reads a QR code from a screenshot, as a phone's camera would. */
	static String scan(byte[] png) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
				new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
	}

	private static void shot(byte[] png, String name) throws IOException {
		Path shot = Path.of("target", name);
		Files.write(shot, png);
		String docs = System.getProperty("mediapath.docs", "");
		if (!docs.isBlank()) {
			Files.copy(shot, Path.of(docs, name), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static HttpResponse<String> http(String path) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
				.header("Authorization", MediapathJar.basic(MediapathJar.LOGIN)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertNoInjectedMarkupRan() {
		assertThrows(NoAlertPresentException.class, () -> admin.driver.switchTo().alert(), "an alert is open");
		Object images = admin.driver.executeScript("return document.querySelectorAll('#mediapath img').length;");
		assertEquals(0L, images, "the label became an element");
	}

	private static void type(String id, String value) {
		WebElement input = admin.driver.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	private static String text(String id) {
		return admin.driver.findElement(By.id(id)).getText();
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String base() {
		return "http://127.0.0.1:" + port;
	}
}
