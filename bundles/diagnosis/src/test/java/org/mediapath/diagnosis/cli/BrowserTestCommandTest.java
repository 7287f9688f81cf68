package org.mediapath.diagnosis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.ice4j.ice.Agent;
import org.ice4j.ice.IceProcessingState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.diagnosis.browser.BrowserReports;
import org.mediapath.diagnosis.checks.RealChecks;
import org.mediapath.diagnosis.engine.CheckEntry;
import org.mediapath.diagnosis.engine.Engine;
import org.mediapath.diagnosis.engine.EngineSettings;
import org.mediapath.diagnosis.engine.VantagePoints;
import org.mediapath.diagnosis.store.FileReportStore;
import org.mediapath.probe.RealProbes;
import org.mediapath.protocol.ControlMessage;
import org.mediapath.protocol.ice.IceAgents;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderIdentity;
import org.mediapath.responder.ResponderSettings;
import org.mediapath.responder.browser.BrowserTests;
import org.mediapath.responder.browser.PageReport;
import org.mediapath.responder.browser.PairReport;
import org.mediapath.responder.browser.RunProgress;
import org.mediapath.responder.browser.RunStart;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code mediapath browser-test} on loopback with every part real: a responder with the browser
 * test turned on, the console's client over the TLS control channel, ice4j agents in the browser's
 * place (the page's own part, proven with Chromium elsewhere), the report store on disk, and the real
 * engine for the console's own diagnosis of the server's side. Only 127.0.0.0/8.
 */
class BrowserTestCommandTest {

	static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
	static final byte[] SECRET = "browser-test-command-secret-0123456789".getBytes(StandardCharsets.UTF_8);
	static final PortProbeService PROBES = RealProbes.service();
	static final Pattern CANDIDATE = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host");

	static Path secretFile;
	static ResponderIdentity identity;
	static Responder responder;
	static Responder withoutWebPort;
	static BrowserTests tests;
	static ServerSocket signalling;
	static PortRange range;

	@TempDir
	Path reportsFolder;
	FileReportStore store;
	Engine engine;
	final List<DiagnosticReport> announced = new ArrayList<>();
	final ByteArrayOutputStream out = new ByteArrayOutputStream();
	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void start() throws Exception {
		secretFile = Files.createTempFile("mediapath-secret", ".txt");
		Files.write(secretFile, SECRET);
		Path identityFolder = Files.createTempDirectory("mediapath-identity");
		identity = ResponderIdentity.loadOrCreate("identity", identityFolder);
		try (var files = Files.list(identityFolder)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(identityFolder);
		range = freeRange(40);
		responder = new Responder(new ResponderSettings(LOOPBACK, LOOPBACK, range, 0, SECRET, identity,
				ResponderSettings.Limits.DEFAULT));
		tests = responder.enableBrowserTests("http://127.0.0.1:18089");
		withoutWebPort = new Responder(new ResponderSettings(LOOPBACK, LOOPBACK, freeRange(4), 0, SECRET, identity,
				ResponderSettings.Limits.DEFAULT));
		signalling = new ServerSocket(0, 50, LOOPBACK);
	}

	@AfterAll
	static void stop() throws Exception {
		responder.close();
		withoutWebPort.close();
		signalling.close();
		Files.deleteIfExists(secretFile);
	}

	@BeforeEach
	void parts() {
		store = new FileReportStore(reportsFolder, 500, Duration.ofDays(90), Clock.systemUTC(), m -> { });
		List<CheckEntry> entries = RealChecks.entries(PROBES, true);
		engine = new Engine(EngineSettings.DEFAULT, new Engine.Hooks() {
			@Override
			public List<CheckEntry> checks() {
				return entries;
			}

			@Override
			public List<CauseRule> rules() {
				return List.of();
			}

			@Override
			public void reportCompleted(DiagnosticReport report) {
				store.store(report);
			}

			@Override
			public DiagnosticReport completing(DiagnosticReport report, String origin) {
				return report.withVantagePoint(VantagePoints.of(report, origin, "0.1.0.test"));
			}
		}, Clock.systemUTC());
	}

	@AfterEach
	void closeEngine() {
		engine.close();
	}

	BrowserRunDiagnosis diagnosis() {
		DiagnosisService service = new DiagnosisService() {
			@Override
			public org.mediapath.api.diagnosis.DiagnosisRun start(org.mediapath.api.report.DiagnosisRequest request,
					org.mediapath.api.diagnosis.DiagnosisProgressListener listener) {
				return engine.start(request, listener);
			}

			@Override
			public org.mediapath.api.diagnosis.DiagnosisRun start(org.mediapath.api.report.DiagnosisRequest request,
					org.mediapath.api.diagnosis.DiagnosisProgressListener listener, String origin) {
				return engine.start(request, listener, origin);
			}
		};
		BrowserReports reports = new BrowserReports(new BrowserReports.Settings(Duration.ofMinutes(15), Duration.ofSeconds(60),
				"0.1.0.test"), store, new BrowserReports.Hooks() {
					@Override
					public List<CauseRule> partnerRules() {
						return List.of();
					}

					@Override
					public Optional<DiagnosisService> diagnosis() {
						return Optional.of(service);
					}

					@Override
					public void announce(DiagnosticReport report) {
						store.store(report);
						announced.add(report);
					}

					@Override
					public void log(String message) {
					}
				}, Clock.systemUTC());
		return reports::report;
	}

	int run(BrowserTestService service, String... args) {
		out.reset();
		err.reset();
		return BrowserTestCommand.run(service, diagnosis(), null, List.of(args), new CommandIO(new ByteArrayInputStream(new byte[0]),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
				() -> System.nanoTime() / 1_000_000);
	}

	int run(String... args) {
		return run(RealProbes.browserTests(), args);
	}

	String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	static String control(Responder r) {
		return "127.0.0.1:" + r.controlAddress().getPort();
	}

	static List<String> pbx(Responder r, String... more) {
		List<String> a = new ArrayList<>(List.of("--responder", control(r), "--secret-file", secretFile.toString(),
				"--responder-fingerprint", identity.fingerprint(), "--server", "127.0.0.1", "--server-ports", range.toString(),
				"--signalling-port", Integer.toString(signalling.getLocalPort())));
		a.addAll(List.of(more));
		return a;
	}

	int action(String action, Responder r, String... more) {
		List<String> a = new ArrayList<>(List.of(action));
		a.addAll(pbx(r, more));
		return run(a.toArray(String[]::new));
	}

	@Test
	void badInputIsExit2WithOneLineNamingTheOption() {
		assertEquals(2, run("invite"));
		assertTrue(err().startsWith("browser-test invite: --pbx NAME or --responder HOST:PORT"), err());
		assertEquals(2, action("invite", responder, "--expires", "3x"));
		assertEquals("browser-test invite: --expires: '3x' is not a duration such as 30m, 24h or 7d", err().strip());
		assertEquals(2, action("invite", responder, "--expires", "31d"));
		assertTrue(err().contains("--expires: PT744H is outside 1 minute to 30 days"), err());
		assertEquals(2, action("invite", responder, "--uses", "0"));
		assertTrue(err().contains("--uses: 0 is outside 1-1000"), err());
		assertEquals(2, action("invite", responder, "--vpn-ranges", "10.8.0.0/24,10.9.0.0/33"));
		assertTrue(err().contains("--vpn-ranges: prefix length 33 is outside 0-32"), err());
		assertEquals(2, action("invite", responder, "--vpn-ranges", "vpn.example.com/24"));
		assertTrue(err().contains("--vpn-ranges: 'vpn.example.com/24' is not ADDRESS/PREFIX"), err());
		assertEquals(2, run("invite", "--pbx", "Head office"));
		assertTrue(err().contains("--pbx: this runtime keeps no PBXs"), err());
		assertEquals(2, run("invite", "--responder", control(responder), "--responder-fingerprint", identity.fingerprint()));
		assertTrue(err().contains("--responder: needs --secret-file"), err());
		assertEquals(2, action("results", responder, "--wait", "soon"));
		assertTrue(err().contains("browser-test results: --wait: 'soon' is not a whole number"), err());
		assertEquals(2, run("frobnicate"));
		assertTrue(err().contains("'frobnicate' is not one of invite, results, invitations"), err());
		assertEquals(2, run("invitations", "--responder", control(responder), "--secret-file", secretFile.toString(),
				"--responder-fingerprint", identity.fingerprint(), "--signalling-port", "1-2"));
		assertTrue(err().contains("--signalling-port: '1-2' must be one port"), err());
		assertTrue(out().isEmpty(), "nothing on stdout for bad usage: " + out());
	}

	@Test
	void aResponderWithoutItsWebPortAndAMissingServiceAreExit3Saying() {
		assertEquals(3, action("invite", withoutWebPort));
		assertTrue(err().startsWith("browser-test invite: --responder " + control(withoutWebPort) + ": "), err());
		assertTrue(err().contains("--web-port"), err());
		assertEquals(3, run(null, prepend("invite", pbx(responder))));
		assertTrue(err().contains("no browser-test service"), err());
	}

	static String[] prepend(String first, List<String> rest) {
		List<String> a = new ArrayList<>(List.of(first));
		a.addAll(rest);
		return a.toArray(String[]::new);
	}

	@Test
	void aRunWhoseEveryPortConnectsIsReportedOkOnceAndStored() throws Exception {
		assertEquals(0, action("invite", responder, "--label", "ticket 4711", "--json"), err());
		JsonObject link = JsonParser.parseString(out()).getAsJsonObject();
		String token = link.get("token").getAsString();
		assertTrue(link.get("url").getAsString().endsWith("/browser-test/t/" + token), out());
		assertEquals(1, link.get("uses").getAsInt());

		assertEquals(0, action("invite", responder, "--uses", "5", "--expires", "2h", "--require-vpn", "--vpn-ranges", "127.0.0.0/8"));
		String human = out();
		assertTrue(human.lines().findFirst().orElseThrow().startsWith("http://127.0.0.1:18089/browser-test/t/"), human);
		assertTrue(human.contains("uses:    5 (5 left)") && human.contains("VPN required, VPN pools 127.0.0.0/8"), human);

		assertEquals(3, action("results", responder, "--token", token));
		assertTrue(err().contains("no finished run of that link yet"), err());
		assertEquals(3, action("results", responder, "--token", token, "--wait", "1", "--json"));
		assertTrue(err().contains("waiting for a finished run: no run started yet with that link, 1 s left"), err());
		assertTrue(err().contains("no finished run of that link within 1 s"), err());
		assertEquals("{\n  \"runs\": []\n}", out().strip());

		playConnected(token);
		int exit = action("results", responder, "--token", token, "--wait", "10", "--json");
		assertEquals(0, exit, () -> "stderr: " + err() + "\nstdout: " + out());
		JsonObject entry = JsonParser.parseString(out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
		assertEquals("DONE", entry.getAsJsonObject("run").get("state").getAsString());
		JsonObject report = entry.getAsJsonObject("report");
		assertEquals("OK", report.get("verdict").getAsString(), out());
		assertEquals("user's browser", report.getAsJsonObject("vantagePoint").get("origin").getAsString());
		assertEquals("127.0.0.1", report.getAsJsonObject("vantagePoint").getAsJsonArray("clientAddresses").get(0).getAsString());
		String id = report.get("reportId").getAsString();
		assertTrue(store.get(id).isPresent(), "stored");

		assertEquals(0, action("results", responder, "--token", token));
		assertTrue(out().contains("OK: media between the user's browser and 127.0.0.1 flows"), out());
		assertTrue(out().contains("Run in the user's browser: Chrome 131 (headless) on Linux, seen by the PBX from 127.0.0.1"), out());
		assertTrue(out().contains("Report " + id), out());
		assertEquals(1, announced.size(), "one report per run, however often the results are read");

		assertEquals(0, action("invitations", responder, "--json"));
		assertTrue(JsonParser.parseString(out()).getAsJsonObject().getAsJsonArray("invitations").size() >= 2, out());
	}

	@Test
	void silentPortsAreGivenASideByTheConsolesOwnDiagnosisMadeForTheReport() throws Exception {
		assertEquals(0, action("invite", responder, "--json"), err());
		String token = JsonParser.parseString(out()).getAsJsonObject().get("token").getAsString();
		playSilent(token);

		assertEquals(1, action("results", responder, "--token", token, "--json"), err());
		JsonObject report = JsonParser.parseString(out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject()
				.getAsJsonObject("report");
		JsonObject cause = report.getAsJsonArray("causes").get(0).getAsJsonObject();
		assertEquals("CLIENT_UDP_BLOCKED", cause.get("id").getAsString(), out());
		assertEquals("CLIENT", cause.getAsJsonObject("remediation").get("side").getAsString());
		assertTrue(cause.getAsJsonObject("remediation").get("action").getAsString().contains("outbound UDP to 127.0.0.1"), out());
		// the console's own diagnosis was made for it, and stored in the history beside it
		List<DiagnosticReport> history = store.find(ReportQuery.newest(10));
		assertEquals(2, history.size(), history.toString());
		assertTrue(history.stream().anyMatch(r -> r.vantagePoint().orElseThrow().origin().equals("console")
				&& r.verdict() == org.mediapath.api.report.Verdict.OK), history.toString());

		assertEquals(1, action("results", responder, "--token", token));
		assertTrue(out().contains("The user's side (computer or network) stops the media  [CLIENT_UDP_BLOCKED"), out());
	}

	/** The page's part for every port: an offer from a controlling ice4j agent, then reports until the run is decided. */
	static void playConnected(String token) throws Exception {
		RunStart start = tests.start(token, LOOPBACK, "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36");
		List<Agent> browsers = new ArrayList<>();
		try {
			for (int port : start.ports()) {
				Agent browser = IceAgents.create(true, LOOPBACK, new int[] { 0 });
				String answer = tests.answer(start.runId(), start.runKey(), port, offerSdp(browser.getLocalUfrag(),
						browser.getLocalPassword()));
				Matcher m = CANDIDATE.matcher(answer);
				assertTrue(m.find(), answer);
				IceAgents.setRemote(browser, value(answer, "a=ice-ufrag:"), value(answer, "a=ice-pwd:"),
						List.of(new ControlMessage.Candidate("1", 1, 2130706431L, m.group(1), port, "host")));
				browser.startConnectivityEstablishment();
				browsers.add(browser);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
			RunProgress progress;
			do {
				Thread.sleep(100);
				List<PairReport> pairs = new ArrayList<>();
				for (int i = 0; i < browsers.size(); i++) {
					Agent b = browsers.get(i);
					boolean ok = b.getState() == IceProcessingState.COMPLETED || b.getState() == IceProcessingState.TERMINATED;
					pairs.add(new PairReport(start.ports()[i], ok ? "succeeded" : "in-progress", 3, ok ? 1 : 0, 0,
							ok ? 0.001 : Double.NaN, "host", ok ? "connected" : "connecting"));
				}
				progress = tests.report(start.runId(), start.runKey(), new PageReport(0, pairs, false));
			} while (!progress.done() && System.nanoTime() < deadline);
			assertTrue(progress.done(), progress.toString());
		} finally {
			browsers.forEach(Agent::free);
		}
	}

	/** A browser whose checks never arrive: offers answered, checks counted as sent, none reaching the PBX. */
	static void playSilent(String token) throws Exception {
		RunStart start = tests.start(token, LOOPBACK, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");
		for (int port : start.ports()) {
			tests.answer(start.runId(), start.runKey(), port, offerSdp("ab" + (10 + port % 90), "0123456789012345678901"));
		}
		List<PairReport> pairs = new ArrayList<>();
		for (int port : start.ports()) {
			pairs.add(new PairReport(port, "in-progress", 12, 0, 0, Double.NaN, "host", "connecting"));
		}
		RunProgress last = tests.report(start.runId(), start.runKey(), new PageReport(4000, pairs, true));
		assertTrue(last.done(), last.toString());
	}

	static String value(String sdp, String prefix) {
		return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
	}

	static String offerSdp(String ufrag, String password) {
		return String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
				"m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=ice-ufrag:" + ufrag,
				"a=ice-pwd:" + password, "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:0", "a=sctp-port:5000", "");
	}

	static PortRange freeRange(int size) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(0, 12000);
			if (IntStream.rangeClosed(first, first + size - 1).allMatch(BrowserTestCommandTest::udpFree)) {
				return new PortRange(first, first + size - 1);
			}
		}
		throw new IllegalStateException("no free range");
	}

	static boolean udpFree(int port) {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
			return true;
		} catch (Exception e) {
			return false;
		}
	}
}
