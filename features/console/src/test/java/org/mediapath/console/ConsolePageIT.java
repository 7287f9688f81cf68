package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mediapath.console.MediapathJar.freePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.mediapath.console.MediapathJar.Output;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The mediapath page in real headless Chromium against the standalone console started from
 * {@code target/mediapath.jar} (free HTTP port, empty home): the Web Console login, a diagnosis
 * against the console's own loopback responder with live progress and verdict OK (and its port map
 * read by keyboard), a pasted route table drawn as a route path, a server whose
 * firewall drops the media range (a network namespace) named as SERVER_UDP_BLOCKED with the port
 * map turning from passed to blocked, history and compare, an injected host name that stays text,
 * and a POST without the form token refused. The element ids are the ones bundles/ui/README.md
 * promises.
 *
 * <p>One console and one browser serve every test (starting them is most of the time), so the
 * tests run in order; the blocked-range and compare tests need root, ip, nft and socat and are
 * reported as skipped without them. The last failing report page is saved as
 * {@code target/console-page.png}, and copied to the file the system property
 * {@code mediapath.screenshot} names when it is set (how docs/console-page.png is made).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePageIT {

	private static final Duration PAGE = Duration.ofSeconds(10);
	/** A diagnosis ends within its own bound (seconds); this only keeps a broken page from hanging the build. */
	private static final Duration DIAGNOSIS = Duration.ofSeconds(60);
	private static final String INJECTED = "<img src=x onerror=alert(1)>";
	/** The port-map colours of mediapath.js: passed and blocked, client to server and server to client. */
	private static final List<String> PASSED = List.of("46,125,50", "0,131,143");
	private static final List<String> BLOCKED = List.of("198,40,40", "142,36,170");
	/**
	 * Keeps what every progress poll drew (one snapshot of "rowId=data-state" per redraw) across the
	 * page's own navigation to the report, in sessionStorage.
	 */
	private static final String RECORD_PROGRESS = """
			sessionStorage.setItem('mp-progress-seen', '[]');
			var body = document.querySelector('#mp-progress-checks tbody');
			new MutationObserver(function () {
			  var rows = [];
			  body.querySelectorAll('tr[data-state]').forEach(function (tr) {
			    rows.push(tr.id + '=' + tr.getAttribute('data-state'));
			  });
			  var seen = JSON.parse(sessionStorage.getItem('mp-progress-seen'));
			  if (rows.length && JSON.stringify(seen[seen.length - 1]) !== JSON.stringify(rows)) { seen.push(rows); }
			  sessionStorage.setItem('mp-progress-seen', JSON.stringify(seen));
			}).observe(body, { childList: true, subtree: true, attributes: true });
			""";

	@TempDir
	static Path home;

	private static Browser browser;
	private static Process console;
	private static Output consoleOut;
	private static int port;
	/** The console's own loopback responder, offered as a ready PBX. */
	private static final String BUILT_IN_PBX = "built-in loopback responder \u2014 try it";
	private static final String NAMESPACE_PBX = "namespace server (firewall test)";
	/** Every secret a test gave the console: none may come back over HTTP. */
	private static final List<String> SECRETS = new java.util.concurrent.CopyOnWriteArrayList<>();
	private static String reportBeforeFirewall;
	private static String reportAfterFirewall;

	@BeforeAll
	static void startConsoleAndBrowser() throws Exception {
		assertTrue(Files.isRegularFile(MediapathJar.JAR), MediapathJar.JAR + " is missing: run mvn -B verify from the root");
		browser = Browser.start(Path.of("target", "browser-test"));
		port = freePort();
		console = MediapathJar.start(home, "console", "--port", Integer.toString(port));
		consoleOut = Output.of(console.getInputStream());
		Output.of(console.getErrorStream());
		MediapathJar.awaitAllActive(port, Duration.ofSeconds(30));
		assertTrue(consoleOut.awaitContains("loopback responder: ", Duration.ofSeconds(10)), "no responder line: " + consoleOut);
		String line = consoleOut.text().lines().filter(l -> l.startsWith("loopback responder: ")).findFirst().orElseThrow();
		assertTrue(line.contains("secret file "),
				"the console's loopback responder did not start (is 127.0.0.1:2231 taken by another console?): " + line);
		SECRETS.add(Files.readString(Path.of(line.substring(line.indexOf("secret file ") + "secret file ".length()).strip())).strip());
	}

	@AfterAll
	static void stopConsoleAndBrowser() throws Exception {
		try {
			if (browser != null) {
				browser.close();
			}
		} finally {
			if (console != null) {
				MediapathJar.stop(console);
			}
		}
	}

	@AfterEach
	void theScriptRanWithoutErrors() {
		assertEquals(List.of(), browser.scriptErrors(), "script errors in the page");
	}

	@Test
	@Order(1)
	void theWebConsoleAsksForTheLoginThenShowsThePageWithEveryService() {
		browser.driver.get(base() + "/system/console/mediapath");
		assertTrue(browser.driver.findElements(By.id("mediapath")).isEmpty(), "the page is shown without the login");

		login();
		assertTrue(browser.driver.findElements(By.cssSelector("#mp-services .mp-missing")).isEmpty(),
				"a service is missing: " + text("mp-services"));
		assertTrue(browser.driver.findElement(By.id("mp-run")).isEnabled(), "the Run button is enabled");
		assertFalse(browser.driver.findElement(By.id("mp-csrf")).getDomProperty("value").isEmpty(), "the form carries a token");
	}

	@Test
	@Order(2)
	void aFirstDiagnosisIsOneClickOnTheBuiltInPbxWithLiveProgressThenVerdictOk() {
		login();
		// a new user's first page: the built-in PBX is picked already, and the page says where the probes run from
		assertEquals(BUILT_IN_PBX, new Select(browser.driver.findElement(By.id("mp-pbx"))).getFirstSelectedOption()
				.getDomProperty("value"), "the built-in loopback responder is the PBX the form starts with");
		assertTrue(text("mp-vantage").startsWith("The probes run from this machine ("), text("mp-vantage"));
		assertFalse(browser.driver.findElement(By.id("mp-server")).isDisplayed(), "no server to type for a PBX kept by name");
		assertTrue(browser.driver.findElements(By.id("mp-secret-file")).isEmpty(), "no secret file path in the web form");
		// The first run of a console: only checks that have started have a row, and on loopback the
		// first ones are done by the first poll, so "live" is the table growing while the run goes on.
		login();
		browser.driver.executeScript(RECORD_PROGRESS);
		browser.driver.findElement(By.id("mp-run")).click();
		followToTheReport().assertLive();
		assertEquals("OK", attribute("mp-verdict", "data-verdict"), "verdict: " + text("mp-report"));
		assertTrue(text("mp-report-vantage").startsWith("Probed from ") && text("mp-report-vantage").endsWith("console"),
				"the report says where it ran: " + text("mp-report-vantage"));
		// From then on the checks of the last report are listed as waiting from the start, and each row
		// is seen turning from waiting or running into its result.
		Run run = diagnose(BUILT_IN_PBX);
		run.assertARowChangedState();
		String report = run.reportId();

		assertEquals("OK", attribute("mp-verdict", "data-verdict"), "verdict: " + text("mp-report"));
		assertTrue(browser.driver.findElements(By.id("mp-causes")).isEmpty(), "no causes with verdict OK");
		List<WebElement> checks = browser.driver.findElements(By.cssSelector("#mp-checks tr[data-check]"));
		assertTrue(checks.size() >= 4, "every check is listed: " + text("mp-report"));
		for (WebElement check : checks) {
			assertFalse(List.of("FAIL", "WARN").contains(check.getDomAttribute("data-status")),
					"check " + check.getDomAttribute("data-check") + " is " + check.getDomAttribute("data-status"));
		}
		Map<String, String> maps = portMapColours();
		assertFalse(maps.isEmpty(), "a port map is drawn: " + text("mp-portmaps"));
		maps.forEach((map, colour) -> assertTrue(PASSED.contains(colour), map + " drawn as passed, was rgb(" + colour + ")"));
		assertPicturesAreWhole();
		assertEquals(report, attribute("mp-report", "data-report"));

		// the port map by keyboard: the focused canvas names the port under its cursor
		WebElement canvas = browser.driver.findElement(By.cssSelector("#mp-portmaps figure.mp-portmap canvas"));
		canvas.sendKeys(Keys.HOME);
		browser.waiting(PAGE).until(ExpectedConditions.textMatches(By.id("mp-portinfo-0"), Pattern.compile("^UDP \\d+: PASS")));
		int first = portUnderCursor();
		canvas.sendKeys(Keys.END);
		browser.waiting(PAGE).until(driver -> portUnderCursor() > first);
		assertTrue(browser.driver.findElement(By.id("mp-download")).getDomAttribute("href").contains(report),
				"the JSON download names the report");
	}

	@Test
	@Order(3)
	void aPostWithoutTheFormTokenIsRefused() throws Exception {
		login();
		String token = browser.driver.findElement(By.id("mp-csrf")).getDomProperty("value");
		String root = browser.driver.findElement(By.id("mediapath")).getDomAttribute("data-plugin-root");
		String form = "server=127.0.0.1&signalling-port=2231&server-ports=30000-33000&client-ports=49152-65535";
		// from the logged-in page itself: same session cookie, same Basic login, only the token differs
		assertEquals(403L, post(root + "/run", form, null), "POST /run without the token");
		assertEquals(403L, post(root + "/run", form, "not-" + token), "POST /run with a wrong token");
		assertEquals(403L, post(root + "/routes.json", "pasted=x&target=127.0.0.1", null), "POST /routes.json without the token");
		assertEquals(403L, post(root + "/cancel", "run=x", null), "POST /cancel without the token");
		// the same request with the token gets through to the form check (an empty server: 400, nothing starts)
		assertEquals(400L, post(root + "/run", "server=&signalling-port=2231", token), "POST /run with the token");

		// and from outside the browser: logged in, but without the session the token belongs to
		HttpResponse<String> outside = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create(base() + root + "/run")).timeout(Duration.ofSeconds(5))
				.header("Authorization", MediapathJar.basic(MediapathJar.LOGIN))
				.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
				.header("X-Mediapath-CSRF", token).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(403, outside.statusCode(), "a token without its session: " + outside.body());
	}

	@Test
	@Order(4)
	void aHostNamedLikeMarkupIsShownAsTextAndNeverRun() {
		login();
		// a server by hand: picking it opens its fields
		new Select(browser.driver.findElement(By.id("mp-pbx"))).selectByValue("");
		browser.waiting(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("mp-server")));
		// through the page's script (fetch, the message placed with textContent)
		type("mp-server", INJECTED);
		browser.driver.findElement(By.id("mp-run")).click();
		browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mp-error-server"), INJECTED));
		assertEquals("true", attribute("mp-server", "aria-invalid"));
		assertNoInjectedMarkupRan();

		// as a plain form post (form.submit() skips the script's handler): the server writes the value
		// back into the field and the message next to it after its redirect
		WebElement scripted = browser.driver.findElement(By.id("mp-form"));
		browser.driver.executeScript("arguments[0].submit();", scripted);
		browser.waiting(PAGE).until(ExpectedConditions.stalenessOf(scripted));
		browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mp-error-server"), INJECTED));
		assertEquals(INJECTED, browser.driver.findElement(By.id("mp-server")).getDomProperty("value"),
				"the field shows what was typed");
		assertFalse(browser.driver.findElement(By.id("mp-form-error")).getText().isEmpty(), "the form says it is invalid");
		assertNoInjectedMarkupRan();
	}

	@Test
	@Order(5)
	void aPastedRouteTableIsDrawnAsTheUsersRoutePath() {
		login();
		type("mp-paste-target", "198.18.7.10");
		type("mp-paste-text", "default via 198.18.0.1 dev eth0 proto dhcp metric 100\n"
				+ "198.18.0.0/24 dev eth0 proto kernel scope link src 198.18.0.23 metric 100\n");
		browser.driver.findElement(By.id("mp-paste-submit")).click();
		browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("mp-paste-origin")));
		assertTrue(text("mp-paste-origin").contains("198.18.7.10"), text("mp-paste-result"));
		assertEquals("", text("mp-paste-error"));
		List<String> kinds = browser.driver.findElements(By.cssSelector("#mp-paste-result svg g[data-kind]")).stream()
				.map(g -> g.getDomAttribute("data-kind")).toList();
		assertEquals(List.of("interface", "gateway", "server"), kinds, "the route path drawn: " + text("mp-paste-result"));
		String path = browser.driver.findElement(By.id("mp-paste-result")).getDomProperty("textContent");
		assertTrue(path.contains("eth0") && path.contains("198.18.0.1"), "through eth0 and its gateway: " + path);
		assertFalse(browser.driver.findElements(By.cssSelector("#mp-paste-explanation li")).isEmpty(), "the decision explained");
	}

	@Test
	@Order(6)
	void aFirewallDroppingTheMediaRangeIsNamedAndTurnsThePortMapFromPassedToBlocked() throws Exception {
		String unavailable = ServerNamespace.unavailableReason();
		assumeTrue(unavailable == null, unavailable);
		login();
		Map<String, String> before;
		try (ServerNamespace server = ServerNamespace.start(home.resolve("server"), "30000-30099")) {
			try {
				// the PBX is kept by name from the page's PBXs section, its secret typed once
				String secret = Files.readString(server.secretFile).strip();
				SECRETS.add(secret);
				keepPbx(NAMESPACE_PBX, server.serverAddress, Integer.toString(ServerNamespace.SIGNALLING_PORT), "30000-30099",
						"50000-50099", server.responder(), server.fingerprint(), secret);
				Run ok = diagnose(NAMESPACE_PBX);
				ok.assertARowChangedState();
				reportBeforeFirewall = ok.reportId();
				assertEquals("OK", attribute("mp-verdict", "data-verdict"), "before the firewall rule: " + text("mp-report"));
				before = portMapColours();
				before.forEach((map, colour) -> assertTrue(PASSED.contains(colour), map + " passed, was rgb(" + colour + ")"));

				server.dropUdp("30000-30099");
				Run blocked = diagnose(NAMESPACE_PBX);
				blocked.assertARowChangedState();
				reportAfterFirewall = blocked.reportId();
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError(e.getMessage() + "\n" + server.logs(), e);
			}
		}
		assertEquals("FAILED", attribute("mp-verdict", "data-verdict"), text("mp-report"));
		List<WebElement> causes = browser.driver.findElements(By.cssSelector("#mp-causes > li[data-cause]"));
		assertEquals("SERVER_UDP_BLOCKED", causes.isEmpty() ? null : causes.get(0).getDomAttribute("data-cause"),
				"the first cause named: " + text("mp-report"));
		WebElement cause = browser.driver.findElement(By.id("mp-cause-SERVER_UDP_BLOCKED"));
		assertEquals("SERVER", browser.driver.findElement(By.cssSelector("#mp-remediation-SERVER_UDP_BLOCKED .mp-side"))
				.getDomAttribute("data-side"), "the fix is on the server side");
		assertEquals(cause, causes.get(0));

		// the server's media range, client to server: passed before the rule, blocked after it
		Map<String, String> after = portMapColours();
		assertTrue(after.entrySet().stream().anyMatch(map -> BLOCKED.contains(map.getValue()) && PASSED.contains(before.get(map.getKey()))),
				"a port map drawn as passed before the rule is drawn as blocked after it: before " + before + ", after " + after);
		assertTrue(browser.driver.findElement(By.id("mp-portmaps")).getDomProperty("textContent").contains("SILENT"),
				"the runs (the port map as text) list the silent ports: " + text("mp-portmaps"));
		assertPicturesAreWhole();
		screenshot();
	}

	@Test
	@Order(7)
	void historyOpensAReportAndComparesTheRunsBeforeAndAfterTheFirewallRule() {
		assumeTrue(reportBeforeFirewall != null && reportAfterFirewall != null,
				"needs the two reports of the blocked-range test");
		login();
		WebElement history = browser.driver.findElement(By.id("mp-history"));
		assertTrue(history.isDisplayed());
		WebElement before = browser.driver.findElement(By.id("mp-history-" + safe(reportBeforeFirewall)));
		browser.driver.findElement(By.id("mp-history-" + safe(reportAfterFirewall)));

		// open one
		before.findElement(By.cssSelector("a[href*='report=']")).click();
		browser.waiting(PAGE).until(ExpectedConditions.attributeToBe(By.id("mp-report"), "data-report", reportBeforeFirewall));
		assertEquals("OK", attribute("mp-verdict", "data-verdict"));

		// compare the two: what changed when the firewall rule came
		WebElement form = browser.driver.findElement(By.id("mp-compare-form"));
		form.findElement(By.cssSelector("input[name=compare][value='" + reportBeforeFirewall + "']")).click();
		form.findElement(By.cssSelector("input[name=with][value='" + reportAfterFirewall + "']")).click();
		browser.driver.findElement(By.id("mp-compare-submit")).click();
		browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("mp-compare")));
		String verdict = text("mp-compare-verdict");
		assertTrue(verdict.indexOf("OK") >= 0 && verdict.indexOf("FAILED") > verdict.indexOf("OK"),
				"the verdict went from OK to FAILED: " + verdict);
		assertTrue(text("mp-compare-added").contains("SERVER_UDP_BLOCKED"), text("mp-compare"));
		assertFalse(browser.driver.findElements(By.cssSelector("#mp-compare-checks tr")).isEmpty(),
				"the checks that changed are listed: " + text("mp-compare"));
	}

	@Test
	@Order(8)
	void atEightHundredPixelsThePageFitsAndItsFormWorksFromTheKeyboard() {
		org.openqa.selenium.Dimension wide = browser.driver.manage().window().getSize();
		browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(800, 900));
		try {
			login();
			// our content never needs a sideways scroll bar (the Web Console's own frame is not ours)
			Object overflow = browser.driver.executeScript(
					"var r = document.getElementById('mediapath');"
							+ " return [r.scrollWidth - r.clientWidth, Math.round(r.getBoundingClientRect().right), window.innerWidth];");
			List<?> widths = (List<?>) overflow;
			assertTrue(((Number) widths.get(0)).longValue() <= 0, "the page overflows its column at 800 px: " + widths);
			assertTrue(((Number) widths.get(1)).longValue() <= ((Number) widths.get(2)).longValue(),
					"the page reaches past the window at 800 px: " + widths);

			// from the PBX picker, Tab reaches the Run button; a server by hand, every field of it
			WebElement pick = browser.driver.findElement(By.id("mp-pbx"));
			pick.sendKeys(Keys.TAB);
			assertEquals("mp-run", browser.driver.switchTo().activeElement().getDomAttribute("id"), "Tab from the PBX to Run");
			new Select(pick).selectByValue("");
			browser.waiting(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("mp-server")));
			browser.driver.findElement(By.id("mp-server")).click();
			List<String> visited = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
				visited.add(browser.driver.switchTo().activeElement().getDomAttribute("id"));
			}
			assertTrue(visited.containsAll(List.of("mp-signalling-port", "mp-server-ports", "mp-client-ports",
					"mp-require-vpn")), "Tab order: " + visited);
		} finally {
			browser.driver.manage().window().setSize(wide);
		}
	}

	/**
	 * A PBX made on the Web Console's Configuration page (its form post) is a PBX of the mediapath
	 * page with its secret stored; then every page, JSON endpoint and the status dump (the zip
	 * unpacked) is fetched, and no secret any test gave the console is in any of them.
	 */
	@Test
	@Order(9)
	void noSecretComesBackOverHttpNotEvenInTheStatusDump() throws Exception {
		String secret = "config-page-secret-" + System.nanoTime();
		SECRETS.add(secret);
		String name = "made on the Configuration page";
		HttpResponse<String> saved = http("POST", "/system/console/configMgr/%5BTemporary%20PID%20replaced%20by%20real%20PID%20upon%20save%5D",
				"apply=true&factoryPid=org.mediapath.pbx&propertylist=name,server,signalling.port,server.ports,client.ports,"
						+ "responder,secret,fingerprint,require.vpn&name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
						+ "&server=198.18.3.3&signalling.port=2230&server.ports=30000-33000&client.ports=49152-65535"
						+ "&responder=198.18.3.3:2231&secret=" + secret + "&fingerprint=&require.vpn=false");
		assertEquals(302, saved.statusCode(), "the Configuration page took the PBX: " + saved.body());
		long deadline = System.nanoTime() + PAGE.toNanos();
		String page;
		do {
			page = http("GET", "/system/console/mediapath", null).body();
		} while (!(page.contains(name) && page.contains("stored (never shown)")) && System.nanoTime() < deadline);
		assertTrue(page.contains("<option value='" + name + "'>" + name + "</option>"), "the PBX is on the mediapath page: " + page);

		List<String> paths = new java.util.ArrayList<>(List.of("/system/console/mediapath", "/system/console/mediapath/history.json",
				"/system/console/configMgr", "/system/console/configMgr/*.json", "/system/console/status-Configurations",
				"/system/console/status-Configurations.txt", "/system/console/status-Configurations.json",
				"/system/console/status-mediapath-report"));
		Matcher ids = Pattern.compile("\"reportId\":\"([^\"]+)\"").matcher(http("GET", "/system/console/mediapath/history.json", null).body());
		while (ids.find()) {
			paths.add("/system/console/mediapath/report.json?id=" + ids.group(1));
			paths.add("/system/console/mediapath?report=" + ids.group(1));
		}
		Matcher pids = Pattern.compile("\"pid\":\"(org\\.mediapath[^\"]+)\"").matcher(http("GET", "/system/console/configMgr/*.json", null).body());
		while (pids.find()) {
			paths.add("/system/console/configMgr/" + pids.group(1));
		}
		assertTrue(paths.stream().anyMatch(p -> p.contains("report.json")), "reports to look through: " + paths);
		for (String path : paths) {
			HttpResponse<String> r = http("GET", path, null);
			assertEquals(200, r.statusCode(), path);
			for (String s : SECRETS) {
				assertFalse(r.body().contains(s), "a secret in " + path);
			}
		}
		HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
				+ "/system/console/config/configuration-status.zip")).timeout(Duration.ofSeconds(30))
				.header("Authorization", MediapathJar.basic(MediapathJar.LOGIN)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertEquals(200, zip.statusCode(), "the status dump");
		int entries = 0;
		boolean pbxSeen = false;
		try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
			for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				entries++;
				pbxSeen |= text.contains(name);
				for (String s : SECRETS) {
					assertFalse(text.contains(s), "a secret in the status dump's " + e.getName());
				}
			}
		}
		assertTrue(entries > 5 && pbxSeen, "the status dump was read whole, the PBX's configuration in it (" + entries + " entries)");
	}

	/**
	 * A console that stops answering: the progress polls fail (blocked in the browser), come further
	 * and further apart, and stop after the fifth with a message instead of going on forever.
	 */
	@Test
	@Order(10)
	void progressPollingBacksOffAfterErrorsAndStopsWithAMessage() {
		login();
		browser.driver.executeCdpCommand("Network.enable", Map.of());
		browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*progress.json*")));
		try {
			browser.driver.executeScript("""
					window.mpPolls = [];
					var original = window.fetch;
					window.fetch = function (url) {
					  if (String(url).indexOf('progress.json') >= 0) { window.mpPolls.push(Date.now()); }
					  return original.apply(this, arguments);
					};
					""");
			new Select(browser.driver.findElement(By.id("mp-pbx"))).selectByValue(BUILT_IN_PBX);
			browser.driver.findElement(By.id("mp-run")).click();
			browser.waiting(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(By.id("mp-progress-status"),
					"data-stopped", "true"));
			assertTrue(text("mp-progress-status").startsWith("Lost contact with the console after 5 tries"),
					text("mp-progress-status"));
			@SuppressWarnings("unchecked")
			List<Number> polls = (List<Number>) browser.driver.executeScript("return window.mpPolls;");
			assertEquals(5, polls.size(), "five tries, then none: " + polls);
			for (int i = 2; i < polls.size(); i++) {
				long before = polls.get(i - 1).longValue() - polls.get(i - 2).longValue();
				long gap = polls.get(i).longValue() - polls.get(i - 1).longValue();
				assertTrue(gap > before * 1.5, "each pause longer than the one before: " + polls);
			}
		} finally {
			browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
		}
	}

	private static HttpResponse<String> http(String method, String path, String form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
				.header("Authorization", MediapathJar.basic(MediapathJar.LOGIN));
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
		} else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// ---------- steps

	/**
	 * The Web Console's Basic login: given once in the address (headless Chromium shows no login
	 * dialog), then the page is opened by its plain address, as after a login dialog. The browser
	 * keeps the login for the console's paths; a page whose own address carries credentials could
	 * not fetch() relative URLs (Chromium refuses URLs with credentials there).
	 */
	private static void login() {
		browser.driver.get("http://" + MediapathJar.LOGIN + "@127.0.0.1:" + port + "/system/console/mediapath");
		browser.driver.get(base() + "/system/console/mediapath");
		browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mediapath #mp-form")));
	}

	/** A diagnosis run from the page: its report and what the progress table showed on the way. */
	record Run(String reportId, List<List<String>> progress) {

		/** The table was redrawn with new content while the diagnosis ran, without a reload. */
		void assertLive() {
			assertTrue(progress.size() >= 2, "the progress table changed while the diagnosis ran: " + progress);
		}

		/** A row {@code #mp-progress-<checkId>} went from waiting or running to a result. */
		void assertARowChangedState() {
			List<String> seen = progress.stream().flatMap(List::stream).toList();
			assertTrue(seen.stream().anyMatch(s -> !finished(s) && seen.stream()
					.anyMatch(t -> finished(t) && t.startsWith(s.substring(0, s.indexOf('=') + 1)))),
					"a progress row changed its data-state from waiting/running to a result: " + progress);
		}

		private static boolean finished(String row) {
			return !row.endsWith("=waiting") && !row.endsWith("=running");
		}
	}

	/** Picks a PBX kept by name, runs the diagnosis and follows it until the page opens the report by itself. */
	private static Run diagnose(String pbx) {
		login();
		new Select(browser.driver.findElement(By.id("mp-pbx"))).selectByValue(pbx);
		browser.driver.executeScript(RECORD_PROGRESS);
		browser.driver.findElement(By.id("mp-run")).click();
		return followToTheReport();
	}

	private static Run followToTheReport() {
		browser.waiting(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("mp-progress")));
		browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mp-progress-checks tr[data-state]")));
		browser.waiting(DIAGNOSIS).until(ExpectedConditions.and(ExpectedConditions.urlContains("report="),
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mp-report[data-report] #mp-verdict"))));

		@SuppressWarnings("unchecked")
		List<List<String>> progress = (List<List<String>>) browser.driver
				.executeScript("return JSON.parse(sessionStorage.getItem('mp-progress-seen') || '[]');");
		String report = attribute("mp-report", "data-report");
		assertNotNull(report);
		return new Run(report, progress);
	}

	/** Adds a PBX in the page's PBXs section, as an administrator does once per PBX. */
	private static void keepPbx(String name, String server, String signalling, String serverPorts, String clientPorts,
			String responder, String fingerprint, String secret) {
		login();
		browser.driver.findElement(By.cssSelector("#mp-pbx-edit > summary")).click();
		browser.waiting(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("mp-pbx-name")));
		type("mp-pbx-name", name);
		type("mp-pbx-server", server);
		type("mp-pbx-signalling-port", signalling);
		type("mp-pbx-server-ports", serverPorts);
		type("mp-pbx-client-ports", clientPorts);
		type("mp-pbx-responder", responder);
		// the responder's certificate pin, as the responder printed it at its start
		type("mp-pbx-fingerprint", fingerprint);
		type("mp-pbx-secret", secret);
		browser.driver.findElement(By.id("mp-pbx-save")).click();
		browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("mp-pbx-saved")));
		assertTrue(text("mp-pbx-saved").contains(name), text("mp-pbx-saved"));
		assertTrue(browser.driver.findElement(By.id("mp-pbx-secret")).getDomProperty("value").isEmpty(),
				"the secret field is empty again");
	}

	/** The colour of the first port of each port map canvas, "r,g,b", by figure id. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> portMapColours() {
		return (Map<String, String>) browser.driver.executeScript("""
				var out = {};
				document.querySelectorAll('#mp-portmaps figure.mp-portmap').forEach(function (f) {
				  var d = f.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data;
				  out[f.id] = d[0] + ',' + d[1] + ',' + d[2];
				});
				return out;
				""");
	}

	private static int portUnderCursor() {
		Matcher m = Pattern.compile("^UDP (\\d+):").matcher(text("mp-portinfo-0"));
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}

	/**
	 * The SVG pictures of the report: every label inside its picture (none cut off at an edge), and a
	 * failed ICE exchange drawn with its failure, not only with the states before it.
	 */
	private static void assertPicturesAreWhole() {
		@SuppressWarnings("unchecked")
		List<String> problems = (List<String>) browser.driver.executeScript("""
				var problems = [];
				document.querySelectorAll('#mp-report figure svg').forEach(function (s) {
				  var width = s.viewBox.baseVal.width;
				  s.querySelectorAll('text').forEach(function (t) {
				    var b = t.getBBox();
				    if (b.x < -0.5 || b.x + b.width > width + 0.5) {
				      problems.push('"' + t.textContent + '" spans ' + Math.round(b.x) + '..' + Math.round(b.x + b.width) + ' of 0..' + width);
				    }
				  });
				});
				document.querySelectorAll('#mp-icetimelines figure').forEach(function (f) {
				  if (/\\(FAIL\\)/.test(f.querySelector('figcaption').textContent) && !f.querySelector('circle[fill="#c62828"]')) {
				    problems.push(f.id + ': a failed ICE exchange without its failure drawn');
				  }
				});
				return problems;
				""");
		assertEquals(List.of(), problems, "pictures of the report");
	}

	/** A fetch() POST from the page; the token, when given, as the header the page's own script sends. */
	private static long post(String path, String body, String token) {
		return (Long) browser.driver.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var headers = { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
				if (arguments[2]) { headers['X-Mediapath-CSRF'] = arguments[2]; }
				fetch(arguments[0], { method: 'POST', credentials: 'same-origin', headers: headers, body: arguments[1] })
				  .then(function (r) { done(r.status); }, function (e) { done(String(e)); });
				""", path, body, token);
	}

	private static void assertNoInjectedMarkupRan() {
		assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "an alert is open");
		Object images = browser.driver.executeScript("return document.querySelectorAll('#mediapath img').length;");
		assertEquals(0L, images, "the host name became an element");
	}

	private static void screenshot() throws IOException {
		// the form (PBX, Run, where the probes run from) at the top of the window, the report below it
		browser.driver.executeScript("document.getElementById('mp-form').closest('section').scrollIntoView(); window.scrollBy(0, -10);");
		Path shot = Path.of("target", "console-page.png");
		Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
		String copy = System.getProperty("mediapath.screenshot", "");
		if (!copy.isBlank()) {
			Files.copy(shot, Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void type(String id, String value) {
		WebElement input = browser.driver.findElement(By.id(id));
		input.clear();
		if (!value.isEmpty()) {
			input.sendKeys(value);
		}
	}

	private static String attribute(String id, String name) {
		return browser.driver.findElement(By.id(id)).getDomAttribute(name);
	}

	private static String text(String id) {
		return browser.driver.findElement(By.id(id)).getText();
	}

	private static String safe(String id) {
		return id.replaceAll("[^A-Za-z0-9_-]", "_");
	}

	private static String base() {
		return "http://127.0.0.1:" + port;
	}
}
