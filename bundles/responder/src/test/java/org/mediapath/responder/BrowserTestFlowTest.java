package org.mediapath.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.IceProcessingState;
import org.junit.jupiter.api.Test;
import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.BrowserJson;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage;
import org.mediapath.protocol.ControlMessage.BrowserRuns;
import org.mediapath.protocol.ControlMessage.CreateInvitation;
import org.mediapath.protocol.ControlMessage.InvitationMade;
import org.mediapath.protocol.ControlMessage.QueryBrowserRuns;
import org.mediapath.protocol.ice.IceAgents;
import org.mediapath.responder.browser.BrowserTestException;
import org.mediapath.responder.browser.BrowserTests;
import org.mediapath.responder.browser.PageReport;
import org.mediapath.responder.browser.PairReport;
import org.mediapath.responder.browser.RunProgress;
import org.mediapath.responder.browser.RunStart;

/**
 * The browser test end to end on loopback, without the page: links made and runs read over the real
 * control channel, and an ice4j controlling agent in the browser's place sending its checks to the
 * ports the run offers (the page's own behaviour is tested with a real Chromium in features/console).
 */
class BrowserTestFlowTest {

	private static final Pattern CANDIDATE = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host");

	@Test
	void aLinkMadeOverTheControlChannelRunsOnceAndItsRunIsReadBack() throws Exception {
		PortRange range = Fixtures.freeRange(40);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT))) {
			BrowserTests tests = responder.enableBrowserTests("http://127.0.0.1:18089");
			BrowserInvitation link;
			try (ControlClient control = Fixtures.connect(responder)) {
				InvitationMade made = control.call(new CreateInvitation(1, 3600, "ticket 4711", false, ""), InvitationMade.class);
				link = BrowserJson.readInvitation(made.json());
			}
			assertTrue(link.url().startsWith("http://127.0.0.1:18089/browser-test/t/"), link.url());
			assertEquals(32, link.token().length(), "24 random bytes, base64url");

			RunStart start = tests.start(link.token(), Fixtures.LOOPBACK, "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36");
			assertEquals(BrowserTests.Limits.DEFAULT.portsPerRun(), start.ports().length);
			assertEquals(range.first(), start.ports()[0]);
			assertEquals(range.last(), start.ports()[start.ports().length - 1]);
			BrowserTestException usedUp = assertThrows(BrowserTestException.class,
					() -> tests.start(link.token(), Fixtures.LOOPBACK, ""));
			assertEquals(BrowserTestException.TOKEN_USED, usedUp.code());

			List<Agent> browsers = new ArrayList<>();
			try {
				for (int port : start.ports()) {
					browsers.add(offer(tests, start, port));
				}
				RunProgress progress = reportUntilDone(tests, start, browsers);
				assertTrue(progress.done());
				assertTrue(progress.ports().values().stream().allMatch(s -> s == PortState.CONNECTED), progress.ports().toString());
				assertTrue(progress.summary().startsWith("Calls from this PC will have sound"), progress.summary());
			} finally {
				browsers.forEach(Agent::free);
			}

			List<BrowserRun> runs;
			try (ControlClient control = Fixtures.connect(responder)) {
				runs = BrowserJson.readRuns(control.call(new QueryBrowserRuns(link.token(), 10), BrowserRuns.class).json());
			}
			assertEquals(1, runs.size());
			BrowserRun run = runs.get(0);
			assertEquals(RunState.DONE, run.state());
			assertEquals("Chrome 131 (headless)", run.browser());
			assertEquals("Linux", run.operatingSystem());
			assertEquals("ticket 4711", run.label());
			assertEquals("127.0.0.1", run.seenAddress());
			assertTrue(run.ports().stream().allMatch(p -> p.checksArrived() > 0 && p.seenFrom().isPresent()));
			// decided before the run's deadline, not at it (the time itself is the lab's BrowserBench's to measure)
			assertTrue(run.timeToVerdict().orElseThrow().compareTo(BrowserTests.Limits.DEFAULT.runDeadline()) < 0,
					run.timeToVerdict().toString());
		}
	}

	@Test
	void aPortAnotherProgramHoldsIsNotTriedAndASilentPortIsSilent() throws Exception {
		PortRange range = Fixtures.freeRange(10);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, range.first()))) {
			BrowserTests tests = responder.enableBrowserTests("http://127.0.0.1:18089");
			BrowserInvitation link = tests.invite(org.mediapath.api.browser.InvitationRequest.defaults());
			RunStart start = tests.start(link.token(), Fixtures.LOOPBACK, "");
			// every other port: an offer whose browser never sends (its checks are "lost")
			int answered = start.ports()[1];
			Agent browser = offer(tests, start, answered);
			try {
				List<PairReport> pairs = new ArrayList<>();
				for (int port : start.ports()) {
					pairs.add(new PairReport(port, "in-progress", port == answered ? 0 : 8, 0, 0, Double.NaN, "host", "connecting"));
				}
				for (int port : start.ports()) {
					if (port != answered && port != range.first()) {
						tests.answer(start.runId(), start.runKey(), port, offerSdp("abcd", "0123456789012345678901"));
					}
				}
				RunProgress last = tests.report(start.runId(), start.runKey(), new PageReport(4000, pairs, true));
				assertTrue(last.done());
				assertEquals(PortState.NOT_TRIED, last.ports().get(range.first()), "the PBX itself holds it: never a block");
				assertEquals(PortState.SILENT, last.ports().get(start.ports()[2]));
			} finally {
				browser.free();
			}
		}
	}

	@Test
	void runsAtOnceAreBoundedAndAFreedSlotServesTheNextUser() throws Exception {
		PortRange range = Fixtures.freeRange(200);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT))) {
			BrowserTests tests = responder.enableBrowserTests("http://127.0.0.1:18089");
			BrowserInvitation campaign = tests.invite(new org.mediapath.api.browser.InvitationRequest(100, Duration.ofHours(1), "",
					org.mediapath.api.browser.BrowserTestPolicy.NONE));
			List<RunStart> flood = new ArrayList<>();
			BrowserTestException refused = null;
			for (int i = 0; i < 50 && refused == null; i++) {
				try {
					flood.add(tests.start(campaign.token(), java.net.InetAddress.getByName("127.0.0." + (2 + i)), ""));
				} catch (BrowserTestException e) {
					refused = e;
				}
			}
			assertEquals(BrowserTests.Limits.DEFAULT.runsAtOnce(), flood.size());
			assertEquals(BrowserTestException.BUSY, refused.code());
			assertTrue(tests.liveCounts()[1] <= BrowserTests.Limits.DEFAULT.runsAtOnce() * BrowserTests.Limits.DEFAULT.portsPerRun());
			// the flood's pages never report: their runs end at the deadline and free their agents
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (tests.liveCounts()[0] > 0 && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertEquals(0, tests.liveCounts()[0], "runs whose page went away end and free their agents");
			RunStart legitimate = tests.start(campaign.token(), Fixtures.LOOPBACK, "");
			assertEquals(BrowserTests.Limits.DEFAULT.portsPerRun(), legitimate.ports().length);
			assertTrue(tests.runs(Optional.of(campaign.token())).stream().filter(r -> r.state() == RunState.ABANDONED).count() >= 8);
		}
	}

	/** Plays the browser for one port: an offer with a controlling agent's credentials, the answer's candidate set. */
	private static Agent offer(BrowserTests tests, RunStart start, int port) throws Exception {
		Agent browser = IceAgents.create(true, Fixtures.LOOPBACK, new int[] { 0 });
		String answer = tests.answer(start.runId(), start.runKey(), port, offerSdp(browser.getLocalUfrag(), browser.getLocalPassword()));
		Matcher m = CANDIDATE.matcher(answer);
		assertTrue(m.find(), answer);
		assertEquals(port, Integer.parseInt(m.group(2)));
		String ufrag = value(answer, "a=ice-ufrag:");
		String pwd = value(answer, "a=ice-pwd:");
		IceAgents.setRemote(browser, ufrag, pwd, List.of(new ControlMessage.Candidate("1", 1, 2130706431L, m.group(1), port, "host")));
		browser.startConnectivityEstablishment();
		return browser;
	}

	private static RunProgress reportUntilDone(BrowserTests tests, RunStart start, List<Agent> browsers) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		RunProgress progress;
		do {
			Thread.sleep(100);
			List<PairReport> pairs = new ArrayList<>();
			for (int i = 0; i < browsers.size(); i++) {
				Agent b = browsers.get(i);
				boolean ok = b.getState() == IceProcessingState.COMPLETED || b.getState() == IceProcessingState.TERMINATED;
				CandidatePair selected = IceAgents.component(b).getSelectedPair();
				pairs.add(new PairReport(start.ports()[i], ok ? "succeeded" : "in-progress", 3, ok ? 1 : 0, 0,
						selected == null ? Double.NaN : 0.001, "host", ok ? "connected" : "connecting"));
			}
			progress = tests.report(start.runId(), start.runKey(), new PageReport(0, pairs, false));
		} while (!progress.done() && System.nanoTime() < deadline);
		return progress;
	}

	private static String value(String sdp, String prefix) {
		return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
	}

	static String offerSdp(String ufrag, String password) {
		return String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
				"m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=ice-ufrag:" + ufrag,
				"a=ice-pwd:" + password, "a=fingerprint:sha-256 AA:BB", "a=setup:actpass", "a=mid:0", "a=sctp-port:5000", "");
	}

}
