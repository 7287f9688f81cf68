package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.console.MediapathJar.awaitAllActive;
import static org.mediapath.console.MediapathJar.freePort;
import static org.mediapath.console.MediapathJar.get;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.console.MediapathJar.Output;
import org.mediapath.console.MediapathJar.Result;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The runnable jar, started as a user starts it: the console comes up on loopback with every
 * bundle ACTIVE within 10 s, answers the Gogo shell, and the command line says no clearly.
 *
 * <p>Each run gets an empty user.home, so nothing is read from a Maven repository: the jar is
 * self-contained.
 */
class ConsoleJarIT {

	@TempDir
	Path home;

	@Test
	void theConsoleStartsWithEveryBundleActiveAndAnswersTheShell() throws Exception {
		int port = freePort();
		Process console = start("console", "--port", Integer.toString(port));
		Output out = Output.of(console.getInputStream());
		Output err = Output.of(console.getErrorStream());
		try {
			long started = System.nanoTime();
			JsonObject bundles = awaitAllActive(port, Duration.ofSeconds(10));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out.println("console: all bundles ACTIVE " + millis + " ms after start");
			assertTrue(bundles.getAsJsonArray("data").size() > 40, "the console runs its full bundle set");
			assertTrue(out.awaitContains("http://127.0.0.1:" + port + "/system/console/", Duration.ofSeconds(5)),
					"prints its URL: " + out);
			assertTrue(out.text().contains("login: admin / admin"), "prints the login: " + out);

			assertTrue(out.awaitContains("loopback responder: ", Duration.ofSeconds(5)), "says whether it runs a responder: " + out);
			if (out.text().contains("loopback responder: 127.0.0.1:2231, media ports")) {
				try (java.net.Socket control = new java.net.Socket("127.0.0.1", 2231)) {
					assertTrue(control.isConnected(), "the loopback responder listens on its control port");
				}
			}

			assertEquals(401, get(port, "/system/console/bundles.json", null).statusCode(),
					"the Web Console needs the login");

			OutputStream shell = console.getOutputStream();
			shell.write("lb -s\n".getBytes(StandardCharsets.US_ASCII));
			shell.flush();
			assertTrue(out.awaitContains("org.mediapath.cli", Duration.ofSeconds(10)), "the Gogo shell answers lb: " + out + " / stderr: " + err);
			assertTrue(out.text().contains("Active"), "lb shows states: " + out);
		} finally {
			console.destroy();
			console.waitFor(10, TimeUnit.SECONDS);
			console.destroyForcibly();
		}
		assertTrue(err.text().lines().noneMatch(line -> line.contains("ERROR")), "no errors on stderr: " + err);
	}

	/**
	 * The end-to-end promise on loopback: the console with its responder gives verdict OK (exit 0);
	 * the running console's history shows the report the separate diagnose process stored; once the
	 * console and its responder are gone, diagnose still reports, with a cause (exit 1).
	 */
	@Test
	void diagnoseAgainstTheConsolesResponderIsOkAndAgainstAStoppedOneNamesACause() throws Exception {
		int port = freePort();
		Process console = start("console", "--port", Integer.toString(port));
		Output out = Output.of(console.getInputStream());
		Output.of(console.getErrorStream());
		String secret;
		String fingerprint;
		try {
			assertTrue(out.awaitContains("secret file ", Duration.ofSeconds(20)), "loopback responder started: " + out);
			secret = out.text().lines().filter(line -> line.startsWith("loopback responder: 127.0.0.1:2231"))
					.map(line -> line.substring(line.indexOf("secret file ") + "secret file ".length()).strip())
					.findFirst().orElseThrow(() -> new AssertionError("no loopback responder: " + out));
			String line = out.text().lines().filter(l -> l.startsWith("loopback responder: 127.0.0.1:2231")).findFirst()
					.orElseThrow();
			// the console prints its responder's fingerprint beside the secret file: the README's command pins it
			fingerprint = line.substring(line.indexOf("fingerprint ") + "fingerprint ".length(), line.indexOf(", secret file "));
			assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), line);
			Path kept = home.resolve("secret-copy");
			Files.copy(Path.of(secret), kept);
			secret = kept.toString();

			assertTrue(get(port, "/system/console/mediapath", "admin:admin").body().contains("mediapath"),
					"the mediapath page is served");

			Result unpinned = run("diagnose", "--server", "127.0.0.1", "--signalling-port", "2231", "--responder",
					"127.0.0.1:2231", "--secret-file", secret, "--json");
			assertEquals(2, unpinned.exitCode(), "no trust on first use: " + unpinned);
			assertTrue(unpinned.err().contains("run again with --responder-fingerprint " + fingerprint),
					"without a pin diagnose names the fingerprint and the option: " + unpinned);
			Result ok = run("diagnose", "--server", "127.0.0.1", "--signalling-port", "2231", "--responder",
					"127.0.0.1:2231", "--secret-file", secret, "--responder-fingerprint", fingerprint, "--json");
			JsonObject report = JsonParser.parseString(ok.out()).getAsJsonObject();
			assertEquals("OK", report.get("verdict").getAsString(), ok.toString());
			assertEquals(0, ok.exitCode(), ok.toString());
			assertTrue(report.getAsJsonArray("causes").isEmpty(), ok.toString());
			assertTrue(report.getAsJsonArray("checks").size() >= 4, ok.toString());
			assertTrue(Files.isRegularFile(home.resolve(".mediapath/reports")
					.resolve(report.get("reportId").getAsString() + ".json")), "the report is kept in the history");

			// The running console's history sees the report the separate diagnose process stored.
			String reportId = report.get("reportId").getAsString();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			String history;
			do {
				history = get(port, "/system/console/mediapath/history.json", "admin:admin").body();
			} while (!history.contains(reportId) && System.nanoTime() < deadline);
			assertTrue(history.contains(reportId), "the console's history.json shows the command line's report within 2 s: " + history);
			String page = get(port, "/system/console/mediapath", "admin:admin").body();
			assertTrue(page.contains(reportId), "and so does the page's history");

			// a PBX kept by name (as the console stores it) is diagnosed by its name from the command line
			Path pbxs = Files.createDirectories(home.resolve(".mediapath/pbxs/secrets"));
			Files.writeString(home.resolve(".mediapath/pbxs/loopback.properties"), "name=loopback\nserver=127.0.0.1\n"
					+ "signalling.port=2231\nserver.ports=30000-33000\nclient.ports=49152-65535\nresponder=127.0.0.1\\:2231\n"
					// the PBX pins its responder: diagnose --pbx needs no --responder-fingerprint
					+ "fingerprint=" + fingerprint.replace(":", "\\:") + "\n");
			Files.copy(Path.of(secret), pbxs.resolve("loopback.secret"));
			Result byName = run("diagnose", "--pbx", "loopback", "--json");
			JsonObject named = JsonParser.parseString(byName.out()).getAsJsonObject();
			assertEquals("OK", named.get("verdict").getAsString(), byName.toString());
			assertEquals(0, byName.exitCode(), byName.toString());
			assertEquals("command line", named.getAsJsonObject("vantagePoint").get("origin").getAsString(), byName.toString());
			Result unknown = run("diagnose", "--pbx", "nope");
			assertEquals(2, unknown.exitCode(), unknown.toString());
			assertTrue(unknown.err().contains("no PBX is named 'nope'"), unknown.toString());
		} finally {
			console.destroy();
			console.waitFor(10, TimeUnit.SECONDS);
			console.destroyForcibly();
		}
		Result failed = run("diagnose", "--server", "127.0.0.1", "--signalling-port", "2231", "--responder",
				"127.0.0.1:2231", "--secret-file", secret, "--responder-fingerprint", fingerprint, "--json");
		JsonObject report = JsonParser.parseString(failed.out()).getAsJsonObject();
		assertEquals(1, failed.exitCode(), failed.toString());
		assertEquals("FAILED", report.get("verdict").getAsString(), failed.toString());
		assertEquals("SIGNALLING_BLOCKED", report.getAsJsonArray("causes").get(0).getAsJsonObject().get("id").getAsString(),
				failed.toString());
	}

	@Test
	void helpListsTheSubcommandsAndExitsZero() throws Exception {
		Result help = run("--help");
		assertEquals(0, help.exitCode(), help.toString());
		assertTrue(help.out().contains("console"), help.toString());
		assertTrue(help.out().contains("usage: mediapath"), help.toString());
	}

	@Test
	void anUnknownSubcommandExitsTwoWithUsage() throws Exception {
		Result result = run("bogus");
		assertEquals(2, result.exitCode(), result.toString());
		assertTrue(result.err().contains("unknown subcommand 'bogus'"), result.toString());
		assertTrue(result.err().contains("usage: mediapath"), result.toString());
	}

	@Test
	void listeningBeyondLoopbackWithTheDefaultPasswordIsRefused() throws Exception {
		Result result = run("console", "--host", "0.0.0.0", "--port", Integer.toString(freePort()));
		assertEquals(2, result.exitCode(), result.toString());
		assertTrue(result.err().contains("default password"), result.toString());
	}

	@Test
	void aPortOutOfRangeIsABadUsage() throws Exception {
		Result result = run("console", "--port", "70000");
		assertEquals(2, result.exitCode(), result.toString());
		assertTrue(result.err().contains("--port"), result.toString());
	}

	private Process start(String... arguments) throws IOException {
		return MediapathJar.start(home, arguments);
	}

	private Result run(String... arguments) throws Exception {
		return MediapathJar.run(home, arguments);
	}
}
