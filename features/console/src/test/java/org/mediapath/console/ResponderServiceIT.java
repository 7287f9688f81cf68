package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.console.MediapathJar.Output;
import org.mediapath.console.MediapathJar.Result;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The responder's systemd unit ({@code dist/systemd}): systemd's own checker accepts it (and
 * does flag a broken copy, so the check can fail), and the command its ExecStart runs, with the
 * shipped configuration file's variable, starts the responder, which answers a diagnosis.
 * {@code systemd-analyze} comes with Debian's {@code systemd} package (./mediapath-test installs
 * it); without it the verification is reported as skipped.
 */
class ResponderServiceIT {

	static final Path UNIT = Path.of("..", "..", "dist", "systemd", "mediapath-responder.service");
	static final Path CONF = Path.of("..", "..", "dist", "systemd", "responder.conf");
	static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

	@TempDir
	Path work;

	@Test
	void systemdAcceptsTheUnitFileAndFlagsABrokenCopy() throws Exception {
		assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed (Debian package systemd)");
		Path unit = Files.copy(UNIT, work.resolve("mediapath-responder.service"));
		Result ok = verify(unit);
		assertEquals(0, ok.exitCode(), ok.toString());
		assertTrue(ok.out().isBlank() && ok.err().isBlank(), "no warning about the unit: " + ok);

		// the same check on a copy with a misspelt setting: systemd warns, so a clean run above means something
		Path broken = work.resolve("broken.service");
		Files.writeString(broken, Files.readString(unit).replace("Restart=on-failure", "Restart=on-failur"));
		Result flagged = verify(broken);
		assertTrue((flagged.out() + flagged.err()).contains("on-failur"), "a broken unit is reported: " + flagged);
	}

	@Test
	void theUnitsCommandStartsTheResponderAndItAnswersAProbe() throws Exception {
		String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
		String execStart = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
				.substring("ExecStart=".length());
		assertTrue(unit.lines().anyMatch(l -> l.equals("Restart=on-failure")), "restarts on failure");
		assertTrue(unit.contains("\nNoNewPrivileges=yes\n") && unit.contains("\nProtectSystem=strict\n"), "hardened");
		String conf = Files.readString(CONF, StandardCharsets.UTF_8);
		assertTrue(conf.lines().anyMatch(l -> l.startsWith("MEDIAPATH_RESPONDER_ARGS=")),
				"the configuration file sets the variable ExecStart uses");

		// what systemd would run, with this machine's paths: loopback, free ports, the secret as a credential
		int control = MediapathJar.freePort();
		Path credentials = Files.createDirectories(work.resolve("credentials"));
		Path secret = credentials.resolve("secret");
		Files.writeString(secret, "responder-service-test-" + System.nanoTime() + "\n");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		Path state = Files.createDirectories(work.resolve("state"));
		List<String> command = new ArrayList<>();
		for (String token : execStart.split("\\s+")) {
			switch (token) {
			case "/usr/bin/java" -> command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			case "-Duser.home=/var/lib/mediapath-responder" -> command.add("-Duser.home=" + state);
			case "/opt/mediapath/mediapath.jar" -> command.add(MediapathJar.JAR.toAbsolutePath().toString());
			case "$MEDIAPATH_RESPONDER_ARGS" -> command.addAll(List.of("--bind", "127.0.0.1", "--udp-ports", "41000-41099",
					"--control-port", Integer.toString(control)));
			case "%d/secret" -> command.add(secret.toString());
			default -> {
				assertFalse(token.contains("$") || token.contains("%") || token.startsWith("/"),
						"a part of ExecStart this test does not stand in for: " + token);
				command.add(token);
			}
			}
		}
		Process responder = new ProcessBuilder(command).directory(state.toFile()).start();
		Output out = Output.of(responder.getInputStream());
		Output err = Output.of(responder.getErrorStream());
		try {
			awaitListening(control, Duration.ofSeconds(20), responder, out, err);
			// as an administrator reads it in the journal: the unit's responder prints its certificate's fingerprint
			String fingerprint = awaitFingerprint(Duration.ofSeconds(20), out, err);
			Result probe = MediapathJar.run(work, "diagnose", "--server", "127.0.0.1", "--signalling-port",
					Integer.toString(control), "--server-ports", "41000-41099", "--client-ports", "41200-41299",
					"--responder", "127.0.0.1:" + control, "--secret-file", secret.toString(), "--responder-fingerprint",
					fingerprint, "--json");
			JsonObject report = JsonParser.parseString(probe.out()).getAsJsonObject();
			assertEquals("OK", report.get("verdict").getAsString(), probe.toString());
			assertEquals(0, probe.exitCode(), probe.toString());
			String ice = null;
			for (var check : report.getAsJsonArray("checks")) {
				if (check.getAsJsonObject().get("id").getAsString().equals("ice")) {
					ice = check.getAsJsonObject().get("status").getAsString();
				}
			}
			assertEquals("PASS", ice, "the responder answered a full ICE exchange: " + probe);
		} finally {
			MediapathJar.stop(responder);
		}
	}

	private static Result verify(Path unit) throws Exception {
		Process p = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", unit.toString()).start();
		p.getOutputStream().close();
		Output out = Output.of(p.getInputStream());
		Output err = Output.of(p.getErrorStream());
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("systemd-analyze verify did not end within 60 s");
		}
		Thread.sleep(50);
		return new Result(p.exitValue(), out.text(), err.text());
	}

	private static String awaitFingerprint(Duration timeout, Output out, Output err) throws InterruptedException {
		java.util.regex.Pattern ready = java.util.regex.Pattern
				.compile("certificate SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			java.util.regex.Matcher m = ready.matcher(out.text() + err.text());
			if (m.find()) {
				return m.group(1);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the responder printed no certificate fingerprint within " + timeout + ": " + out + err);
	}

	private static void awaitListening(int port, Duration timeout, Process responder, Output out, Output err)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!responder.isAlive()) {
				throw new AssertionError("the responder exited (" + responder.exitValue() + "): " + out + err);
			}
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			} catch (IOException notYet) {
				Thread.sleep(100);
			}
		}
		throw new AssertionError("the responder did not listen on " + port + " within " + timeout + ": " + out + err);
	}
}
