package org.mediapath.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/** The JSON contract of {@code diagnose --json} (DESIGN.md, "Observable contract") and a scenario's expectations. */
final class Verdict {

	/** The statuses of a check that ran to its end (or was skipped for a stated reason). */
	static final Set<String> CHECK_STATUSES = Set.of("PASS", "FAIL", "WARN", "SKIPPED");
	/**
	 * A check that broke or overran its bound. Never under the verdict OK (OK means the path was proven end to end);
	 * under FAILED (a cause proven by other checks) or INCONCLUSIVE (nothing proven) the report may carry one.
	 */
	static final Set<String> UNJUDGED_STATUSES = Set.of("ERROR", "TIMEOUT");

	private Verdict() {
	}

	/** Parses stdout: exactly one JSON object, nothing after it (the contract of {@code --json}). */
	static JsonObject parse(String stdout) {
		try (JsonReader reader = new JsonReader(new StringReader(stdout))) {
			reader.setStrictness(Strictness.STRICT);
			JsonElement doc = JsonParser.parseReader(reader);
			assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "stdout holds more than one JSON document");
			assertTrue(doc.isJsonObject(), "stdout is not a JSON object");
			return doc.getAsJsonObject();
		} catch (IOException | RuntimeException e) {
			throw new AssertionError("stdout is not exactly one JSON document (" + e.getMessage() + "):\n" + stdout, e);
		}
	}

	/** Asserts the contract and the scenario's expectations; returns the report. */
	static JsonObject check(Scenario s, ScenarioRun.Outcome o, String context) {
		String where = s.name() + ": " + s.description();
		JsonObject report = parse(o.stdout());
		String summary = summary(report);
		String detail = "\n" + summary + "\nstderr: " + o.stderr().strip() + context;

		// the contract
		String verdict = string(report, "verdict", detail);
		assertTrue(Scenario.EXIT_OF_VERDICT.containsKey(verdict), "verdict OK|FAILED|INCONCLUSIVE" + detail);
		assertEquals(Scenario.EXIT_OF_VERDICT.get(verdict), o.exit(), "the exit code of the verdict " + verdict
				+ " (OK 0, FAILED 1, INCONCLUSIVE 3)" + detail);
		assertTrue(report.has("causes") && report.get("causes").isJsonArray(), "causes[]" + detail);
		assertTrue(report.has("checks") && report.get("checks").isJsonArray(), "checks[]" + detail);
		assertTrue(report.has("durationMillis") && report.get("durationMillis").isJsonPrimitive()
				&& report.get("durationMillis").getAsJsonPrimitive().isNumber(), "durationMillis" + detail);
		long duration = report.get("durationMillis").getAsLong();
		assertTrue(duration >= 0 && duration <= o.wallMillis(), "durationMillis " + duration + " within the run's "
				+ o.wallMillis() + " ms" + detail);
		// docs/contract.md: "unproven" says what was not proven and what would settle it, only for INCONCLUSIVE
		if (verdict.equals("INCONCLUSIVE")) {
			string(report, "unproven", detail);
		} else {
			assertFalse(report.has("unproven"), "unproven is only for INCONCLUSIVE" + detail);
		}
		List<JsonObject> causes = objects(report, "causes", detail);
		assertEquals(verdict.equals("FAILED"), !causes.isEmpty(), "FAILED exactly when a cause is named" + detail);
		for (JsonObject c : causes) {
			string(c, "id", detail);
			assertTrue(c.has("confidence") && c.get("confidence").getAsJsonPrimitive().isNumber(), "confidence" + detail);
			double confidence = c.get("confidence").getAsDouble();
			assertTrue(confidence > 0 && confidence <= 1, "confidence in (0,1]" + detail);
			List<String> evidence = evidence(c, detail);
			assertFalse(evidence.isEmpty(), "a cause without evidence" + detail);
			evidence.forEach(e -> assertFalse(e.isBlank(), "blank evidence" + detail));
			assertFalse(remediation(c, detail).isBlank(), "a cause without remediation" + detail);
		}
		List<JsonObject> checks = objects(report, "checks", detail);
		assertFalse(checks.isEmpty(), "no checks" + detail);
		for (JsonObject c : checks) {
			string(c, "id", detail);
			String status = string(c, "status", detail);
			assertTrue(CHECK_STATUSES.contains(status) || (!verdict.equals("OK") && UNJUDGED_STATUSES.contains(status)),
					"check " + c.get("id") + " ended " + status + " (PASS|FAIL|WARN|SKIPPED; ERROR|TIMEOUT never under the "
							+ "verdict OK)" + detail);
			// FAIL is "saw something that stops a call's media": it cannot stand beside the verdict OK
			assertFalse(verdict.equals("OK") && status.equals("FAIL"), "check " + c.get("id") + " FAIL under the verdict OK"
					+ detail);
		}

		// the scenario
		Scenario.Expectation expect = s.expect();
		assertTrue(expect.verdicts().contains(verdict), where + ": verdict " + verdict + ", expected " + expect.summary() + detail);
		assertFalse(expect.notVerdicts().contains(verdict), where + ": verdict " + verdict + " must never be given here" + detail);
		assertTrue(expect.exits().contains(o.exit()), where + ": exit code " + o.exit() + ", expected " + expect.summary() + detail);
		for (JsonObject c : causes) {
			assertFalse(expect.notCauses().contains(c.get("id").getAsString()), where + ": names " + c.get("id")
					+ ", which is not true here" + detail);
		}
		if (verdict.equals("FAILED") && !expect.causes().isEmpty()) {
			JsonObject top = causes.get(0);
			assertTrue(expect.causes().contains(top.get("id").getAsString()), where + ": top cause " + top.get("id")
					+ ", expected " + String.join(" or ", expect.causes()) + detail);
			String text = String.join("\n", evidence(top, detail)) + "\n" + remediation(top, detail);
			for (String needle : expect.evidence()) {
				assertTrue(contains(text, needle), where + ": the top cause's evidence should say '" + needle + "'" + detail);
			}
			if (expect.side() != null) {
				JsonElement r = top.get("remediation");
				String side = r.isJsonObject() && r.getAsJsonObject().has("side") ? r.getAsJsonObject().get("side").getAsString() : "(none)";
				assertEquals(expect.side(), side, where + ": the side the top cause's remediation names" + detail);
			}
			String fix = remediation(top, detail);
			for (String needle : expect.remediation()) {
				assertTrue(contains(fix, needle), where + ": the top cause's remediation should say '" + needle + "'" + detail);
			}
		}
		if (!expect.report().isEmpty()) {
			String all = String.join("\n", strings(report, new ArrayList<>()));
			for (String needle : expect.report()) {
				assertTrue(contains(all, needle), where + ": the report should say '" + needle + "' somewhere" + detail);
			}
		}
		return report;
	}

	private static boolean contains(String text, String needle) {
		return text.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
	}

	/** Every string value of the document (members' names left out), depth first. */
	static List<String> strings(JsonElement e, List<String> into) {
		if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
			into.add(e.getAsString());
		} else if (e.isJsonArray()) {
			e.getAsJsonArray().forEach(x -> strings(x, into));
		} else if (e.isJsonObject()) {
			e.getAsJsonObject().entrySet().forEach(x -> strings(x.getValue(), into));
		}
		return into;
	}

	/** One line per cause and check, for failure messages and logs. */
	static String summary(JsonObject report) {
		StringBuilder b = new StringBuilder("verdict " + report.get("verdict") + ", durationMillis " + report.get("durationMillis"));
		if (report.has("causes") && report.get("causes").isJsonArray()) {
			for (JsonElement e : report.getAsJsonArray("causes")) {
				JsonObject c = e.getAsJsonObject();
				b.append("\n  cause ").append(c.get("id")).append(" ").append(c.get("confidence")).append(" evidence ")
						.append(c.get("evidence")).append(" remediation ").append(c.get("remediation"));
			}
		}
		if (report.has("checks") && report.get("checks").isJsonArray()) {
			for (JsonElement e : report.getAsJsonArray("checks")) {
				JsonObject c = e.getAsJsonObject();
				b.append("\n  check ").append(c.get("id")).append(" ").append(c.get("status")).append(": ").append(c.get("summary"));
			}
		}
		return b.toString();
	}

	private static List<String> evidence(JsonObject cause, String detail) {
		assertTrue(cause.has("evidence") && cause.get("evidence").isJsonArray(), "evidence[]" + detail);
		List<String> out = new ArrayList<>();
		for (JsonElement e : cause.getAsJsonArray("evidence")) {
			if (e.isJsonPrimitive()) {
				out.add(e.getAsString());
			} else if (e.isJsonObject() && e.getAsJsonObject().has("statement")) {
				out.add(e.getAsJsonObject().get("statement").getAsString());
			} else {
				fail("evidence item is neither a statement nor {statement}: " + e + detail);
			}
		}
		return out;
	}

	private static String remediation(JsonObject cause, String detail) {
		JsonElement r = cause.get("remediation");
		assertNotNull(r, "remediation" + detail);
		if (r.isJsonPrimitive()) {
			return r.getAsString();
		}
		assertTrue(r.isJsonObject() && r.getAsJsonObject().has("action"), "remediation {side, action}" + detail);
		return r.getAsJsonObject().get("side") + ": " + r.getAsJsonObject().get("action").getAsString();
	}

	private static String string(JsonObject o, String member, String detail) {
		JsonElement e = o.get(member);
		assertTrue(e != null && e.isJsonPrimitive() && !e.getAsString().isBlank(), member + " missing or blank" + detail);
		return e.getAsString();
	}

	private static List<JsonObject> objects(JsonObject o, String member, String detail) {
		List<JsonObject> out = new ArrayList<>();
		for (JsonElement e : o.getAsJsonArray(member)) {
			assertTrue(e.isJsonObject(), member + "[] item is not an object" + detail);
			out.add(e.getAsJsonObject());
		}
		return out;
	}

	// ---- a test from a user's PC

	/**
	 * What the browser's run must show beyond its report's contract: it finished (DONE, not abandoned), it is the
	 * invitation's, the responder recognised the browser it ran in, every port was judged, the report is marked as
	 * run from the user's browser, and the scenario's {@code expect.run} words are in the run.
	 */
	static void checkBrowserRun(Scenario s, ScenarioRun.BrowserOutcome b, JsonObject report, String detail) {
		String where = s + ": ";
		JsonObject run = b.run();
		String d = "\nrun: " + run + detail;
		assertEquals("DONE", text(run, "state"), where + "the run's state" + d);
		assertEquals(b.token(), text(run, "token"), where + "the run's token" + d);
		String family = b.browser().equals("chromium") ? "chrom" : "firefox";
		assertTrue(contains(text(run, "browser") + " " + text(run, "userAgent"), family), where + "the run names the browser "
				+ b.browser() + d);
		assertTrue(run.has("ports") && run.get("ports").isJsonArray() && !run.getAsJsonArray("ports").isEmpty(), where
				+ "the run's ports" + d);
		for (JsonElement p : run.getAsJsonArray("ports")) {
			String state = text(p.getAsJsonObject(), "state");
			assertFalse(state.equals("PENDING"), where + "a port left PENDING in a finished run: " + p + d);
		}
		assertTrue(b.timeToVerdictMillis() >= 0, where + "a finished run carries its time to verdict" + d);
		assertTrue(report.has("vantagePoint") && report.get("vantagePoint").isJsonObject()
				&& contains(text(report.getAsJsonObject("vantagePoint"), "origin"), "browser"), where
						+ "the report is marked as run from the user's browser (vantagePoint.origin)" + d);
		if (!s.expect().run().isEmpty()) {
			String all = String.join("\n", strings(run, new ArrayList<>()));
			for (String needle : s.expect().run()) {
				assertTrue(contains(all, needle), where + "the run should say '" + needle + "' somewhere" + d);
			}
		}
	}

	/** A member that must be a string (or a number, as text). */
	static String text(JsonObject o, String key) {
		assertTrue(o.has(key) && o.get(key).isJsonPrimitive(), "'" + key + "' missing in " + o);
		return o.get(key).getAsString();
	}

	/**
	 * A duration as JSON gives it: milliseconds as a number, an ISO-8601 duration ("PT1.234S"), or an object with
	 * {@code millis}; -1 when absent or null.
	 */
	static long millis(JsonElement e) {
		if (e == null || e.isJsonNull()) {
			return -1;
		}
		if (e.isJsonObject()) {
			return millis(e.getAsJsonObject().get("millis"));
		}
		if (e.getAsJsonPrimitive().isNumber()) {
			return e.getAsLong();
		}
		return java.time.Duration.parse(e.getAsString()).toMillis();
	}

	/** An instant as JSON gives it: ISO-8601 text or epoch milliseconds; null when absent. */
	static java.time.Instant instant(JsonElement e) {
		if (e == null || e.isJsonNull()) {
			return null;
		}
		if (e.getAsJsonPrimitive().isNumber()) {
			return java.time.Instant.ofEpochMilli(e.getAsLong());
		}
		return java.time.Instant.parse(e.getAsString());
	}
}
