package org.mediapath.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real headless browser (Chromium or Firefox ESR) in a namespace, opening one link: the browser-test page runs
 * by itself there (no driver), as it does on a user's PC. Each browser gets its own HOME and profile in the
 * scenario's folder; {@link #close()} kills it with every process it started (found by its profile's path, which
 * no other process names) and deletes both folders.
 *
 * <p>Flags from the spike: Chromium is {@code /usr/lib/chromium/chromium} itself (the {@code /usr/bin}
 * wrapper adds its own flags), with {@code --disable-features=WebRtcHideLocalIpsWithMdns} so that its host candidate
 * is an address (without media permission Chrome hides it behind an mDNS name, which the lab's namespaces cannot
 * resolve); Firefox ESR gets the same through {@code media.peerconnection.ice.obfuscate_host_addresses=false} in the
 * profile's {@code user.js}. Both get their background traffic (updates, telemetry, safe browsing, captive-portal
 * probes) switched off; whatever is left cannot leave the lab, see {@link #GUARD}.
 */
final class HeadlessBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("mediapath.lab.chromium", "/usr/lib/chromium/chromium"));
	static final Path FIREFOX = Path.of(System.getProperty("mediapath.lab.firefox", "/usr/lib/firefox-esr/firefox-esr"));

	/**
	 * nft rules the lab adds in the browser's namespace before the browser starts: whatever a browser sends on its
	 * own (a DNS query for an update server, say) is dropped before it leaves unless it goes to the lab's own
	 * addresses. A table of its own ({@code mplabguard}), beside the scenario's {@code mplab}.
	 */
	static final String GUARD = """
			table inet mplabguard {
				chain output {
					type filter hook output priority 0; policy accept;
					meta nfproto ipv4 ip daddr != { 198.18.0.0/15, 127.0.0.0/8 } drop
					meta nfproto ipv6 ip6 daddr != ::1 drop
				}
			}
			""";

	private static final String FIREFOX_PREFS = """
			user_pref("media.peerconnection.ice.obfuscate_host_addresses", false);
			user_pref("browser.shell.checkDefaultBrowser", false);
			user_pref("browser.startup.homepage_override.mstone", "ignore");
			user_pref("browser.aboutwelcome.enabled", false);
			user_pref("datareporting.policy.dataSubmissionEnabled", false);
			user_pref("datareporting.healthreport.uploadEnabled", false);
			user_pref("toolkit.telemetry.enabled", false);
			user_pref("toolkit.telemetry.shutdownPingSender.enabled", false);
			user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
			user_pref("app.update.auto", false);
			user_pref("app.normandy.enabled", false);
			user_pref("extensions.update.enabled", false);
			user_pref("browser.safebrowsing.malware.enabled", false);
			user_pref("browser.safebrowsing.phishing.enabled", false);
			user_pref("browser.safebrowsing.downloads.enabled", false);
			user_pref("network.captive-portal-service.enabled", false);
			user_pref("network.connectivity-service.enabled", false);
			user_pref("network.dns.disablePrefetch", true);
			user_pref("network.prefetch-next", false);
			""";

	private final Lab lab;
	private final Path profile;
	private final Path home;
	private final Path log;
	private final Process process;
	private final Instant launched;

	private HeadlessBrowser(Lab lab, Path profile, Path home, Path log, Process process, Instant launched) {
		this.lab = lab;
		this.profile = profile;
		this.home = home;
		this.log = log;
		this.process = process;
		this.launched = launched;
	}

	/** Why the browser cannot run here (a JUnit assumption's reason), or null when it can. */
	static String unavailableReason(String browser) {
		Path binary = binary(browser);
		if (!Files.isExecutable(binary)) {
			return binary + " is missing: the lab opens the link in " + browser + " (apt-get install -y "
					+ (browser.equals("chromium") ? "chromium" : "firefox-esr") + ")";
		}
		return null;
	}

	private static Path binary(String browser) {
		return switch (browser) {
		case "chromium" -> CHROMIUM;
		case "firefox" -> FIREFOX;
		default -> throw new IllegalArgumentException("no such browser in the lab: " + browser);
		};
	}

	/**
	 * Starts the browser in the namespace on the link. Returns as soon as the process runs; the page then runs by
	 * itself. {@link #launched()} is the instant just before the process was started.
	 */
	static HeadlessBrowser open(Lab lab, String browser, String namespace, Path dir, String url) throws IOException {
		return open(lab, browser, namespace, dir, url, null);
	}

	/**
	 * As {@link #open(Lab, String, String, Path, String)}; {@code trustedSpki} (base64 SHA-256 of a certificate's
	 * public key, or null) is the one self-signed certificate the browser accepts for HTTPS, as a user's browser accepts
	 * the PBX's certificate from the operator's CA (Chromium only: {@code --ignore-certificate-errors-spki-list}).
	 */
	static HeadlessBrowser open(Lab lab, String browser, String namespace, Path dir, String url, String trustedSpki)
			throws IOException {
		Path profile = Files.createDirectories(dir.resolve(browser + "-profile"));
		Path home = Files.createDirectories(dir.resolve(browser + "-home"));
		Path log = dir.resolve(browser + ".log");
		List<String> command = new ArrayList<>(List.of("/usr/bin/env", "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve(".config"),
				"XDG_CACHE_HOME=" + home.resolve(".cache"), binary(browser).toString()));
		if (browser.equals("chromium")) {
			command.addAll(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--disable-default-apps", "--disable-domain-reliability", "--disable-breakpad",
					"--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints",
					"--user-data-dir=" + profile));
			if (trustedSpki != null) {
				command.add("--ignore-certificate-errors-spki-list=" + trustedSpki);
			}
			command.add(url);
		} else {
			if (trustedSpki != null) {
				throw new IllegalArgumentException("the lab trusts a self-signed certificate in Chromium only");
			}
			Files.writeString(profile.resolve("user.js"), FIREFOX_PREFS);
			command.addAll(List.of("--headless", "--no-remote", "--profile", profile.toString(), url));
		}
		Instant launched = Instant.now();
		Process p = lab.start(lab.inNamespace(namespace, command), home, log, log);
		return new HeadlessBrowser(lab, profile, home, log, p, launched);
	}

	Instant launched() {
		return launched;
	}

	boolean alive() {
		return process.isAlive();
	}

	/**
	 * The last lines the browser printed (for a failure message), without Chromium's complaints that the namespace has
	 * no D-Bus (dozens of lines at every start, none of them about the page).
	 */
	String logTail() {
		List<String> lines = Lab.read(log).lines().filter(l -> !l.contains(":ERROR:dbus/")).toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

	/**
	 * Kills the browser, its children, and anything else that names its profile (a crash reporter or helper that
	 * left the process tree), waits for them, deletes its profile and home.
	 */
	@Override
	public void close() {
		lab.kill(process);
		String mark = profile.toString();
		for (int round = 0; round < 3; round++) {
			List<ProcessHandle> strays = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
					.filter(h -> h.info().commandLine().map(c -> c.contains(mark)).orElse(false)).toList();
			if (strays.isEmpty()) {
				break;
			}
			strays.forEach(ProcessHandle::destroyForcibly);
			strays.forEach(h -> h.onExit().completeOnTimeout(h, 3, java.util.concurrent.TimeUnit.SECONDS).join());
		}
		Lab.deleteTree(profile);
		Lab.deleteTree(home);
	}
}
