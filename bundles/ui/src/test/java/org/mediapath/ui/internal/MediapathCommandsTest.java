package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediapathCommandsTest {

	@Test
	void historyListsNewestFirstAndReportPrintsVerdictFirst() {
		Fixtures.Store store = new Fixtures.Store().with(Fixtures.ok("a1", Fixtures.T0),
				Fixtures.failed("a2", Fixtures.T0.plusSeconds(5)));
		MediapathCommands commands = new MediapathCommands(store);
		String history = commands.history();
		assertTrue(history.indexOf("a2") < history.indexOf("a1"), history);
		assertTrue(history.contains("PARTIAL_RANGE_BLOCKED"));
		assertEquals(history, commands.history("pbx.example.test"));
		assertTrue(commands.history("other.example.test").contains("No reports stored."));

		String report = commands.report("a2");
		int verdict = report.indexOf("FAILED: the media of a call would not flow.");
		int cause = report.indexOf("Only part of the media port range passes");
		int fix = report.indexOf("Allow inbound UDP 31000-33000");
		int checks = report.indexOf("Every check:");
		assertTrue(verdict >= 0 && verdict < cause && cause < fix && fix < checks, report);
		assertTrue(report.contains("FAIL     server-udp"), report);
		assertTrue(commands.report("nope").contains("No report with id nope is kept"));
	}

	@Test
	void withoutAStoreTheCommandsSaySo() {
		MediapathCommands commands = new MediapathCommands(null);
		assertTrue(commands.history().startsWith("No ReportStore is registered"));
		assertTrue(commands.report("x").startsWith("No ReportStore is registered"));
	}
}
