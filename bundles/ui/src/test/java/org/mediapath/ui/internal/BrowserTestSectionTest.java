package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxEntry;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.report.Verdict;
import org.mediapath.ui.internal.FakeHttp.Request;
import org.mediapath.ui.internal.FakeHttp.Response;
import org.mediapath.ui.internal.FakeHttp.Session;

/**
 * "Test from a user's PC" on the page: the link asked of the PBX's responder through the
 * BrowserTestService, shown with its QR code, the live view's JSON, a report per finished run,
 * the report marked as run from the user's browser; every value escaped, no secret anywhere.
 */
class BrowserTestSectionTest {

	static final String PIN = PbxFormTest.PIN;
	static final String SECRET = "s3cret-never-shown";
	static final String OFFICE = "Head office";

	private final Fixtures.Store store = new Fixtures.Store();
	private final Fixtures.Pbxs pbxs = new Fixtures.Pbxs();
	private final Responder responder = new Responder();
	private final Diagnosis diagnosis = new Diagnosis(store);

	BrowserTestSectionTest() {
		pbxs.save(new PbxEntry(OFFICE, "198.18.2.10", 2230, new PortRange(30000, 30099), new PortRange(49152, 65535),
				Optional.of(HostAndPort.parse("responder", "198.18.2.10:2231", 2231)), Optional.of(PIN), false, false, false),
				Optional.of(SECRET));
		pbxs.save(new PbxEntry("no responder", "198.18.2.20", 2230, new PortRange(30000, 30099),
				new PortRange(49152, 65535), Optional.empty(), Optional.empty(), false, false, false), Optional.empty());
	}

	private MediapathPlugin plugin() {
		return new MediapathPlugin(Fixtures.config(), new Fixtures.Engine(), store, pbxs, responder, diagnosis);
	}

	private static Response call(MediapathPlugin plugin, Request request) throws Exception {
		Response response = new Response();
		plugin.service(request.build(), response.build());
		return response;
	}

	private static String tokenOf(MediapathPlugin plugin, Session session) throws Exception {
		Matcher m = Pattern.compile("name='mp-csrf' value='([^']+)'")
				.matcher(call(plugin, new Request("GET", "/mediapath").session(session)).body());
		assertTrue(m.find());
		return m.group(1);
	}

	private static Request invite(Session session, String csrf) {
		return new Request("POST", "/mediapath/invite").session(session).param("mp-csrf", csrf).param("pbx", OFFICE)
				.param("uses", "3").param("expires", "2h").param("label", "ticket 4711 " + Fixtures.XSS)
				.param("require-vpn", "true").param("vpn-ranges", "10.8.0.0/24");
	}

	@Test
	void theSectionOffersOnlyPbxsWithAResponder() throws Exception {
		String page = call(plugin(), new Request("GET", "/mediapath")).body();
		String select = between(page, "<select id='mp-invite-pbx'", "</select>");
		assertTrue(select.contains("<option value='Head office'"), select);
		assertFalse(select.contains("no responder"), "a PBX without a responder cannot serve a link: " + select);
		assertTrue(page.contains("id='mp-invite-submit'>"), "enabled");
		assertFalse(page.contains("mp-missing-browser"));
		assertTrue(page.contains("<details id='mp-invite' open>"), "open on a page with nothing else to show");
		store.with(Fixtures.ok("r1", Fixtures.T0));
		String withReport = call(plugin(), new Request("GET", "/mediapath")).body();
		assertTrue(withReport.contains("<details id='mp-invite'><summary>"), "folded above a report");
	}

	@Test
	void aLinkIsAskedOfTheResponderAndShownWithItsQrCode() throws Exception {
		MediapathPlugin plugin = plugin();
		Session session = new Session();
		String csrf = tokenOf(plugin, session);
		Response posted = call(plugin, invite(session, csrf));
		assertEquals(303, posted.status, posted.body());
		assertEquals("/system/console/mediapath?invitation=tok1&pbx=Head%20office#mp-browser", posted.headers.get("Location"));

		// the PBX's responder was asked with the PBX's request (its secret by reference, its pin) and the form's values
		assertEquals(1, responder.asked.size());
		DiagnosisRequest q = responder.asked.get(0);
		assertEquals("198.18.2.10:2231", q.responder().orElseThrow().toString());
		assertTrue(q.responderFingerprint().orElseThrow().equalsIgnoreCase(PIN), "the PBX's pin");
		InvitationRequest r = responder.requests.get(0);
		assertEquals(3, r.uses());
		assertEquals(Duration.ofHours(2), r.validFor());
		assertEquals("ticket 4711 " + Fixtures.XSS, r.label());
		assertEquals(new BrowserTestPolicy(true, List.of("10.8.0.0/24")), r.policy());

		String page = call(plugin, new Request("GET", "/mediapath").session(session).param("invitation", "tok1")
				.param("pbx", OFFICE)).body();
		String link = "http://198.18.2.10:8088/browser-test/t/tok1";
		assertTrue(page.contains("<input type='text' readonly id='mp-invite-link' size='45' value='" + link + "'"), page);
		String svg = between(page, "<svg xmlns='http://www.w3.org/2000/svg' id='mp-invite-qr'", "</svg>");
		assertEquals(link, QrSvgTest.decode(svg));
		String meta = between(page, "<p id='mp-invite-meta' class='mp-meta'>", "</p>");
		assertTrue(meta.contains("3 use(s), 3 left when made; label: ticket 4711 &lt;img src=x onerror=alert(1)&gt;"), meta);
		assertTrue(meta.contains("VPN: required, its ranges 10.8.0.0/24"), meta);
		assertFalse(page.contains("<img"), "the label stays text");
		String data = between(page, "<script type='application/json' id='mp-data'>", "</script>");
		assertTrue(data.contains("\"browserRunsUrl\":\"/system/console/mediapath/browser-runs.json?pbx=Head%20office\\u0026token=tok1\""), data);
		assertTrue(data.contains("\"browserUses\":3"), data);
		assertNoSecret(page);
		// the link made here is listed for later
		assertTrue(page.contains("<li data-token='tok1'><a href='/system/console/mediapath?invitation=tok1&amp;pbx=Head%20office#mp-browser'>"), page);
	}

	@Test
	void theScriptGetsTheLinkAsJsonAndRefusalsFieldByField() throws Exception {
		MediapathPlugin plugin = plugin();
		Session session = new Session();
		String csrf = tokenOf(plugin, session);
		Response ok = call(plugin, invite(session, csrf).header("Accept", "application/json"));
		assertEquals(200, ok.status, ok.body());
		assertTrue(ok.body().contains("\"pageUrl\":\"/system/console/mediapath?invitation=tok1\\u0026pbx=Head%20office#mp-browser\""), ok.body());
		assertTrue(ok.body().contains("\"label\":\"ticket 4711 \\u003cimg src=x onerror=alert(1)\\u003e\""), ok.body());
		assertNoSecret(ok.body());

		Response bad = call(plugin, new Request("POST", "/mediapath/invite").session(session).param("mp-csrf", csrf)
				.header("Accept", "application/json").param("pbx", OFFICE).param("uses", "0").param("expires", "forever"));
		assertEquals(400, bad.status);
		assertTrue(bad.body().contains("\"uses\":\"uses: 0 is outside 1-1000\""), bad.body());
		assertTrue(bad.body().contains("\"expires\":\"expires: \\u0027forever\\u0027 is not a duration"), bad.body());

		Response noResponder = call(plugin, new Request("POST", "/mediapath/invite").session(session).param("mp-csrf", csrf)
				.header("Accept", "application/json").param("pbx", "no responder"));
		assertEquals(400, noResponder.status);
		assertTrue(noResponder.body().contains("has no responder"), noResponder.body());

		responder.failure = new IOException("responder 198.18.2.10:2231 refused (WEB_DISABLED): its web port is not enabled");
		Response refused = call(plugin, invite(session, csrf).header("Accept", "application/json"));
		assertEquals(502, refused.status);
		assertTrue(refused.body().contains("The responder made no link: responder 198.18.2.10:2231 refused (WEB_DISABLED)"),
				refused.body());
		assertEquals(1, responder.requests.size(), "only the first, valid request reached the responder");
	}

	@Test
	void aRefusedPlainPostShowsTheMessagesBesideTheFields() throws Exception {
		MediapathPlugin plugin = plugin();
		Session session = new Session();
		String csrf = tokenOf(plugin, session);
		Response posted = call(plugin, new Request("POST", "/mediapath/invite").session(session).param("mp-csrf", csrf)
				.param("pbx", OFFICE).param("uses", "1").param("expires", "24h").param("vpn-ranges", Fixtures.XSS));
		assertEquals(303, posted.status);
		String page = call(plugin, new Request("GET", "/mediapath").session(session)).body();
		String error = between(page, "<span id='mp-invite-error-vpn-ranges' class='mp-error' role='alert'>", "</span>");
		assertEquals("vpn-ranges: &#39;&lt;img&#39; is not an address range such as 10.8.0.0/24", error);
		assertTrue(page.contains("id='mp-invite-vpn-ranges' name='vpn-ranges' value='&lt;img src=x onerror=alert(1)&gt;'"), page);
		assertFalse(page.contains("<img"));
	}

	@Test
	void noLinkWithoutTheFormToken() throws Exception {
		MediapathPlugin plugin = plugin();
		Session session = new Session();
		tokenOf(plugin, session);
		assertEquals(403, call(plugin, invite(session, "forged")).status);
		assertEquals(403, call(plugin, invite(new Session(), "")).status);
		assertTrue(responder.requests.isEmpty());
	}

	@Test
	void theLiveViewShowsRunsAsTheyGoAndReportsEachFinishedOneOnce() throws Exception {
		MediapathPlugin plugin = plugin();
		Session session = new Session();
		call(plugin, invite(session, tokenOf(plugin, session)));
		Request poll = new Request("GET", "/mediapath/browser-runs.json").param("pbx", OFFICE).param("token", "tok1");

		String none = call(plugin, poll).body();
		assertEquals("{\"token\":\"tok1\",\"pbx\":\"Head office\",\"uses\":3,\"expires\":\"2026-11-27T12:00:00Z\",\"runs\":[]}", none);

		responder.runs.add(run("run-1", RunState.RUNNING, PortState.PENDING));
		String running = call(plugin, poll).body();
		assertTrue(running.contains("\"id\":\"run-1\",\"state\":\"RUNNING\""), running);
		assertTrue(running.contains("\"browser\":\"Chrome 131\",\"operatingSystem\":\"Windows 10/11\",\"seenAddress\":\"203.0.113.7\""), running);
		assertTrue(running.contains("{\"port\":30000,\"state\":\"PENDING\",\"requestsSent\":12"), running);
		assertFalse(running.contains("reportId"), "no report of a running run");
		assertEquals(0, diagnosis.calls);

		responder.runs.set(0, run("run-1", RunState.DONE, PortState.SILENT));
		responder.runs.add(0, run("run-2", RunState.ABANDONED, PortState.CONNECTED));
		Response done = call(plugin, poll);
		assertEquals(200, done.status);
		assertTrue(done.body().contains("\"reportId\":\"browser-run-1\",\"verdict\":\"FAILED\",\"reportUrl\":\"/system/console/mediapath?report=browser-run-1\""), done.body());
		assertTrue(done.body().contains("\"reportId\":\"browser-run-2\",\"verdict\":\"OK\""), done.body());
		assertTrue(done.body().contains("\"label\":\"ticket 4711 \\u003cimg src=x onerror=alert(1)\\u003e\""), "escaped: " + done.body());
		assertTrue(done.body().contains("\"timeToVerdictMillis\":2600"), done.body());
		assertTrue(done.body().contains("\"roundTripMillis\":"), done.body());
		assertEquals(2, diagnosis.calls);
		assertEquals(List.of(OFFICE, OFFICE), diagnosis.pbxServers);
		call(plugin, poll);
		assertEquals(2, diagnosis.calls, "a run reported once is not asked for again");
		assertNoSecret(done.body());

		// the report sits in the history, marked as run from the user's browser, with its browser, OS and address
		String page = call(plugin, new Request("GET", "/mediapath").param("report", "browser-run-1")).body();
		String vantage = between(page, "<p id='mp-report-vantage'", "</p>");
		assertTrue(vantage.contains("class='mp-meta mp-origin-browser' data-origin='user&#39;s browser'"), vantage);
		assertTrue(vantage.contains("Run from the user\u2019s browser: Chrome 131, Windows 10/11, seen from 203.0.113.7"), vantage);
		String row = between(page, "<tr id='mp-history-browser-run-1'", "</tr>");
		assertTrue(row.contains("<span class='mp-badge mp-badge-browser' data-origin='browser'>user\u2019s browser</span>"), row);
	}

	@Test
	void theLiveViewSaysWhatIsMissingOrUnreachable() throws Exception {
		Request poll = new Request("GET", "/mediapath/browser-runs.json").param("pbx", OFFICE).param("token", "tok1");
		MediapathPlugin without = new MediapathPlugin(Fixtures.config(), new Fixtures.Engine(), store, pbxs, null, null);
		Response r = call(without, poll);
		assertEquals(503, r.status);
		assertTrue(r.body().contains("BrowserTestService"), r.body());
		assertTrue(call(without, new Request("GET", "/mediapath")).body().contains("id='mp-missing-browser'"));

		MediapathPlugin noDiagnosis = new MediapathPlugin(Fixtures.config(), new Fixtures.Engine(), store, pbxs, responder, null);
		responder.runs.add(run("run-1", RunState.DONE, PortState.CONNECTED));
		String rows = call(noDiagnosis, poll).body();
		assertTrue(rows.contains("\"reportError\":\"The diagnosis of browser runs (BrowserRunDiagnosis"), rows);

		assertEquals(404, call(plugin(), new Request("GET", "/mediapath/browser-runs.json").param("pbx", "nobody")
				.param("token", "tok1")).status);
		assertEquals(400, call(plugin(), new Request("GET", "/mediapath/browser-runs.json").param("pbx", OFFICE)).status);
		responder.failure = new IOException("responder 198.18.2.10:2231 did not answer within 5 s");
		Response gone = call(plugin(), poll);
		assertEquals(502, gone.status);
		assertTrue(gone.body().contains("did not answer within 5 s"), gone.body());
	}

	@Test
	void aLinkNotMadeHereIsAskedOfTheResponder() throws Exception {
		MediapathPlugin before = plugin();
		Session session = new Session();
		call(before, invite(session, tokenOf(before, session)));
		// a restarted console: the page no longer remembers the link, the responder still keeps it
		String page = call(plugin(), new Request("GET", "/mediapath").param("invitation", "tok1").param("pbx", OFFICE)).body();
		assertTrue(page.contains("id='mp-invite-link' size='45' value='http://198.18.2.10:8088/browser-test/t/tok1'"), page);
		String unknown = call(plugin(), new Request("GET", "/mediapath").param("invitation", "tok9").param("pbx", OFFICE)).body();
		assertTrue(unknown.contains("id='mp-invitation-problem'") && unknown.contains("No link with token tok9"), unknown);
		assertFalse(unknown.contains("id='mp-invitation'"));
	}

	private static void assertNoSecret(String text) {
		assertFalse(text.contains(SECRET), "the secret");
		assertFalse(text.contains("/data/pbxs/secrets/"), "the secret's file");
	}

	static String between(String s, String from, String to) {
		int a = s.indexOf(from);
		assertTrue(a >= 0, "missing " + from);
		int b = s.indexOf(to, a + from.length());
		return s.substring(a + from.length(), b);
	}

	static BrowserRun run(String id, RunState state, PortState ports) {
		List<BrowserPortResult> results = new ArrayList<>();
		for (int port : new int[] { 30000, 30050, 30099 }) {
			boolean connected = ports == PortState.CONNECTED;
			results.add(new BrowserPortResult(port, ports, 12, connected ? 12 : 0, connected ? 3 : 0,
					ports == PortState.SILENT ? 0 : 12, ports == PortState.SILENT ? 0 : 12,
					connected ? OptionalDouble.of(0.4) : OptionalDouble.empty(),
					ports == PortState.SILENT ? Optional.empty() : Optional.of("203.0.113.7:61000")));
		}
		return new BrowserRun(id, "tok1", "ticket 4711 " + Fixtures.XSS, new BrowserTestPolicy(true, List.of("10.8.0.0/24")),
				Fixtures.T0, state, state == RunState.RUNNING ? Optional.empty() : Optional.of(Duration.ofMillis(2600)),
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "Chrome 131", "Windows 10/11", "203.0.113.7",
				"198.18.2.10", new PortRange(30000, 30099), results, List.of("host", "srflx"),
				state == RunState.RUNNING ? "" : "Done");
	}

	/** A PBX's responder as the control channel presents it: links it made, runs it recorded. */
	static final class Responder implements BrowserTestService {
		final List<DiagnosisRequest> asked = new ArrayList<>();
		final List<InvitationRequest> requests = new ArrayList<>();
		final List<BrowserInvitation> kept = new ArrayList<>();
		final List<BrowserRun> runs = new ArrayList<>();
		IOException failure;

		@Override
		public synchronized BrowserInvitation invite(DiagnosisRequest pbx, InvitationRequest request) throws IOException {
			if (pbx.responder().isEmpty() || pbx.secretReference().isEmpty()) {
				throw new IllegalArgumentException("pbx: no responder or secret");
			}
			if (failure != null) {
				throw failure;
			}
			asked.add(pbx);
			requests.add(request);
			String token = "tok" + requests.size();
			BrowserInvitation i = new BrowserInvitation(token, "http://198.18.2.10:8088/browser-test/t/" + token, Fixtures.T0,
					Fixtures.T0.plus(request.validFor()), request.uses(), request.uses(), request.label(), request.policy());
			kept.add(0, i);
			return i;
		}

		@Override
		public synchronized List<BrowserRun> runs(DiagnosisRequest pbx, Optional<String> token) throws IOException {
			if (failure != null) {
				throw failure;
			}
			return runs.stream().filter(r -> token.map(r.token()::equals).orElse(true)).toList();
		}

		@Override
		public synchronized List<BrowserInvitation> invitations(DiagnosisRequest pbx) throws IOException {
			if (failure != null) {
				throw failure;
			}
			return List.copyOf(kept);
		}
	}

	/** Turns a finished run into a stored report marked with the browser's vantage point. */
	static final class Diagnosis implements BrowserRunDiagnosis {
		final Fixtures.Store store;
		final List<String> pbxServers = new ArrayList<>();
		int calls;

		Diagnosis(Fixtures.Store store) {
			this.store = store;
		}

		@Override
		public synchronized DiagnosticReport report(DiagnosisRequest pbx, BrowserRun run) {
			if (run.state() == RunState.RUNNING) {
				throw new IllegalArgumentException("run " + run.id() + " is still running");
			}
			calls++;
			pbxServers.add(pbx.server().equals("198.18.2.10") ? OFFICE : pbx.server());
			boolean ok = run.ports().stream().allMatch(p -> p.state() == PortState.CONNECTED);
			DiagnosticReport r = new DiagnosticReport("browser-" + run.id(), pbx, run.started(), Duration.ofMillis(2600),
					ok ? Verdict.OK : Verdict.FAILED,
					ok ? List.of() : List.of(new Cause(CauseIds.SERVER_UDP_BLOCKED, 0.9,
							List.of(new Evidence("browser", "no check arrived")), new Remediation(Side.SERVER, "Allow UDP"))),
					List.of()).withVantagePoint(new VantagePoint(run.browser(), List.of(run.seenAddress()),
							run.operatingSystem(), "0.1.0", VantagePoint.USERS_BROWSER));
			store.store(r);
			return r;
		}
	}

	@Test
	void theFixtureDiagnosisRefusesARunningRun() {
		assertThrows(IllegalArgumentException.class, () -> diagnosis.report(DiagnosisRequest.forServer("x"),
				run("r", RunState.RUNNING, PortState.PENDING)));
		assertTrue(Instant.now().isAfter(Fixtures.T0));
	}
}
