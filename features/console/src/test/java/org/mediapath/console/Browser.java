package org.mediapath.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}),
 * driven through its own chromedriver. Both paths are given explicitly, so Selenium Manager never
 * runs: it would try to download a driver, and the build has no network for that.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("mediapath.chromium", "/usr/bin/chromium"));
	static final Path CHROMEDRIVER = Path.of(System.getProperty("mediapath.chromedriver", "/usr/bin/chromedriver"));

	final ChromeDriver driver;
	private final ChromeDriverService service;
	private final Path profile;

	private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
		this.driver = driver;
		this.service = service;
		this.profile = profile;
	}

	/**
	 * Starts a fresh headless Chromium with an empty profile.
	 *
	 * @param logs where chromedriver writes its log (kept for a failing run)
	 * @throws AssertionError naming the packages to install when Chromium or its driver is missing:
	 *         the browser tests are part of the build, they are not skipped
	 */
	static Browser start(Path logs) throws IOException {
		for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(p)) {
				throw new AssertionError(p + " is missing: the console's browser tests need Debian's Chromium and its "
						+ "driver (apt-get install -y chromium chromium-driver; bash .ci/run installs them)");
			}
		}
		// Selenium's usage statistics would go to the network; there is none, and they are not ours to send.
		System.setProperty("SE_AVOID_STATS", "true");
		// Without the selenium-devtools artifact ChromiumDriver logs a warning per session that it has no
		// CDP binding for this Chromium version; the tests use WebDriver only.
		Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);

		Files.createDirectories(logs);
		Path profile = Files.createTempDirectory("mediapath-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
		// An alert left open must stay visible to the test (which asserts there is none), not be dismissed.
		options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);

		ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
				.withLogFile(new File(logs.toFile(), "chromedriver.log")).build();
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
			return new Browser(driver, service, profile);
		} catch (RuntimeException e) {
			service.stop();
			deleteTree(profile);
			throw e;
		}
	}

	WebDriverWait waiting(Duration timeout) {
		return new WebDriverWait(driver, timeout, Duration.ofMillis(100));
	}

	/**
	 * The page's script errors since the last call (Chromium reports them as SEVERE console entries).
	 * Failed resource loads are left out: a refused POST (403) is logged that way on purpose.
	 */
	List<String> scriptErrors() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
				.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
				.map(LogEntry::getMessage)
				.filter(m -> !m.contains("Failed to load resource"))
				.toList();
	}

	@Override
	public void close() {
		try {
			driver.quit();
		} finally {
			service.stop();
			deleteTree(profile);
		}
	}

	static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (var walk = Files.walk(root)) {
			walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
		} catch (IOException | RuntimeException ignored) {
			// a temporary directory; nothing depends on it
		}
	}
}
