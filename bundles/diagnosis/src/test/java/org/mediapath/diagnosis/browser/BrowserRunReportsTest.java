package org.mediapath.diagnosis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.report.Verdict;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.diagnosis.Fixtures;
import org.mediapath.diagnosis.engine.Judgement;
import org.mediapath.diagnosis.json.ReportJson;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.diagnosis.store.FileReportStore;

/**
 * Browser runs into reports, table-driven: real {@link BrowserRun} records as the responder makes
 * them, the console's own reports made by the real rules from real check results and kept in a real
 * {@link FileReportStore}, judged by the same {@link Judgement} as every diagnosis.
 */
class BrowserRunReportsTest {

	static final Instant T0 = Instant.parse("2026-12-05T00:30:00Z");
	static final String MEDIA = Fixtures.SERVER;
	static final String USER = "198.18.77.5";
	static final List<Integer> SAMPLED = List.of(30000, 30500, 31000, 31500, 32000, 32500, 33000);
	/** The PBX as a request without a responder: nothing can be probed now. */
	static final DiagnosisRequest PBX = DiagnosisRequest.forServer(MEDIA);

	@TempDir
	Path tmp;
	FileReportStore store;
	final List<DiagnosticReport> announced = new ArrayList<>();

	@BeforeEach
	void store() {
		store = new FileReportStore(tmp, 500, Duration.ofDays(90), Clock.fixed(T0, ZoneOffset.UTC), m -> { });
	}

	BrowserReports reports(Optional<DiagnosisService> diagnosis, Instant now) {
		return new BrowserReports(new BrowserReports.Settings(Duration.ofMinutes(15), Duration.ofSeconds(60), "0.1.0.test"),
				store, new BrowserReports.Hooks() {
					@Override
					public List<CauseRule> partnerRules() {
						return List.of();
					}

					@Override
					public Optional<DiagnosisService> diagnosis() {
						return diagnosis;
					}

					@Override
					public void announce(DiagnosticReport report) {
						store.store(report);
						announced.add(report);
					}

					@Override
					public void log(String message) {
					}
				}, Clock.fixed(now, ZoneOffset.UTC));
	}

	// --- the records ---

	static BrowserPortResult port(int port, PortState state) {
		return switch (state) {
		case CONNECTED -> new BrowserPortResult(port, state, 6, 6, 4, 6, 6, OptionalDouble.of(1.4), Optional.of(USER + ":" + (61000 + port % 1000)));
		case SILENT -> new BrowserPortResult(port, state, 40, 0, 0, 0, 0, OptionalDouble.empty(), Optional.empty());
		case ONE_WAY -> new BrowserPortResult(port, state, 40, 0, 0, 38, 38, OptionalDouble.empty(), Optional.of(USER + ":" + (52000 + port % 1000)));
		case NO_CHECKS, NOT_TRIED, PENDING -> new BrowserPortResult(port, state, 0, 0, 0, 0, 0, OptionalDouble.empty(), Optional.empty());
		};
	}

	/** @param states one per sampled port, in {@link #SAMPLED} order */
	static BrowserRun run(RunState state, BrowserTestPolicy policy, PortState... states) {
		List<BrowserPortResult> ports = new ArrayList<>();
		for (int i = 0; i < states.length; i++) {
			ports.add(port(SAMPLED.get(i), states[i]));
		}
		return new BrowserRun("r-" + Math.abs(java.util.Arrays.hashCode(states) + policy.hashCode() + state.hashCode()), "tok",
				"ticket 4711", policy, T0, state, state == RunState.ABANDONED ? Optional.empty() : Optional.of(Duration.ofMillis(4300)),
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "Chrome 131", "Windows 10/11", USER, MEDIA,
				new PortRange(30000, 33000), ports, List.of("host"), "done");
	}

	/** Firefox's candidate-pair stats have no requestsSent: a silent port with 0 checks counted. */
	static BrowserRun firefox() {
		BrowserRun r = run(RunState.DONE, BrowserTestPolicy.NONE, all(PortState.SILENT));
		List<BrowserPortResult> ports = r.ports().stream().map(p -> new BrowserPortResult(p.port(), p.state(), 0, 0, 0, 0, 0,
				OptionalDouble.empty(), Optional.empty())).toList();
		return new BrowserRun("r-firefox", r.token(), r.label(), r.policy(), r.started(), r.state(), r.timeToVerdict(),
				"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128", "Linux",
				r.seenAddress(), r.mediaAddress(), r.serverPorts(), ports, r.localCandidateTypes(), r.summary());
	}

	static PortState[] all(PortState s) {
		PortState[] a = new PortState[SAMPLED.size()];
		java.util.Arrays.fill(a, s);
		return a;
	}

	static PortState[] mixed(String pattern) {
		PortState[] a = new PortState[pattern.length()];
		for (int i = 0; i < a.length; i++) {
			a[i] = switch (pattern.charAt(i)) {
			case 'C' -> PortState.CONNECTED;
			case 'S' -> PortState.SILENT;
			case 'O' -> PortState.ONE_WAY;
			case 'N' -> PortState.NO_CHECKS;
			case 'T' -> PortState.NOT_TRIED;
			default -> PortState.PENDING;
			};
		}
		return a;
	}

	/** A console diagnosis of the PBX, judged by the real rules, as the console would have stored it. */
	static DiagnosticReport console(String id, Instant started, String origin, UnaryOperator<Fixtures> checks) {
		Fixtures f = checks.apply(Fixtures.scenario().withResponder().signalling("OPEN"));
		return Judgement.report(id, f.requestValue(), started, Duration.ofMillis(700), f.results(), Judgement.rules(List.of()),
				Optional.empty(), m -> { }).withVantagePoint(new VantagePoint("console-host", List.of("198.18.2.1"), "Linux",
						"0.1.0", origin));
	}

	static DiagnosticReport consolePasses() {
		return console("c-pass", T0.minusSeconds(120), VantagePoint.CONSOLE,
				f -> f.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS").clientUdp(CheckStatus.PASS, "49152-65535:PASS")
						.ice(CheckStatus.PASS));
	}

	static DiagnosticReport consoleServerBlocked() {
		return console("c-blocked", T0.minusSeconds(60), VantagePoint.COMMAND_LINE,
				f -> f.serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT").ice(CheckStatus.FAIL));
	}

	static DiagnosticReport consolePartial() {
		return console("c-partial", T0.plusSeconds(30), VantagePoint.CONSOLE,
				f -> f.serverUdp(true, CheckStatus.FAIL, "30000-30999:PASS", "31000-33000:SILENT").ice(CheckStatus.PASS));
	}

	static final BrowserTestPolicy VPN_POOL = new BrowserTestPolicy(false, List.of("198.18.77.0/24"));
	static final BrowserTestPolicy VPN_REQUIRED = new BrowserTestPolicy(true, List.of("10.8.0.0/24"));
	static final BrowserTestPolicy VPN_REQUIRED_NO_POOLS = new BrowserTestPolicy(true, List.of());

	/**
	 * @param name what the case shows
	 * @param run the browser run
	 * @param consoleReports what the console stored before
	 * @param verdict the expected verdict
	 * @param cause the expected first cause, or null
	 * @param side its side, or null
	 * @param words words the verdict's text (first cause's remediation, or the unproven line) must hold
	 * @param never cause ids that must not appear
	 */
	record Case(String name, BrowserRun run, List<DiagnosticReport> consoleReports, Verdict verdict, String cause, Side side,
			List<String> words, List<String> never) {
		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Case> cases() {
		List<String> none = List.of();
		List<String> noSide = List.of(CauseIds.SERVER_UDP_BLOCKED, CauseIds.CLIENT_UDP_BLOCKED, CauseIds.PARTIAL_RANGE_BLOCKED,
				CauseIds.VPN_DROPS_UDP);
		return Stream.of(
				new Case("every sampled port connected: OK, ICE proven", run(RunState.DONE, BrowserTestPolicy.NONE,
						all(PortState.CONNECTED)), List.of(), Verdict.OK, null, null, none, noSide),
				new Case("ports the PBX holds are never a block", run(RunState.DONE, BrowserTestPolicy.NONE,
						mixed("CTCCTCC")), List.of(), Verdict.OK, null, null, none, noSide),
				new Case("silent without the console's evidence: no side guessed", run(RunState.DONE, BrowserTestPolicy.NONE,
						all(PortState.SILENT)), List.of(), Verdict.INCONCLUSIVE, null, null,
						List.of("does not arrive", "30000", MEDIA, "diagnose --pbx", "user's side", "no diagnosis of " + MEDIA), noSide),
				new Case("silent, the console reaches the ports: the user's side", run(RunState.DONE, BrowserTestPolicy.NONE,
						all(PortState.SILENT)), List.of(consolePasses()), Verdict.FAILED, CauseIds.CLIENT_UDP_BLOCKED, Side.CLIENT,
						List.of("outbound UDP to " + MEDIA + " ports 30000-33000", USER,
								"the browser sent 280 connectivity checks, and the PBX's responder, listening on those ports, received none"), List.of(CauseIds.SERVER_UDP_BLOCKED)),
				new Case("silent from the VPN's pool, the console reaches the ports: the VPN", run(RunState.DONE, VPN_POOL,
						all(PortState.SILENT)), List.of(consolePasses()), Verdict.FAILED, CauseIds.VPN_DROPS_UDP, Side.CLIENT,
						List.of("198.18.77.0/24", "carry UDP to " + MEDIA), List.of(CauseIds.SERVER_UDP_BLOCKED, CauseIds.CLIENT_UDP_BLOCKED)),
				new Case("silent, the console found the server blocking: the server's side", run(RunState.DONE,
						BrowserTestPolicy.NONE, all(PortState.SILENT)), List.of(consoleServerBlocked()), Verdict.FAILED,
						CauseIds.SERVER_UDP_BLOCKED, Side.SERVER, List.of("Allow inbound UDP 30000-33000 to " + MEDIA),
						List.of(CauseIds.CLIENT_UDP_BLOCKED, CauseIds.PARTIAL_RANGE_BLOCKED)),
				new Case("part of the range: the ports both saw blocked, from the per-port results", run(RunState.DONE,
						BrowserTestPolicy.NONE, mixed("CCSSSSS")), List.of(consolePartial()), Verdict.FAILED,
						CauseIds.PARTIAL_RANGE_BLOCKED, Side.SERVER, List.of("31000-33000", "30000-30999 already passes"),
						List.of(CauseIds.CLIENT_UDP_BLOCKED, CauseIds.SERVER_UDP_BLOCKED)),
				new Case("part of the sample silent where the console passes: the user's side, sampled ports named",
						run(RunState.DONE, BrowserTestPolicy.NONE, mixed("CCSSCCC")), List.of(consolePasses()), Verdict.FAILED,
						CauseIds.CLIENT_UDP_BLOCKED, Side.CLIENT, List.of("31000, 31500 (sampled"), List.of(CauseIds.SERVER_UDP_BLOCKED)),
				new Case("the console's sweep found the browser's ports held (IN_USE) between passing ones: the user's side",
						run(RunState.DONE, BrowserTestPolicy.NONE, mixed("SSCCCCC")), List.of(console("c-held", T0.plusSeconds(5),
								VantagePoint.CONSOLE, f -> f.serverUdp(true, CheckStatus.PASS, "29990-29999:PASS", "30000:IN_USE",
										"30001-30499:PASS", "30500:IN_USE", "30501-33000:PASS"))),
						Verdict.FAILED, CauseIds.CLIENT_UDP_BLOCKED, Side.CLIENT, List.of("30000, 30500 (sampled"),
						List.of(CauseIds.SERVER_UDP_BLOCKED)),
				new Case("a held port between a passing and a blocked run tells no side", run(RunState.DONE,
						BrowserTestPolicy.NONE, mixed("CSCCCCC")), List.of(console("c-edge", T0.plusSeconds(5), VantagePoint.CONSOLE,
								f -> f.serverUdp(true, CheckStatus.FAIL, "30000-30499:PASS", "30500:IN_USE", "30501-33000:SILENT"))),
						Verdict.INCONCLUSIVE, null, null, List.of("30500", "does not arrive"), noSide),
				new Case("one way, the PBX's answers reach the console: the user's side drops them", run(RunState.DONE,
						BrowserTestPolicy.NONE, all(PortState.ONE_WAY)), List.of(consolePasses()), Verdict.FAILED,
						CauseIds.CLIENT_UDP_BLOCKED, Side.CLIENT, List.of("answers from " + MEDIA, "266 of the browser's checks arrived at the PBX and 266 answers went back"), List.of(CauseIds.SERVER_UDP_BLOCKED)),
				new Case("Firefox counts no sent checks: silent ports are still said in plain words", firefox(),
						List.of(consolePasses()), Verdict.FAILED, CauseIds.CLIENT_UDP_BLOCKED, Side.CLIENT,
						List.of("the browser kept checking them (it does not count its checks), and the PBX's responder, listening on"
								+ " those ports, received none"), List.of(CauseIds.SERVER_UDP_BLOCKED)),
				new Case("one way without the console's evidence: said as one-way, no side", run(RunState.DONE,
						BrowserTestPolicy.NONE, mixed("OOCCCCC")), List.of(), Verdict.INCONCLUSIVE, null, null,
						List.of("one way only on UDP 30000, 30500", "server-to-client"), noSide),
				new Case("VPN required, the browser outside the pools, media silent", run(RunState.DONE, VPN_REQUIRED,
						all(PortState.SILENT)), List.of(consoleServerBlocked()), Verdict.FAILED,
						CauseIds.VPN_REQUIRED_NOT_CONNECTED, Side.CLIENT, List.of("Connect the VPN", USER, "10.8.0.0/24"),
						List.of(CauseIds.SERVER_UDP_BLOCKED)),
				new Case("VPN required, outside the pools, but media flows: a warning, no cause", run(RunState.DONE,
						VPN_REQUIRED, all(PortState.CONNECTED)), List.of(), Verdict.OK, null, null, none,
						List.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED)),
				new Case("VPN required without its pools: not known, no cause", run(RunState.DONE, VPN_REQUIRED_NO_POOLS,
						all(PortState.SILENT)), List.of(), Verdict.INCONCLUSIVE, null, null, List.of("does not arrive"),
						List.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED)),
				new Case("abandoned before a decision", run(RunState.ABANDONED, BrowserTestPolicy.NONE, mixed("CCPPPPP")),
						List.of(), Verdict.INCONCLUSIVE, null, null, List.of("went away", "keep the page open"), noSide),
				new Case("no checks from the browser: WebRTC did not start", run(RunState.DONE, BrowserTestPolicy.NONE,
						all(PortState.NO_CHECKS)), List.of(), Verdict.INCONCLUSIVE, null, null,
						List.of("sent no ICE check", "another browser"), noSide),
				new Case("every sampled port held by the PBX: nothing tested, never OK", run(RunState.DONE,
						BrowserTestPolicy.NONE, all(PortState.NOT_TRIED)), List.of(), Verdict.INCONCLUSIVE, null, null,
						List.of("no sampled port could be tested"), noSide),
				new Case("the console probed another address: it does not tell the side", run(RunState.DONE,
						BrowserTestPolicy.NONE, all(PortState.SILENT)), List.of(consoleOtherAddress()), Verdict.INCONCLUSIVE,
						null, null, List.of("probed 198.18.9.9", "does not tell"), noSide),
				new Case("the console ran without a responder: its silence tells nothing", run(RunState.DONE,
						BrowserTestPolicy.NONE, all(PortState.SILENT)), List.of(console("c-uncoop", T0.minusSeconds(30),
								VantagePoint.CONSOLE, f -> f.serverUdp(false, CheckStatus.WARN, "30000-33000:SILENT"))),
						Verdict.INCONCLUSIVE, null, null, List.of("without the responder"), noSide),
				new Case("a console report older than the window is not the server's side now", run(RunState.DONE,
						BrowserTestPolicy.NONE, all(PortState.SILENT)), List.of(console("c-old", T0.minus(Duration.ofMinutes(40)),
								VantagePoint.CONSOLE, f -> f.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS"))),
						Verdict.INCONCLUSIVE, null, null, List.of("within 15 minutes"), noSide),
				new Case("another browser run's report is no console evidence", run(RunState.DONE, BrowserTestPolicy.NONE,
						all(PortState.SILENT)), List.of(console("c-browser", T0.minusSeconds(30), VantagePoint.USERS_BROWSER,
								f -> f.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS"))),
						Verdict.INCONCLUSIVE, null, null, List.of("no diagnosis of"), noSide));
	}

	static DiagnosticReport consoleOtherAddress() {
		DiagnosticReport r = consolePasses();
		List<CheckResult> checks = new ArrayList<>();
		for (CheckResult c : r.checks()) {
			if (c.checkId().equals(BuiltInChecks.SERVER_UDP)) {
				java.util.Map<String, Object> m = new java.util.HashMap<>(c.measurements());
				m.put(BuiltInChecks.ADDRESS, "198.18.9.9");
				c = new CheckResult(c.checkId(), c.title(), c.status(), c.summary(), m, c.evidence(), c.duration());
			}
			checks.add(c);
		}
		return new DiagnosticReport("c-other", r.request(), r.started(), r.duration(), r.verdict(), r.causes(), checks,
				r.unproven(), r.vantagePoint());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void browserEvidenceIsJudgedByTheRules(Case c) {
		c.consoleReports().forEach(store::store);
		DiagnosticReport report = reports(Optional.empty(), T0.plusSeconds(10)).report(PBX, c.run());

		assertEquals(c.verdict(), report.verdict(), () -> c.name() + ": " + ReportJson.write(report));
		String text;
		if (c.cause() != null) {
			assertEquals(c.cause(), report.causes().get(0).id(), () -> ReportJson.write(report));
			assertEquals(c.side(), report.causes().get(0).remediation().side());
			text = report.causes().get(0).remediation().action() + " " + report.causes().get(0).evidence();
		} else {
			text = report.unproven().orElse("");
		}
		for (String w : c.words()) {
			assertTrue(text.contains(w), () -> "'" + w + "' missing in: " + text);
		}
		for (String id : c.never()) {
			assertTrue(report.causes().stream().noneMatch(x -> x.id().equals(id)), () -> id + " in " + ReportJson.write(report));
		}
		// every browser report says where it ran and carries the same checks
		VantagePoint v = report.vantagePoint().orElseThrow();
		assertEquals(VantagePoint.USERS_BROWSER, v.origin());
		assertEquals(c.run().browser(), v.hostName());
		assertEquals(c.run().operatingSystem(), v.operatingSystem());
		assertEquals(USER, v.clientAddresses().get(0));
		assertEquals(List.of(BuiltInChecks.BROWSER, BuiltInChecks.BROWSER_ICE, BuiltInChecks.BROWSER_ADDRESS,
				BuiltInChecks.BROWSER_NAT, BuiltInChecks.CONSOLE_MEDIA), report.checks().stream().map(CheckResult::checkId).toList());
		assertEquals(BrowserReports.reportId(PBX, c.run()), report.id());
		// stored, and it reads back equal from the store's JSON
		assertEquals(ReportJson.write(report), ReportJson.write(store.get(report.id()).orElseThrow()));
	}

	@Test
	void aRunGetsExactlyOneReport() {
		BrowserRun run = run(RunState.DONE, BrowserTestPolicy.NONE, all(PortState.CONNECTED));
		BrowserReports reports = reports(Optional.empty(), T0.plusSeconds(10));
		DiagnosticReport first = reports.report(PBX, run);
		DiagnosticReport again = reports.report(PBX, run);
		assertEquals(first.id(), again.id());
		assertEquals(1, announced.size(), "announced once");
		// another process (a new BrowserReports on the same folder) finds it too
		new BrowserReports(new BrowserReports.Settings(Duration.ofMinutes(15), Duration.ofSeconds(5), "x"),
				new FileReportStore(tmp, 500, Duration.ofDays(90), Clock.systemUTC(), m -> { }), new BrowserReports.Hooks() {
					@Override
					public List<CauseRule> partnerRules() {
						return List.of();
					}

					@Override
					public Optional<DiagnosisService> diagnosis() {
						return Optional.empty();
					}

					@Override
					public void announce(DiagnosticReport report) {
						announced.add(report);
					}

					@Override
					public void log(String message) {
					}
				}, Clock.systemUTC()).report(PBX, run);
		assertEquals(1, announced.size(), "the second process read the stored report");
		// the same run id on another responder is another run
		DiagnosisRequest other = new DiagnosisRequest(MEDIA, 2230, PBX.serverPorts(), PBX.clientPorts(),
				Optional.of(new HostAndPort("198.18.2.11", 2231)), Optional.of("/s"), Optional.empty(), false);
		assertFalse(BrowserReports.reportId(other, run).equals(first.id()));
	}

	@Test
	void aRunningRunHasNoReportYet() {
		BrowserRun running = run(RunState.RUNNING, BrowserTestPolicy.NONE, mixed("CCPPPPP"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> reports(Optional.empty(), T0).report(PBX, running));
		assertTrue(e.getMessage().contains("still running"));
		assertTrue(announced.isEmpty());
	}

	@Test
	void aConsoleReportLaterThanTheRunButInsideTheWindowCounts() {
		store.store(console("c-after", T0.plus(Duration.ofMinutes(10)), VantagePoint.CONSOLE,
				f -> f.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")));
		DiagnosticReport r = reports(Optional.empty(), T0.plus(Duration.ofMinutes(11)))
				.report(PBX, run(RunState.DONE, BrowserTestPolicy.NONE, all(PortState.SILENT)));
		assertEquals(CauseIds.CLIENT_UDP_BLOCKED, r.causes().get(0).id());
		assertTrue(r.causes().get(0).evidence().stream().anyMatch(e -> e.statement().contains("c-after")));
	}

	@Test
	void theChecksSayWhatEachSideSaw() {
		DiagnosticReport r = reports(Optional.empty(), T0).report(PBX, run(RunState.DONE, VPN_POOL, mixed("CCSSOCC")));
		CheckResult ice = r.checks().get(1);
		assertEquals(CheckStatus.FAIL, ice.status());
		assertTrue(ice.summary().contains("UDP 31000, 31500 of " + MEDIA + ": the browser's checks never arrived"), ice.summary());
		assertTrue(ice.evidence().stream().anyMatch(e -> e.statement().equals("UDP 32000: 38 checks arrived at the PBX from "
				+ USER + ":52000 and 38 answers went back to it, but the browser received none (40 sent)")), ice.evidence()::toString);
		assertEquals(List.of(java.util.Map.of("ports", "30000-30500", "outcome", "CONNECTED", "probed", 2L),
				java.util.Map.of("ports", "31000-31500", "outcome", "SILENT", "probed", 2L),
				java.util.Map.of("ports", "32000", "outcome", "ONE_WAY", "probed", 1L),
				java.util.Map.of("ports", "32500-33000", "outcome", "CONNECTED", "probed", 2L)), ice.measurements().get("runs"));
		CheckResult address = r.checks().get(2);
		assertEquals(true, address.measurements().get(BuiltInChecks.IN_VPN_RANGE));
		assertTrue(address.summary().contains("inside the VPN's pool 198.18.77.0/24"), address.summary());
		CheckResult nat = r.checks().get(3);
		assertEquals(CheckStatus.PASS, nat.status());
		assertTrue(nat.summary().startsWith("The browser's ICE checks came from " + USER + " (3 ports, one per connection)"),
				nat.summary());
		assertTrue(nat.measurements().get("seenFrom").toString().contains(USER + ":61000"), nat.measurements().toString());
		assertEquals(CheckStatus.SKIPPED, r.checks().get(4).status());
	}
}
