package org.mediapath.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.net.PortRange;

class BrowserJsonTest {

	static final BrowserRun RUN = new BrowserRun("r1", "tok", "ticket \"4711\" <b>", new BrowserTestPolicy(true, List.of("198.18.50.0/24")),
			Instant.parse("2026-12-05T00:00:00Z"), RunState.DONE, Optional.of(Duration.ofMillis(812)), "Mozilla/5.0", "Chrome 131",
			"Linux", "198.18.1.2", "198.18.0.2", new PortRange(30000, 33000),
			List.of(new BrowserPortResult(30000, PortState.CONNECTED, 4, 2, 1, 3, 3, OptionalDouble.of(1.5), Optional.of("198.18.1.2:50000")),
					new BrowserPortResult(33000, PortState.SILENT, 30, 0, 0, 0, 0, OptionalDouble.empty(), Optional.empty())),
			List.of("host", "prflx"), "Some calls from this PC would stay silent.");

	@Test
	void runsAndInvitationsRoundTrip() throws Exception {
		assertEquals(List.of(RUN), BrowserJson.readRuns(BrowserJson.runs(List.of(RUN))));
		BrowserInvitation link = new BrowserInvitation("tok", "http://198.18.0.2:8089/browser-test/t/tok", Instant.EPOCH,
				Instant.EPOCH.plusSeconds(86400), 3, 2, "", BrowserTestPolicy.NONE);
		assertEquals(link, BrowserJson.readInvitation(BrowserJson.invitation(link)));
		assertEquals(List.of(link, link), BrowserJson.readInvitations(BrowserJson.invitations(List.of(link, link))));
	}

	@Test
	void malformedDocumentsNameTheField() {
		String good = BrowserJson.runs(List.of(RUN));
		String[][] cases = { { "[", "malformed" }, { "{}", "runs is not a list" },
				{ good.replace("\"DONE\"", "\"LATER\""), "state" }, { good.replace("\"port\":30000", "\"port\":70000"), "port" },
				{ good.replace("\"requestsSent\":4", "\"requestsSent\":-4"), "requestsSent" },
				{ good.replace("\"roundTripMillis\":1.5", "\"roundTripMillis\":\"x\""), "roundTripMillis" },
				{ good.replace("\"started\":\"2026-12-05T00:00:00Z\"", "\"started\":\"yesterday\""), "started" },
				{ good.replace("\"serverPorts\":\"30000-33000\"", "\"serverPorts\":\"33000-30000\""), "serverPorts" },
				{ good.replace("\"requireVpn\":true", "\"requireVpn\":1"), "requireVpn" },
				{ "[" + "[".repeat(5000) + "]".repeat(5000) + "]", "" } };
		for (String[] c : cases) {
			ProtocolException e = assertThrows(ProtocolException.class, () -> BrowserJson.readRuns(c[0]), c[1]);
			assertTrue(e.getMessage().contains(c[1]), e.getMessage());
		}
	}
}
