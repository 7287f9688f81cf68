package org.mediapath.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A user's headless Chromium for the browser-test page: Debian's Chromium started as the binary
 * itself ({@code /usr/lib/chromium/chromium}: the {@code /usr/bin} wrapper adds flags of its own),
 * with what WebRTC on loopback needs ({@code --allow-loopback-in-peer-connection}, host candidates
 * not hidden behind mDNS names) and a HOME of its own, driven through Debian's chromedriver. No
 * media permission is given: the page must run without one.
 */
final class UserBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("mediapath.chromium.binary", "/usr/lib/chromium/chromium"));

	final ChromeDriver driver;
	private final ChromeDriverService service;
	private final Path home;

	private UserBrowser(ChromeDriver driver, ChromeDriverService service, Path home) {
		this.driver = driver;
		this.service = service;
		this.home = home;
	}

	/**
	 * @param logs where chromedriver writes its log
	 * @throws AssertionError naming the packages when Chromium or its driver is missing (never skipped)
	 */
	static UserBrowser start(Path logs) throws IOException {
		for (Path p : List.of(CHROMIUM, Browser.CHROMEDRIVER)) {
			if (!Files.isExecutable(p)) {
				throw new AssertionError(p + " is missing: the browser-test page's tests need Debian's Chromium and its "
						+ "driver (apt-get install -y chromium chromium-driver; bash .ci/run installs them)");
			}
		}
		System.setProperty("SE_AVOID_STATS", "true");
		Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
		Files.createDirectories(logs);
		Path home = Files.createTempDirectory("mediapath-user-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
				"--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
				"--window-size=1000,900", "--user-data-dir=" + home.resolve("profile"));
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Browser.CHROMEDRIVER.toFile())
				.usingAnyFreePort().withEnvironment(Map.of("HOME", home.toString()))
				.withLogFile(new File(logs.toFile(), "user-chromedriver.log")).build();
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new UserBrowser(driver, service, home);
		} catch (RuntimeException e) {
			service.stop();
			Browser.deleteTree(home);
			throw e;
		}
	}

	WebDriverWait waiting(Duration timeout) {
		return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
	}

	/**
	 * The page's script errors and CSP violations since the last call. Failed loads are left out: a
	 * refusal page (404, 410) is logged that way on purpose.
	 */
	List<String> scriptErrors() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
				.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
				.filter(m -> !m.contains("Failed to load resource")).toList();
	}

	@Override
	public void close() {
		try {
			driver.quit();
		} finally {
			service.stop();
			Browser.deleteTree(home);
		}
	}
}
