package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.route.InterfaceKind;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteEntry;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.ui.internal.FakeHttp.Request;
import org.mediapath.ui.internal.FakeHttp.Response;
import org.mediapath.ui.internal.FakeHttp.Session;

class MediapathPluginTest {

	private final Fixtures.Engine engine = new Fixtures.Engine();
	private final Fixtures.Store store = new Fixtures.Store();

	private MediapathPlugin plugin(RouteInspectionService routes) {
		return new MediapathPlugin(Fixtures.config(), engine, store, routes);
	}

	private static Response call(MediapathPlugin plugin, Request request) throws Exception {
		Response response = new Response();
		plugin.service(request.build(), response.build());
		return response;
	}

	/** GETs the page in a fresh session and returns the session's form token. */
	private static String tokenOf(MediapathPlugin plugin, Session session) throws Exception {
		Response page = call(plugin, new Request("GET", "/mediapath").session(session));
		Matcher m = Pattern.compile("name='mp-csrf' value='([^']+)'").matcher(page.body());
		assertTrue(m.find(), "the page carries the form token");
		return m.group(1);
	}

	// ---------- escaping

	@Test
	void injectedHostNameInTheFormIsShownAsTextAndNamedInItsMessage() throws Exception {
		MediapathPlugin plugin = plugin(null);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Response posted = call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.param("server", Fixtures.XSS).param("signalling-port", "2230").param("server-ports", "30000-33000")
				.param("client-ports", "49152-65535"));
		assertEquals(302, posted.status, "a refused plain form POST goes back to the page");
		assertTrue(engine.requests.isEmpty());

		String page = call(plugin, new Request("GET", "/mediapath").session(session)).body();
		assertFalse(page.contains(Fixtures.XSS), page);
		assertFalse(page.contains("<img"), "no element made of the host name");
		assertTrue(page.contains("value='&lt;img src=x onerror=alert(1)&gt;'"), "the value is kept, as text");
		String error = errorSpan(page, "server");
		assertTrue(error.startsWith("server: &#39;&lt;img src=x onerror=alert(1)&gt;&#39; is not a host name"), error);
	}

	@Test
	void injectedValuesInAReportAreEscapedEverywhere() throws Exception {
		Map<String, Object> routeM = Map.of("interface", Fixtures.XSS, "viaVpn", true, "vpnProduct", "${evil}",
				"route", "0.0.0.0/0 via " + Fixtures.XSS);
		CheckResult partner = new CheckResult("partner-<script>", "Partner " + Fixtures.XSS, CheckStatus.WARN,
				"saw " + Fixtures.XSS + " and ${brand.name}", Map.of("note", Fixtures.XSS),
				List.of(new Evidence("partner", Fixtures.XSS)), Duration.ofMillis(3));
		CheckResult route = new CheckResult("route", "Route", CheckStatus.PASS, "ok", routeM, List.of(),
				Duration.ofMillis(1));
		store.with(Fixtures.failed("r1", Fixtures.T0, partner, route));
		String page = call(plugin(null), new Request("GET", "/mediapath").param("report", "r1")).body();

		assertFalse(page.contains("<img"), page);
		assertFalse(page.contains("<script>"), "only the page's own script elements");
		assertTrue(page.contains("saw &lt;img src=x onerror=alert(1)&gt; and &#36;{brand.name}"),
				"escaped, and hidden from the Web Console's ${...} filter");
		assertTrue(page.contains("id='mp-check-partner-_script_'"), "ids are made safe");
		String data = between(page, "<script type='application/json' id='mp-data'>", "</script>");
		assertTrue(data.contains("\\u003cimg src=x onerror=alert(1)\\u003e"), data);
		assertTrue(data.contains("\\u0024{evil}"), data);
	}

	@Test
	void pastedRouteOutputIsAnsweredAsEscapedJson() throws Exception {
		RouteInspectionService routes = new RouteInspectionService() {
			@Override
			public NetworkSnapshot inspectLocal() {
				throw new AssertionError("the page never inspects the console's own machine for a paste");
			}

			@Override
			public NetworkSnapshot parseCaptured(String pasted) {
				assertTrue(pasted.contains("0.0.0.0"));
				return new NetworkSnapshot("pasted route print", true,
						List.of(new NetworkInterfaceInfo(Fixtures.XSS, "WireGuard Tunnel", List.of("10.8.0.2/24"), true,
								true, false, 1420, InterfaceKind.VPN, Optional.of("WireGuard"))),
						List.of(new RouteEntry("0.0.0.0/0", Optional.of("10.8.0.1"), Fixtures.XSS, 5, "main", false)),
						List.of("line 7 not understood: " + Fixtures.XSS), Instant.EPOCH);
			}

			@Override
			public RouteDecision decide(NetworkSnapshot snapshot, String targetAddress) {
				assertEquals("198.18.2.10", targetAddress);
				return new RouteDecision(targetAddress, Optional.of(snapshot.routes().get(0)), Optional.of(Fixtures.XSS),
						Optional.of("10.8.0.2"), true, Optional.empty(), 1420, true, List.of("default route wins"));
			}

			@Override
			public List<RouteFinding> analyse(NetworkSnapshot snapshot, RouteAnalysisRequest request) {
				return List.of();
			}
		};
		MediapathPlugin plugin = plugin(routes);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Response r = call(plugin, new Request("POST", "/mediapath/routes.json").session(session)
				.header(Csrf.HEADER, token).param("pasted", "0.0.0.0 0.0.0.0 10.8.0.1 10.8.0.2 5")
				.param("target", "198.18.2.10"));
		assertEquals(200, r.status, r.body());
		assertEquals("application/json", r.contentType);
		assertFalse(r.body().contains("<img"));
		assertTrue(r.body().contains("\"kind\":\"vpn\",\"label\":\"WireGuard\""), "VPN product from the interface: " + r.body());
		assertTrue(r.body().contains("\"kind\":\"gateway\",\"label\":\"10.8.0.1\""), r.body());
		assertTrue(r.body().contains("\"kind\":\"server\",\"label\":\"198.18.2.10\""), r.body());
	}

	// ---------- CSRF

	@Test
	void postsWithoutOrWithAWrongTokenAreRefused() throws Exception {
		MediapathPlugin plugin = plugin(null);
		Session session = new Session();
		String token = tokenOf(plugin, session);

		Response none = call(plugin, new Request("POST", "/mediapath/run").session(session).param("server", "pbx"));
		assertEquals(403, none.status);
		Response wrong = call(plugin, new Request("POST", "/mediapath/run").session(session).param("server", "pbx")
				.param("mp-csrf", token.substring(1) + "x"));
		assertEquals(403, wrong.status);
		Response noSession = call(plugin, new Request("POST", "/mediapath/run").param("server", "pbx")
				.param("mp-csrf", token));
		assertEquals(403, noSession.status, "a token from another session is worth nothing");
		Response paste = call(plugin, new Request("POST", "/mediapath/routes.json").session(session)
				.param("pasted", "x"));
		assertEquals(403, paste.status);
		assertTrue(engine.requests.isEmpty(), "nothing was started");

		Response right = call(plugin, new Request("POST", "/mediapath/run").session(session)
				.header("Accept", "application/json").param("mp-csrf", token).param("server", "pbx.example.test")
				.param("signalling-port", "2230").param("server-ports", "30000-33000")
				.param("client-ports", "49152-65535").param("require-vpn", "true"));
		assertEquals(202, right.status, right.body());
		assertEquals(1, engine.requests.size());
		assertTrue(engine.requests.get(0).requireVpn());
		String runId = runIdOf(right);
		assertTrue(right.body().contains("\"progressUrl\":\"/system/console/mediapath/progress.json?run=" + runId + "\""),
				right.body());
	}

	// ---------- validation

	@Test
	void invalidFieldsGetMessagesThatNameThem() throws Exception {
		MediapathPlugin plugin = plugin(null);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Request bad = new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.param("server", "pbx..example").param("signalling-port", "2230-2231")
				.param("server-ports", "33000-30000").param("client-ports", "49152-70000")
				.param("secret-file", "/etc/shadow");
		Response json = call(plugin, bad.header("Accept", "application/json"));
		assertEquals(400, json.status);
		String body = json.body();
		assertTrue(body.contains("\"server\":\"server: \\u0027pbx..example\\u0027 is not a host name"), body);
		assertTrue(body.contains("\"signalling-port\":\"signalling-port:"), body);
		assertTrue(body.contains("\"server-ports\":\"server-ports: \\u002733000-30000\\u0027 is not a valid port range: "
				+ "port range 33000-30000 is reversed: write it as 30000-33000\""), body);
		assertTrue(body.contains("\"client-ports\":\"client-ports:"), body);
		assertTrue(body.contains("70000 is outside 1-65535"), body);
		assertFalse(body.contains("secret-file"), "a secret file path is no field of the web form: " + body);
		assertTrue(engine.requests.isEmpty());

		bad.headers.remove("Accept");
		assertEquals(302, call(plugin, bad).status);
		String page = call(plugin, new Request("GET", "/mediapath").session(session)).body();
		assertTrue(errorSpan(page, "server-ports").contains("is reversed: write it as 30000-33000"), page);
		assertTrue(errorSpan(page, "client-ports").contains("70000 is outside 1-65535"));
		assertTrue(page.contains("id='mp-server-ports' name='server-ports' value='33000-30000'"), "the typed value stays");
		assertTrue(page.contains("aria-invalid='true'"));
		String again = call(plugin, new Request("GET", "/mediapath").session(session)).body();
		assertEquals("", errorSpan(again, "server-ports"), "messages are shown once");
	}

	@Test
	void theFormStartsFromTheConfiguredDefaults() throws Exception {
		MediapathPlugin plugin = new MediapathPlugin(
				Fixtures.config(Map.of("server", "pbx.example.test", "serverPorts", "40000-40100", "requireVpn", true)),
				engine, store, null);
		String page = call(plugin, new Request("GET", "/mediapath")).body();
		assertTrue(page.contains("id='mp-server' name='server' value='pbx.example.test'"));
		assertTrue(page.contains("id='mp-server-ports' name='server-ports' value='40000-40100'"));
		assertTrue(page.contains("id='mp-signalling-port' name='signalling-port' value='2230'"));
		assertTrue(page.contains("id='mp-require-vpn' name='require-vpn' value='true' checked"));
	}

	@Test
	void theFormReAsksWhatTheShownReportAsked() throws Exception {
		DiagnosticReport failed = Fixtures.failed("r1", Fixtures.T0);
		store.with(failed);
		String page = call(plugin(null), new Request("GET", "/mediapath").param("report", "r1")).body();
		assertTrue(page.contains("id='mp-server' name='server' value='" + failed.request().server() + "'"), page);
		assertTrue(page.contains("id='mp-server-ports' name='server-ports' value='" + failed.request().serverPorts() + "'"));
		assertFalse(page.contains("secret-file"), "no secret file field on the page");
	}

	// ---------- the report

	@Test
	void aReportWithCausesRendersVerdictFirstWithRemediation() throws Exception {
		store.with(Fixtures.failed("r1", Fixtures.T0));
		String page = call(plugin(null), new Request("GET", "/mediapath").param("report", "r1")).body();
		int verdict = page.indexOf("id='mp-verdict'");
		int causes = page.indexOf("id='mp-causes'");
		int remediation = page.indexOf("id='mp-remediation-PARTIAL_RANGE_BLOCKED'");
		int evidence = page.indexOf("UDP 31000-33000 on 198.18.2.10: 0 of 32 probes answered");
		int checks = page.indexOf("id='mp-checks'");
		assertTrue(verdict > 0 && verdict < causes && causes < remediation && remediation < evidence
				&& evidence < checks, "verdict, causes, remediation, evidence, then the checks");
		assertTrue(page.contains("data-verdict='FAILED'"));
		assertTrue(page.contains("FAILED: the media of a call would not flow. One cause found"));
		assertTrue(page.contains("Only part of the media port range passes"), "the cause in plain words");
		assertTrue(page.contains("data-side='SERVER'"));
		assertTrue(page.contains("Allow inbound UDP 31000-33000 to 198.18.2.10 on the firewall in front of the server"));
		assertTrue(page.contains("data-confidence='0.9'"), "the number stays, as data");
		assertTrue(page.contains(">proven both ways</span>"), "the confidence in words");
		assertFalse(page.contains("90%"), "no number that reads like a measured probability");
		for (String check : List.of("signalling", "server-udp", "ice")) {
			assertTrue(page.contains("id='mp-check-" + check + "'"), check);
		}
	}

	@Test
	void anOkReportAndPartnerChecksRenderWithoutChangesHere() throws Exception {
		CheckResult partner = new CheckResult("acme-sip-alg", "SIP ALG on the router", CheckStatus.WARN,
				"the router rewrites SIP", Map.of("router", "acme 3000"), List.of(), Duration.ofMillis(7));
		DiagnosticReport ok = new DiagnosticReport("r2", Fixtures.ok("x", Fixtures.T0).request(), Fixtures.T0,
				Duration.ofSeconds(1), Fixtures.ok("x", Fixtures.T0).verdict(), List.of(),
				List.of(Fixtures.signalling(CheckStatus.PASS), partner));
		store.with(ok);
		String page = call(plugin(null), new Request("GET", "/mediapath")).body();
		assertTrue(page.contains("data-verdict='OK'"), "the newest report is shown by default");
		assertFalse(page.contains("id='mp-causes'"));
		assertTrue(page.contains("id='mp-check-acme-sip-alg' class='mp-status-warn'"));
		assertTrue(page.contains("<dt>router</dt><dd>acme 3000</dd>"));
	}

	@Test
	void missingServicesAreNamedPlainly() throws Exception {
		String page = call(new MediapathPlugin(Fixtures.config(), null, null, null), new Request("GET", "/mediapath"))
				.body();
		assertTrue(page.contains("id='mp-missing-diagnosis'"));
		assertTrue(page.contains("id='mp-missing-store'"));
		assertTrue(page.contains("id='mp-missing-route'"));
		assertTrue(page.contains("id='mp-run' disabled"));
		assertTrue(page.contains("id='mp-history-none'"));
	}

	@Test
	void aRunWithoutTheEngineIsRefusedPlainly() throws Exception {
		MediapathPlugin plugin = new MediapathPlugin(Fixtures.config(), null, store, null);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Response r = call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.header("Accept", "application/json").param("server", "pbx").param("signalling-port", "2230")
				.param("server-ports", "30000-33000").param("client-ports", "49152-65535"));
		assertEquals(503, r.status);
		assertTrue(r.body().contains("The diagnosis engine is not running."));
	}

	// ---------- progress

	@Test
	void progressIsLiveAndEndsWithTheReport() throws Exception {
		store.with(Fixtures.ok("old", Fixtures.T0));
		MediapathPlugin plugin = plugin(null);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Response started = call(plugin, new Request("POST", "/mediapath/run").session(session)
				.param("mp-csrf", token).param("server", "pbx.example.test").param("signalling-port", "2230")
				.param("server-ports", "30000-33000").param("client-ports", "49152-65535"));
		assertEquals(303, started.status);
		String runId = started.headers.get("Location").substring("/system/console/mediapath?run=".length());
		assertEquals(36, runId.length(), "the page's own run id: " + runId);

		String waiting = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", runId)).body();
		assertTrue(waiting.contains("\"done\":false"), waiting);
		assertTrue(waiting.contains("\"id\":\"server-udp\",\"title\":\"Server media ports\",\"state\":\"waiting\""),
				"checks of the last report are expected: " + waiting);

		var listener = engine.listeners.get(0);
		listener.checkStarted("run-1", "signalling", "TCP signalling");
		listener.checkFinished("run-1", Fixtures.signalling(CheckStatus.PASS));
		listener.checkStarted("run-1", "server-udp", "Server media ports");
		listener.checkProgress("run-1", "server-udp", 0.5, "probing 31000-31999");
		String running = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", runId)).body();
		assertTrue(running.contains("\"id\":\"signalling\",\"title\":\"TCP signalling\",\"state\":\"pass\""), running);
		assertTrue(running.contains("\"state\":\"running\""), running);
		assertTrue(running.contains("\"fraction\":0.5,\"message\":\"probing 31000-31999\""), running);

		DiagnosticReport report = Fixtures.failed("run-1", Instant.now());
		engine.futures.get(0).complete(report);
		String done = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", runId)).body();
		assertTrue(done.contains("\"done\":true"), done);
		assertTrue(done.contains("\"reportId\":\"run-1\",\"verdict\":\"FAILED\""), done);
		assertTrue(done.contains("\"state\":\"fail\""), done);

		// shown even though the (fake) store never received it
		String page = call(plugin, new Request("GET", "/mediapath").param("report", "run-1")).body();
		assertTrue(page.contains("data-report='run-1'"));

		Response unknown = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", "nope"));
		assertEquals(404, unknown.status);
	}

	@Test
	void aRunningDiagnosisCanBeStoppedWithTheToken() throws Exception {
		MediapathPlugin plugin = plugin(null);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		String runId = runIdOf(call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.header("Accept", "application/json").param("server", "pbx.example.test").param("signalling-port", "2230")
				.param("server-ports", "30000-33000").param("client-ports", "49152-65535")));
		String page = call(plugin, new Request("GET", "/mediapath").session(session).param("run", runId)).body();
		assertTrue(page.contains("id='mp-cancel-run' name='run' value='" + runId + "'"));
		assertTrue(page.contains("\"progressUrl\":\"/system/console/mediapath/progress.json?run=" + runId + "\""));

		Response refused = call(plugin, new Request("POST", "/mediapath/cancel").session(session).param("run", runId));
		assertEquals(403, refused.status);
		assertFalse(engine.futures.get(0).isCancelled());
		Response stopped = call(plugin, new Request("POST", "/mediapath/cancel").session(session)
				.header("Accept", "application/json").param("mp-csrf", token).param("run", runId));
		assertEquals(200, stopped.status);
		assertTrue(stopped.body().contains("\"cancelled\":true"), stopped.body());
		assertTrue(engine.futures.get(0).isCancelled());
		String after = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", runId)).body();
		assertTrue(after.contains("\"done\":true"), after);

		String gone = call(plugin, new Request("GET", "/mediapath").param("run", "run-99")).body();
		assertTrue(gone.contains("id='mp-run-unknown'"));
	}

	// ---------- history, download, compare

	@Test
	void reportsDownloadAsJson() throws Exception {
		store.with(Fixtures.failed("r1", Fixtures.T0));
		Response r = call(plugin(null), new Request("GET", "/mediapath/report.json").param("id", "r1"));
		assertEquals(200, r.status);
		assertEquals("application/json", r.contentType);
		assertEquals("attachment; filename=\"mediapath-report-r1.json\"", r.headers.get("Content-Disposition"));
		String body = r.body();
		assertTrue(body.startsWith("{\"schemaVersion\":1,\"reportId\":\"r1\",\"target\":\"pbx.example.test\""), body);
		assertTrue(body.contains("\"verdict\":\"FAILED\""));
		assertTrue(body.contains("\"remediation\":{\"side\":\"SERVER\",\"action\":\"Allow inbound UDP"));
		assertTrue(body.contains("\"id\":\"server-udp\",\"title\":\"Server media ports\",\"status\":\"FAIL\""));
		assertEquals(404, call(plugin(null), new Request("GET", "/mediapath/report.json").param("id", "zz")).status);
	}

	@Test
	void historyListsReportsPerTargetAndComparesTwo() throws Exception {
		store.with(Fixtures.ok("a1", Fixtures.T0), Fixtures.failed("a2", Fixtures.T0.plusSeconds(60)));
		MediapathPlugin plugin = plugin(null);
		String page = call(plugin, new Request("GET", "/mediapath").param("target", "pbx.example.test")).body();
		assertTrue(page.indexOf("id='mp-history-a2'") < page.indexOf("id='mp-history-a1'"), "newest first");
		assertTrue(page.contains("<option value='pbx.example.test' selected>"));
		assertTrue(page.contains("href='/system/console/mediapath?report=a1'"));

		String json = call(plugin, new Request("GET", "/mediapath/history.json")).body();
		assertTrue(json.startsWith("{\"reports\":[{\"reportId\":\"a2\""), json);

		String diff = call(plugin, new Request("GET", "/mediapath").param("compare", "a2").param("with", "a1")).body();
		assertTrue(diff.contains("What changed from a1 to a2"), "older first whatever the order picked");
		assertTrue(diff.contains("Verdict: OK \u2192 FAILED"));
		assertTrue(between(diff, "id='mp-compare-added'>", "</ul>").contains("PARTIAL_RANGE_BLOCKED"));
		assertTrue(between(diff, "id='mp-compare-checks'", "</table>").contains("ice"), "a check that only ran later");

		String same = call(plugin, new Request("GET", "/mediapath").param("compare", "a1").param("with", "a1")).body();
		assertTrue(same.contains("Pick two different reports to compare."));
	}

	@Test
	void unknownPathsAreNotFound() throws Exception {
		assertEquals(404, call(plugin(null), new Request("GET", "/mediapath/etc/passwd")).status);
		assertEquals(404, call(plugin(null), new Request("POST", "/mediapath/other")).status);
	}

	@Test
	void thePageReferencesItsOwnScriptAndNoCdn() throws Exception {
		String page = call(plugin(null), new Request("GET", "/mediapath")).body();
		assertTrue(page.contains("<script src='/system/console/mediapath/res/mediapath.js'></script>"));
		assertFalse(page.contains("http://") || page.contains("https://"));
		assertNotNull(MediapathPlugin.class.getResource("/res/mediapath.js"), "served by the Web Console from /res/");
		assertNotNull(MediapathPlugin.class.getResource("/res/mediapath.css"));
	}

	@Test
	void writesASamplePageForScriptAndBrowserChecks() throws Exception {
		CheckResult route = new CheckResult("route", "Route", CheckStatus.FAIL, "via VPN",
				Map.of("interface", "utun3", "viaVpn", true, "vpnProduct", "WireGuard",
						"route", "0.0.0.0/1 via 10.8.0.1 dev utun3", "address", "198.18.2.10"),
				List.of(), Duration.ofMillis(4));
		store.with(Fixtures.failed("sample", Fixtures.T0, route));
		String page = call(plugin(null), new Request("GET", "/mediapath").param("report", "sample")).body();
		java.nio.file.Path out = java.nio.file.Path.of("target", "sample-report-page.html");
		java.nio.file.Files.writeString(out, "<!DOCTYPE html><html><head><meta charset='utf-8'><link rel='stylesheet' "
				+ "href='../src/main/resources/res/mediapath.css'></head><body>"
				+ page.replace("/system/console/mediapath/res/", "../src/main/resources/res/") + "</body></html>");
		assertTrue(java.nio.file.Files.size(out) > 1000);
	}

	// ---------- PBXs kept by name, where the probes run from, the run cap

	@Test
	void pbxsAreKeptByNameRunByNameAndTheirSecretIsNeverShown() throws Exception {
		Fixtures.Pbxs pbxs = new Fixtures.Pbxs();
		MediapathPlugin plugin = new MediapathPlugin(Fixtures.config(), engine, store, null, pbxs);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		String secret = "s3cret-" + System.nanoTime();
		Response saved = call(plugin, new Request("POST", "/mediapath/pbx").session(session).param("mp-csrf", token)
				.param("name", "Head office <b>").param("server", "pbx.example.test").param("signalling-port", "2230")
				.param("server-ports", "30000-33000").param("client-ports", "49152-65535")
				.param("responder", "pbx.example.test:2231").param("fingerprint", PbxFormTest.PIN).param("secret", secret));
		assertEquals(303, saved.status);
		assertEquals(secret, pbxs.secrets.get("Head office <b>"), "the directory got the secret");
		String page = call(plugin, new Request("GET", "/mediapath").session(session)).body();
		assertTrue(page.contains("<option value='Head office &lt;b&gt;' selected>Head office &lt;b&gt;</option>"), page);
		assertTrue(between(page, "id='mp-pbx-saved' class='mp-ok' role='status'>", "</p>").contains("Head office &lt;b&gt;"),
				"says it was saved");
		assertTrue(page.contains("stored (never shown)"));
		assertTrue(page.contains("type='password' id='mp-pbx-secret' name='secret' autocomplete='new-password' value=''"));
		assertFalse(page.contains(secret), "the secret is not on the page");
		assertFalse(page.contains("secret-file"), "and no secret file field");
		assertTrue(page.contains("id='mp-vantage' class='mp-vantage'>The probes run from this machine ("),
				"says next to Run where the probes run from");

		Response run = call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.header("Accept", "application/json").param("pbx", "Head office <b>"));
		assertEquals(202, run.status, run.body());
		DiagnosisRequest asked = engine.requests.get(0);
		assertEquals("pbx.example.test:2231", asked.responder().orElseThrow().toString());
		assertEquals("/data/pbxs/secrets/Head office <b>.secret", asked.secretReference().orElseThrow());
		assertEquals(PbxFormTest.PIN.toUpperCase(), asked.responderFingerprint().orElseThrow(), "the PBX's pin goes with it");
		assertEquals(List.of(org.mediapath.api.report.VantagePoint.CONSOLE), engine.origins, "a console run says so");
		assertFalse(run.body().contains(secret));

		Response unknown = call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.header("Accept", "application/json").param("pbx", "nope"));
		assertEquals(400, unknown.status);
		assertTrue(unknown.body().contains("\"pbx\":\"pbx: no PBX is named"), unknown.body());

		Response refused = call(plugin, new Request("POST", "/mediapath/pbx").session(session).param("mp-csrf", token)
				.param("name", "Branch").param("server", "a b").param("signalling-port", "2230")
				.param("server-ports", "30000-33000").param("client-ports", "49152-65535").param("secret", secret + "-2"));
		assertEquals(303, refused.status);
		String again = call(plugin, new Request("GET", "/mediapath").session(session)).body();
		assertTrue(again.contains("server: &#39;a b&#39; is not a host name"), "the field's message: " + again);
		assertTrue(again.contains("id='mp-pbx-name' name='name' value='Branch'"), "typed values stay");
		assertFalse(again.contains(secret + "-2"), "but the typed secret does not come back");
		assertFalse(pbxs.entries.containsKey("Branch"));

		Response noToken = call(plugin, new Request("POST", "/mediapath/pbx-remove").session(session).param("name", "Head office <b>"));
		assertEquals(403, noToken.status);
		Response removed = call(plugin, new Request("POST", "/mediapath/pbx-remove").session(session).param("mp-csrf", token)
				.header("Accept", "application/json").param("name", "Head office <b>"));
		assertEquals(200, removed.status);
		assertTrue(pbxs.entries.isEmpty());
	}

	@Test
	void theRunCapQueuesAThirdRunAndShowsItsPlace() throws Exception {
		MediapathPlugin plugin = plugin(null);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		List<String> ids = new java.util.ArrayList<>();
		Response third = null;
		for (int i = 0; i < 3; i++) {
			third = call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
					.header("Accept", "application/json").param("server", "pbx.example.test").param("signalling-port", "2230")
					.param("server-ports", "30000-33000").param("client-ports", "49152-65535"));
			assertEquals(202, third.status, third.body());
			ids.add(runIdOf(third));
		}
		assertEquals(2, engine.requests.size(), "two run at once (the default cap)");
		assertTrue(third.body().contains("\"queuePosition\":1"), third.body());
		String waiting = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", ids.get(2))).body();
		assertTrue(waiting.contains("\"queuePosition\":1"), waiting);
		assertTrue(waiting.contains("\"done\":false"), waiting);

		engine.futures.get(0).complete(Fixtures.ok("first", Instant.now()));
		assertEquals(3, engine.requests.size(), "the queued run starts when one ends");
		String started = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", ids.get(2))).body();
		assertFalse(started.contains("queuePosition"), started);

		// a fourth waits, and is taken out of the queue when cancelled
		String fourth = runIdOf(call(plugin, new Request("POST", "/mediapath/run").session(session).param("mp-csrf", token)
				.header("Accept", "application/json").param("server", "pbx.example.test").param("signalling-port", "2230")
				.param("server-ports", "30000-33000").param("client-ports", "49152-65535")));
		Response cancelled = call(plugin, new Request("POST", "/mediapath/cancel").session(session)
				.header("Accept", "application/json").param("mp-csrf", token).param("run", fourth));
		assertTrue(cancelled.body().contains("\"cancelled\":true"), cancelled.body());
		engine.futures.get(1).complete(Fixtures.ok("second", Instant.now()));
		assertEquals(3, engine.requests.size(), "the cancelled one never started");
		String gone = call(plugin, new Request("GET", "/mediapath/progress.json").param("run", fourth)).body();
		assertTrue(gone.contains("\"done\":true") && gone.contains("cancelled while waiting"), gone);
	}

	@Test
	void theReportHeaderSaysWhereItRan() throws Exception {
		store.with(Fixtures.failed("r1", Fixtures.T0).withVantagePoint(new org.mediapath.api.report.VantagePoint("laptop-7",
				List.of("198.18.1.20"), "Linux 6.1.0 (amd64)", "0.1.0", org.mediapath.api.report.VantagePoint.COMMAND_LINE)));
		String page = call(plugin(null), new Request("GET", "/mediapath").param("report", "r1")).body();
		assertTrue(page.contains("<p id='mp-report-vantage' class='mp-meta' data-origin='command line'>Probed from laptop-7 (198.18.1.20), "
				+ "Linux 6.1.0 (amd64), mediapath 0.1.0, started from the command line</p>"), page);
		String json = call(plugin(null), new Request("GET", "/mediapath/report.json").param("id", "r1")).body();
		assertTrue(json.contains("\"vantagePoint\":{\"hostName\":\"laptop-7\""), json);
		assertTrue(json.contains("\"confidenceWords\":\"proven both ways\""), json);
	}

	static String runIdOf(Response started) throws Exception {
		String body = started.body();
		int a = body.indexOf("\"runId\":\"");
		assertTrue(a >= 0, body);
		return body.substring(a + 9, body.indexOf('"', a + 9));
	}

	static String errorSpan(String page, String field) {
		return between(page, "<span id='mp-error-" + field + "' class='mp-error' role='alert'>", "</span>");
	}

	static String between(String s, String from, String to) {
		int a = s.indexOf(from);
		assertTrue(a >= 0, "missing " + from);
		int b = s.indexOf(to, a + from.length());
		return s.substring(a + from.length(), b);
	}
}
