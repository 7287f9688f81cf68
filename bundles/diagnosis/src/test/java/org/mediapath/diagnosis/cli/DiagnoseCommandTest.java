package org.mediapath.diagnosis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.diagnosis.checks.RealChecks;
import org.mediapath.diagnosis.engine.CheckEntry;
import org.mediapath.diagnosis.engine.Engine;
import org.mediapath.diagnosis.engine.EngineSettings;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.probe.RealProbes;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;

/** {@code mediapath diagnose} end to end on loopback: exit codes, stdout/stderr discipline, field-named errors. */
class DiagnoseCommandTest {

	static final PortProbeService PROBES = RealProbes.service();

	final ByteArrayOutputStream out = new ByteArrayOutputStream();
	final ByteArrayOutputStream err = new ByteArrayOutputStream();
	final List<Engine> engines = new ArrayList<>();

	@TempDir
	Path tmp;

	@AfterEach
	void close() {
		engines.forEach(Engine::close);
	}

	Engine engine(PortProbeService probes) {
		List<CheckEntry> entries = RealChecks.entries(probes, false);
		Engine engine = new Engine(new EngineSettings(Duration.ofSeconds(15), Duration.ofSeconds(45), 4, false), new Engine.Hooks() {
			@Override
			public List<CheckEntry> checks() {
				return entries;
			}

			@Override
			public List<CauseRule> rules() {
				return List.of();
			}

			@Override
			public org.mediapath.api.report.DiagnosticReport completing(org.mediapath.api.report.DiagnosticReport report, String origin) {
				return report.withVantagePoint(org.mediapath.diagnosis.engine.VantagePoints.of(report, origin, "0.1.0.test"));
			}
		}, Clock.systemUTC());
		engines.add(engine);
		return engine;
	}

	CommandIO io() {
		return new CommandIO(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	int run(PortProbeService probes, String... args) {
		return DiagnoseCommand.run(engine(probes)::start, List.of(args), io());
	}

	String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	static int closedPort() throws Exception {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	@Test
	void diagnoseRepeatRunsTheSameDiagnosisInOneRuntimeOneJsonLinePerRun() throws Exception {
		DiagnoseRepeatSubcommand repeat = new DiagnoseRepeatSubcommand(engine(PROBES)::start);
		int code = repeat.run(List.of("--runs", "2", "--pause-millis", "1", "--server", "127.0.0.1", "--signalling-port",
				Integer.toString(closedPort())), io());
		assertEquals(0, code, err());
		List<String> lines = out().lines().toList();
		assertEquals(2, lines.size(), out());
		for (int i = 0; i < 2; i++) {
			assertTrue(lines.get(i).startsWith("run=" + (i + 1) + " exit=1 wallMillis="), lines.get(i));
			String json = lines.get(i).substring(lines.get(i).indexOf('{'));
			assertEquals("SIGNALLING_BLOCKED", JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("causes").get(0)
					.getAsJsonObject().get("id").getAsString());
		}
		assertEquals(2, repeat.run(List.of("--runs", "lots", "--server", "127.0.0.1"), io()));
		assertTrue(err().contains("diagnose-repeat: --runs"), err());
		assertEquals(2, repeat.run(List.of("--runs", "0", "--server", "127.0.0.1"), io()), "zero runs would measure nothing");
		assertTrue(err().contains("diagnose-repeat: --runs: '0' is not a whole number of at least 1"), err());
	}

	@Test
	void diagnoseRepeatHelpIsPrintedOnceAndRunsNothing() throws Exception {
		DiagnoseRepeatSubcommand repeat = new DiagnoseRepeatSubcommand((request, listener) -> {
			throw new AssertionError("--help must not start a diagnosis");
		});
		assertEquals(0, repeat.run(List.of("--runs", "3", "--help"), io()), err());
		String help = out();
		assertEquals(1, help.split("Usage: mediapath diagnose-repeat", -1).length - 1, "the help once: " + help);
		assertTrue(help.contains("--runs N") && help.lines().noneMatch(l -> l.startsWith("run=")), help);
	}

	/** A PBX kept by name, as the pbx bundle's directory hands it out (here in memory). */
	static org.mediapath.api.pbx.PbxDirectory pbxs(org.mediapath.api.pbx.PbxEntry entry) {
		return new org.mediapath.api.pbx.PbxDirectory() {
			@Override
			public List<org.mediapath.api.pbx.PbxEntry> list() {
				return List.of(entry);
			}

			@Override
			public java.util.Optional<org.mediapath.api.pbx.PbxEntry> get(String name) {
				return name.equals(entry.name()) ? java.util.Optional.of(entry) : java.util.Optional.empty();
			}

			@Override
			public org.mediapath.api.report.DiagnosisRequest request(String name) {
				get(name).orElseThrow(() -> new IllegalArgumentException("pbx: no PBX is named '" + name + "'"));
				// as the directory does: a responder comes with its stored secret and the PBX's certificate pin
				return new org.mediapath.api.report.DiagnosisRequest(entry.server(), entry.signallingPort(), entry.serverPorts(),
						entry.clientPorts(), entry.responder(),
						entry.responder().map(r -> "/var/lib/mediapath/pbxs/secrets/" + entry.name()), java.util.Optional.empty(),
						entry.requireVpn(), entry.fingerprint(), java.util.Optional.empty());
			}

			@Override
			public void save(org.mediapath.api.pbx.PbxEntry e, java.util.Optional<String> secret) {
				throw new UnsupportedOperationException();
			}

			@Override
			public boolean remove(String name) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void offerBuiltIn(org.mediapath.api.pbx.PbxEntry e, java.nio.file.Path secretFile) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void withdrawBuiltIn(String name) {
				throw new UnsupportedOperationException();
			}
		};
	}

	@Test
	void aPbxKeptByNameIsDiagnosedByItsName() throws Exception {
		int port = closedPort();
		var office = pbxs(new org.mediapath.api.pbx.PbxEntry("Head office", "127.0.0.1", port,
				org.mediapath.api.net.PortRange.parse("p", "40000-40015"), org.mediapath.api.net.PortRange.parse("p", "40100-40115"),
				java.util.Optional.empty(), java.util.Optional.empty(), true, false, false));
		int code = DiagnoseCommand.run(engine(PROBES)::start, office, List.of("--pbx", "Head office", "--json"), io());
		assertEquals(1, code, err());
		JsonObject request = JsonParser.parseString(out()).getAsJsonObject().getAsJsonObject("request");
		assertEquals("127.0.0.1", request.get("server").getAsString());
		assertEquals(port, request.get("signallingPort").getAsInt());
		assertEquals("40000-40015", request.get("serverPorts").getAsString());
		assertTrue(request.get("requireVpn").getAsBoolean(), "the PBX's VPN policy");

		assertEquals(2, DiagnoseCommand.run(engine(PROBES)::start, office, List.of("--pbx", "Head office", "--server", "x"), io()));
		assertTrue(err().contains("--pbx: the PBX names the server, its ports, the responder and its secret; leave out --server"), err());
		assertEquals(2, DiagnoseCommand.run(engine(PROBES)::start, office, List.of("--pbx", "Branch"), io()));
		assertTrue(err().contains("pbx: no PBX is named 'Branch'"), err());
		assertEquals(2, DiagnoseCommand.run(engine(PROBES)::start, (org.mediapath.api.pbx.PbxDirectory) null, List.of("--pbx", "Head office"), io()));
		assertTrue(err().contains("--pbx: this runtime keeps no PBXs"), err());
	}

	static final String PBX_PIN = "3A:4B:5C:6D:7E:8F:90:01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0:01:12:23:34:45:56:67:78:89";
	static final String TYPED_PIN = "01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0:01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0";

	@Test
	void aPbxPinsItsResponderAndAFingerprintOnTheCommandLineOverridesIt() {
		var office = pbxs(new org.mediapath.api.pbx.PbxEntry("Head office", "pbx.example.org", 2230,
				org.mediapath.api.net.PortRange.parse("p", "30000-33000"), org.mediapath.api.net.PortRange.parse("p", "49152-65535"),
				java.util.Optional.of(org.mediapath.api.net.HostAndPort.parse("responder", "pbx.example.org:2231", -1)),
				java.util.Optional.of(PBX_PIN), false, true, false));
		DiagnoseOptions byName = new DiagnoseOptions();
		byName.pbx = "Head office";
		assertEquals(java.util.Optional.of(PBX_PIN), DiagnoseCommand.pbxRequest(office, byName).responderFingerprint(),
				"the PBX's fingerprint pins its responder");
		DiagnoseOptions overridden = new DiagnoseOptions();
		overridden.pbx = "Head office";
		overridden.responderFingerprint = TYPED_PIN.toLowerCase().replace(":", "");
		assertEquals(java.util.Optional.of(TYPED_PIN), DiagnoseCommand.pbxRequest(office, overridden).responderFingerprint(),
				"--responder-fingerprint overrides the PBX's");
	}

	@Test
	void jsonIsExactlyOneDocumentAndACauseExitsOne() throws Exception {
		int code = run(PROBES, "--server", "127.0.0.1", "--signalling-port", Integer.toString(closedPort()), "--json");
		assertEquals(1, code, err());
		JsonReader reader = new JsonReader(new java.io.StringReader(out()));
		JsonObject o = JsonParser.parseReader(reader).getAsJsonObject();
		assertEquals(com.google.gson.stream.JsonToken.END_DOCUMENT, reader.peek(), "nothing after the one document");
		assertEquals("FAILED", o.get("verdict").getAsString());
		assertEquals("SIGNALLING_BLOCKED", o.getAsJsonArray("causes").get(0).getAsJsonObject().get("id").getAsString());
		assertEquals("", err(), "no progress chatter with --json");
	}

	@Test
	void withoutAResponderNothingProvesMediaSoTheVerdictIsInconclusiveAndSaysWhatWouldSettleIt() throws Exception {
		try (ServerSocket pbx = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int code = run(PROBES, "--server", "127.0.0.1", "--signalling-port", Integer.toString(pbx.getLocalPort()),
					"--server-ports", "40000-40015", "--client-ports", "40100-40115");
			assertEquals(3, code, out() + err());
		}
		String text = out();
		assertTrue(text.startsWith("INCONCLUSIVE: no cause proven for 127.0.0.1"), text);
		assertTrue(text.contains("run `mediapath responder` on the PBX"), text);
		assertTrue(text.contains("Without a responder"), "says what a responder would add");
		assertTrue(text.contains("PASS     TCP signalling"), text);
		assertTrue(err().contains("Diagnosing 127.0.0.1"), "progress goes to stderr");
	}

	@Test
	void theReadableReportNamesTheCauseAndItsFix() throws Exception {
		int port = closedPort();
		assertEquals(1, run(PROBES, "--server", "127.0.0.1", "--signalling-port", Integer.toString(port)));
		String text = out();
		assertTrue(text.startsWith("FAILED: 1 cause found for 127.0.0.1."), text);
		assertTrue(text.contains("[SIGNALLING_BLOCKED, proven both ways]"), text);
		assertTrue(text.contains("Probed from ") && text.contains("command line"), "the vantage point: " + text);
		assertTrue(text.contains("Fix (server side): The server 127.0.0.1 answers but nothing listens on TCP " + port), text);
		assertTrue(text.contains("SKIPPED  Server media ports"), text);
	}

	@Test
	void nothingCheckableIsNotAnOk() {
		assertEquals(3, run(null, "--server", "127.0.0.1", "--json"));
		var json = JsonParser.parseString(out()).getAsJsonObject();
		assertEquals("INCONCLUSIVE", json.get("verdict").getAsString());
		assertTrue(json.get("unproven").getAsString().contains("media was not proven to flow"), out());
	}

	@Test
	void badInputExitsTwoWithOneLineNamingTheField() throws Exception {
		Path secret = Files.writeString(tmp.resolve("secret"), "0123456789abcdef0123");
		String[][] cases = {
				{ "--server", "bad host!" }, { "--server" },
				{ "--server", "pbx", "--server-ports", "33000-30000" },
				{ "--server", "pbx", "--client-ports", "x" },
				{ "--server", "pbx", "--signalling-port", "70000" },
				{ "--server", "pbx", "--signalling-port", "2230-2231" },
				{ "--server", "pbx", "--responder", "pbx" },
				{ "--server", "pbx", "--responder", "pbx:2231" },
				{ "--server", "pbx", "--peer", "peer:2231" },
				{ "--server", "pbx", "--responder", "pbx:2231", "--secret-file", tmp.resolve("missing").toString() },
				{ "--server", "pbx", "--bogus" }, {} };
		String[] fields = { "--server", "--server", "--server-ports", "--client-ports", "--signalling-port", "--signalling-port",
				"--responder", "--responder", "--peer", "--secret-file", "--bogus", "--server" };
		for (int i = 0; i < cases.length; i++) {
			out.reset();
			err.reset();
			assertEquals(2, run(PROBES, cases[i]), String.join(" ", cases[i]) + " -> " + err());
			String e = err().strip();
			assertFalse(e.contains("\n"), "one line: " + e);
			assertTrue(e.startsWith("diagnose: "), e);
			assertTrue(e.contains(fields[i]), String.join(" ", cases[i]) + " should name " + fields[i] + ": " + e);
			assertEquals("", out(), "nothing on stdout");
		}
		assertTrue(secret.toFile().exists());
	}

	@Test
	void helpExitsZero() {
		assertEquals(0, run(PROBES, "--help"));
		assertTrue(out().contains("--responder"));
	}
}
