package org.mediapath.diagnosis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.Verdict;
import org.mediapath.diagnosis.Fixtures;
import org.mediapath.diagnosis.json.ReportJson;
import org.mediapath.diagnosis.store.FileReportStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code mediapath history} and {@code report} over a real file store, reopened as a new run would. */
class HistoryCommandTest {

	static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

	@TempDir
	Path dir;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();
	final ByteArrayOutputStream err = new ByteArrayOutputStream();
	final CommandIO io = new CommandIO(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));

	FileReportStore store() {
		return new FileReportStore(dir, 100, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC), line -> {
		});
	}

	static DiagnosticReport ok(String id, String server, Instant started) {
		Fixtures f = Fixtures.scenario().request(DiagnosisRequest.forServer(server)).signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS");
		return new DiagnosticReport(id, f.requestValue(), started, Duration.ofMillis(420), Verdict.OK, List.of(), f.results());
	}

	static DiagnosticReport blocked(String id, String server, Instant started) {
		Fixtures f = Fixtures.scenario().request(DiagnosisRequest.forServer(server)).signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT");
		Cause cause = new Cause("SERVER_UDP_BLOCKED", 0.9, List.of(new Evidence("server-udp", "30000-33000 silent")),
				new Remediation(Side.SERVER, "Allow inbound UDP 30000-33000 to " + server));
		return new DiagnosticReport(id, f.requestValue(), started, Duration.ofMillis(2100), Verdict.FAILED, List.of(cause),
				f.results());
	}

	String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void reportsStoredByOneRunAreListedAndPrintedByTheNext() {
		FileReportStore first = store();
		first.store(blocked("r-1", "198.18.2.10", NOW.minusSeconds(600)));
		first.store(ok("r-2", "198.18.2.10", NOW.minusSeconds(60)));
		first.store(ok("r-3", "pbx.example", NOW.minusSeconds(30)));

		FileReportStore next = store(); // a new JVM, a new framework: the same directory
		assertEquals(Subcommand.EXIT_OK, HistoryCommand.history(next, List.of("--json", "--target", "198.18.2.10"), io));
		JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
		assertEquals(2, json.getAsJsonArray("reports").size());
		JsonObject newest = json.getAsJsonArray("reports").get(0).getAsJsonObject();
		assertEquals("r-2", newest.get("reportId").getAsString());
		assertEquals("OK", newest.get("verdict").getAsString());
		assertEquals(420, newest.get("durationMillis").getAsLong());
		JsonObject oldest = json.getAsJsonArray("reports").get(1).getAsJsonObject();
		assertEquals("SERVER_UDP_BLOCKED", oldest.getAsJsonArray("causes").get(0).getAsString());

		out.reset();
		assertEquals(Subcommand.EXIT_FOUND, HistoryCommand.report(next, List.of("r-1", "--json"), io));
		assertEquals(ReportJson.write(next.get("r-1").orElseThrow()).strip(), out().strip());

		out.reset();
		assertEquals(Subcommand.EXIT_OK, HistoryCommand.report(next, List.of("r-2"), io));
		assertTrue(out().contains("198.18.2.10"), out());
	}

	@Test
	void theTableListsNewestFirstAndSaysSoWhenEmpty() {
		FileReportStore store = store();
		assertEquals(Subcommand.EXIT_OK, HistoryCommand.history(store, List.of("--target", "pbx.example"), io));
		assertEquals("No stored report about pbx.example.", out().strip());
		store.store(ok("r-a", "pbx.example", NOW.minusSeconds(20)));
		store.store(blocked("r-b", "pbx.example", NOW.minusSeconds(10)));
		out.reset();
		assertEquals(Subcommand.EXIT_OK, HistoryCommand.history(store, List.of("--limit", "1"), io));
		List<String> lines = out().lines().toList();
		assertEquals(2, lines.size(), out());
		assertTrue(lines.get(1).startsWith("r-b") && lines.get(1).contains("SERVER_UDP_BLOCKED"), out());
	}

	@Test
	void badInputIsRefusedNamingTheOption() {
		FileReportStore store = store();
		assertEquals(Subcommand.EXIT_USAGE, HistoryCommand.history(store, List.of("--limit", "lots"), io));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("--limit: 'lots' is not a number"), err.toString());
		assertEquals(Subcommand.EXIT_USAGE, HistoryCommand.history(store, List.of("--since", "yesterday"), io));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("--since: 'yesterday'"), err.toString());
		assertEquals(Subcommand.EXIT_USAGE, HistoryCommand.report(store, List.of("no-such-report"), io));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("no stored report has the id 'no-such-report'"), err.toString());
		assertEquals(Subcommand.EXIT_USAGE, HistoryCommand.report(store, List.of(), io));
	}
}
