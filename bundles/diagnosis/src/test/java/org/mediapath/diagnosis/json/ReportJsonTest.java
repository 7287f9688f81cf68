package org.mediapath.diagnosis.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Verdict;
import org.mediapath.diagnosis.Fixtures;
import org.mediapath.diagnosis.rules.BuiltInRules;
import org.mediapath.diagnosis.rules.CauseRanking;
import org.mediapath.api.report.CheckStatus;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The JSON report is a public contract: golden files pin it byte for byte. To change it on
 * purpose, run with -Dmediapath.golden.update=true and review the diff.
 */
class ReportJsonTest {

	static final Instant STARTED = Instant.parse("2026-11-27T22:00:00Z");

	static DiagnosticReport failedReport() {
		Fixtures f = Fixtures.scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-30999:PASS", "31000-33000:SILENT")
				.clientUdp(CheckStatus.PASS, "49152-65535:PASS").skipped("peer", "no --peer given: softphone-to-softphone media was not checked");
		List<Cause> causes = CauseRanking.evaluate(BuiltInRules.all(), f.findings(), x -> {
		});
		return new DiagnosticReport("3f2c1a9e-0000-4000-8000-000000000001", f.requestValue(), STARTED, Duration.ofMillis(1234),
				Verdict.FAILED, causes, f.results()).withVantagePoint(new org.mediapath.api.report.VantagePoint("laptop-7",
						List.of("198.18.1.20"), "Linux 6.1.0 (amd64)", "0.1.0", org.mediapath.api.report.VantagePoint.CONSOLE));
	}

	static DiagnosticReport okReport() {
		Fixtures f = Fixtures.scenario().signalling("OPEN").serverUdp(false, CheckStatus.WARN, "30000-33000:SILENT");
		return new DiagnosticReport("3f2c1a9e-0000-4000-8000-000000000002", f.requestValue(), STARTED, Duration.ofMillis(987),
				Verdict.OK, List.of(), f.results());
	}

	@Test
	void failedReportMatchesItsGoldenFile() throws IOException {
		assertGolden("report-failed.json", ReportJson.write(failedReport()));
	}

	@Test
	void okReportMatchesItsGoldenFile() throws IOException {
		assertGolden("report-ok.json", ReportJson.write(okReport()));
	}

	@Test
	void theContractFieldsAreThere() {
		JsonObject o = JsonParser.parseString(ReportJson.write(failedReport())).getAsJsonObject();
		assertEquals("FAILED", o.get("verdict").getAsString());
		assertEquals(1234, o.get("durationMillis").getAsLong());
		assertEquals("198.18.2.10", o.get("target").getAsString());
		assertEquals("2026-11-27T22:00:00Z", o.get("startedAt").getAsString());
		JsonObject cause = o.getAsJsonArray("causes").get(0).getAsJsonObject();
		assertEquals("PARTIAL_RANGE_BLOCKED", cause.get("id").getAsString());
		assertTrue(cause.get("confidence").getAsDouble() > 0);
		assertTrue(cause.getAsJsonArray("evidence").size() > 0);
		assertEquals("SERVER", cause.getAsJsonObject("remediation").get("side").getAsString());
		assertEquals("PROVEN_BOTH_WAYS", cause.get("confidenceLevel").getAsString(), "a cooperative partial block");
		assertEquals("proven both ways", cause.get("confidenceWords").getAsString());
		JsonObject vantage = o.getAsJsonObject("vantagePoint");
		assertEquals("laptop-7", vantage.get("hostName").getAsString());
		assertEquals("198.18.1.20", vantage.getAsJsonArray("clientAddresses").get(0).getAsString());
		assertEquals("console", vantage.get("origin").getAsString());
		assertTrue(JsonParser.parseString(ReportJson.write(okReport())).getAsJsonObject().get("vantagePoint") == null,
				"a report from before the vantage point has none, and reads back so");
		JsonObject check = o.getAsJsonArray("checks").get(1).getAsJsonObject();
		assertEquals("server-udp", check.get("id").getAsString());
		assertEquals("FAIL", check.get("status").getAsString());
		assertEquals("31000-33000", check.getAsJsonObject("measurements").getAsJsonArray("runs").get(1).getAsJsonObject()
				.get("ports").getAsString());
		assertEquals("SKIPPED", o.getAsJsonArray("checks").get(3).getAsJsonObject().get("status").getAsString());
	}

	@Test
	void readGivesBackTheSameDocument() {
		for (DiagnosticReport report : List.of(failedReport(), okReport())) {
			String json = ReportJson.write(report);
			DiagnosticReport back = ReportJson.read(json);
			assertEquals(json, ReportJson.write(back));
			assertEquals(report.request(), back.request());
			assertEquals(report.causes(), back.causes());
			assertEquals(report.vantagePoint(), back.vantagePoint());
		}
	}

	@Test
	void measurementsKeepTheirTypesAndOrderIsStable() {
		CheckResult r = new CheckResult("x", "x", CheckStatus.PASS, "s",
				Map.of("b", true, "a", 3, "d", 1.5, "c", List.of("p", 2), "e", Map.of("z", 1, "y", "w"), "nan", Double.NaN),
				List.of(), Duration.ofMillis(5));
		String json = ReportJson.value(r.measurements()).toString();
		assertEquals("{\"a\":3,\"b\":true,\"c\":[\"p\",2],\"d\":1.5,\"e\":{\"y\":\"w\",\"z\":1},\"nan\":\"NaN\"}", json);
		assertEquals(Map.of("a", 3L, "b", true, "c", List.of("p", 2L), "d", 1.5, "e", Map.of("y", "w", "z", 1L), "nan", "NaN"),
				ReportJson.plain(JsonParser.parseString(json)));
	}

	@Test
	void unreadableDocumentsNameTheProblem() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportJson.read("{")).getMessage().startsWith("report:"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportJson.read("[]")).getMessage().contains("not a JSON object"));
		String noChecks = ReportJson.write(okReport()).replace("\"checks\"", "\"chex\"");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportJson.read(noChecks)).getMessage().contains("'checks'"));
	}

	static void assertGolden(String name, String actual) throws IOException {
		if (Boolean.getBoolean("mediapath.golden.update")) {
			Path file = Path.of("src/test/resources/golden", name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
		}
		try (InputStream in = ReportJsonTest.class.getResourceAsStream("/golden/" + name)) {
			if (in == null) {
				throw new AssertionError("golden file " + name + " missing; run with -Dmediapath.golden.update=true");
			}
			assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing(), actual.stripTrailing());
		}
	}
}
