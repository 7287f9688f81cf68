package org.mediapath.diagnosis.json;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.ConfidenceLevel;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.Verdict;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The JSON form of a report: a public contract (DESIGN.md), so every field is mapped by hand here
 * and never by reflection over the records, which would change the contract whenever a record
 * changes. Fields are only ever added. Measurement maps are written with sorted keys so that the
 * same report always gives the same bytes.
 *
 * <pre>
 * { "schemaVersion": 1, "reportId", "target", "startedAt" (ISO-8601), "durationMillis",
 *   "verdict": "OK"|"FAILED"|"INCONCLUSIVE",
 *   "unproven": what was not proven and what would settle it (only when INCONCLUSIVE),
 *   "causes": [ { "id", "confidence", "confidenceLevel": "PROVEN_BOTH_WAYS"|"ONE_DIRECTION_SEEN"|"INFERRED",
 *                 "confidenceWords": "proven both ways"|"one direction seen"|"inferred", "evidence": [ { "checkId", "statement" } ],
 *                 "remediation": { "side": "SERVER"|"CLIENT"|"NETWORK", "action" } } ],
 *   "checks": [ { "id", "title", "status": "PASS"|"FAIL"|"WARN"|"SKIPPED"|"ERROR"|"TIMEOUT",
 *                 "summary", "durationMillis", "measurements": {...}, "evidence": [...] } ],
 *   "request": { "server", "signallingPort", "serverPorts", "clientPorts", "responder"?,
 *                "secretFile"?, "peer"?, "requireVpn", "responderFingerprint"?, "peerFingerprint"? },
 *   "vantagePoint"?: { "hostName", "clientAddresses": [...], "operatingSystem", "productVersion",
 *                      "origin": "console"|"command line" } }
 * </pre>
 */
public final class ReportJson {

	/** The version of this JSON layout; raised only if a field ever had to change meaning. */
	public static final int SCHEMA_VERSION = 1;

	private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
	private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

	private ReportJson() {
	}

	/** @return the report as one pretty-printed JSON document */
	public static String write(DiagnosticReport report) {
		return PRETTY.toJson(toJson(report));
	}

	/** @return the report as one line of JSON */
	public static String writeCompact(DiagnosticReport report) {
		return COMPACT.toJson(toJson(report));
	}

	/** @return the report's JSON tree */
	public static JsonObject toJson(DiagnosticReport report) {
		JsonObject o = new JsonObject();
		o.addProperty("schemaVersion", SCHEMA_VERSION);
		o.addProperty("reportId", report.id());
		o.addProperty("target", report.target());
		o.addProperty("startedAt", report.started().toString());
		o.addProperty("durationMillis", report.duration().toMillis());
		o.addProperty("verdict", report.verdict().name());
		report.unproven().ifPresent(u -> o.addProperty("unproven", u));
		JsonArray causes = new JsonArray();
		for (Cause c : report.causes()) {
			JsonObject cause = new JsonObject();
			cause.addProperty("id", c.id());
			cause.addProperty("confidence", c.confidence());
			cause.addProperty("confidenceLevel", ConfidenceLevel.of(c.confidence()).name());
			cause.addProperty("confidenceWords", ConfidenceLevel.of(c.confidence()).words());
			cause.add("evidence", evidence(c.evidence()));
			JsonObject remediation = new JsonObject();
			remediation.addProperty("side", c.remediation().side().name());
			remediation.addProperty("action", c.remediation().action());
			cause.add("remediation", remediation);
			causes.add(cause);
		}
		o.add("causes", causes);
		JsonArray checks = new JsonArray();
		for (CheckResult r : report.checks()) {
			JsonObject check = new JsonObject();
			check.addProperty("id", r.checkId());
			check.addProperty("title", r.title());
			check.addProperty("status", r.status().name());
			check.addProperty("summary", r.summary());
			check.addProperty("durationMillis", r.duration().toMillis());
			check.add("measurements", value(r.measurements()));
			check.add("evidence", evidence(r.evidence()));
			checks.add(check);
		}
		o.add("checks", checks);
		o.add("request", request(report.request()));
		report.vantagePoint().ifPresent(v -> {
			JsonObject vantage = new JsonObject();
			vantage.addProperty("hostName", v.hostName());
			JsonArray addresses = new JsonArray();
			v.clientAddresses().forEach(addresses::add);
			vantage.add("clientAddresses", addresses);
			vantage.addProperty("operatingSystem", v.operatingSystem());
			vantage.addProperty("productVersion", v.productVersion());
			vantage.addProperty("origin", v.origin());
			o.add("vantagePoint", vantage);
		});
		return o;
	}

	private static JsonObject request(DiagnosisRequest q) {
		JsonObject o = new JsonObject();
		o.addProperty("server", q.server());
		o.addProperty("signallingPort", q.signallingPort());
		o.addProperty("serverPorts", q.serverPorts().toString());
		o.addProperty("clientPorts", q.clientPorts().toString());
		q.responder().ifPresent(r -> o.addProperty("responder", r.toString()));
		q.secretReference().ifPresent(s -> o.addProperty("secretFile", s));
		q.peer().ifPresent(p -> o.addProperty("peer", p.toString()));
		o.addProperty("requireVpn", q.requireVpn());
		q.responderFingerprint().ifPresent(f -> o.addProperty("responderFingerprint", f));
		q.peerFingerprint().ifPresent(f -> o.addProperty("peerFingerprint", f));
		return o;
	}

	private static JsonArray evidence(List<Evidence> evidence) {
		JsonArray a = new JsonArray();
		for (Evidence e : evidence) {
			JsonObject o = new JsonObject();
			o.addProperty("checkId", e.checkId());
			o.addProperty("statement", e.statement());
			a.add(o);
		}
		return a;
	}

	/** Measurement values: strings, numbers, booleans, lists and maps; anything else as its string form. */
	static JsonElement value(Object v) {
		if (v == null) {
			return JsonNull.INSTANCE;
		}
		if (v instanceof String s) {
			return new JsonPrimitive(s);
		}
		if (v instanceof Boolean b) {
			return new JsonPrimitive(b);
		}
		if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
			return new JsonPrimitive(v.toString()); // JSON has no NaN
		}
		if (v instanceof Number n) {
			return new JsonPrimitive(n);
		}
		if (v instanceof Duration d) {
			return new JsonPrimitive(d.toMillis());
		}
		if (v instanceof Map<?, ?> m) {
			JsonObject o = new JsonObject();
			new TreeMap<String, Object>(toStringKeys(m)).forEach((k, x) -> o.add(k, value(x)));
			return o;
		}
		if (v instanceof Iterable<?> it) {
			JsonArray a = new JsonArray();
			it.forEach(x -> a.add(value(x)));
			return a;
		}
		if (v instanceof Optional<?> opt) {
			return opt.<JsonElement>map(ReportJson::value).orElse(JsonNull.INSTANCE);
		}
		return new JsonPrimitive(v.toString());
	}

	private static Map<String, Object> toStringKeys(Map<?, ?> m) {
		Map<String, Object> out = new LinkedHashMap<>();
		m.forEach((k, x) -> out.put(String.valueOf(k), x));
		return out;
	}

	/**
	 * Reads a report written by {@link #write}; used by the report store.
	 *
	 * @param json the document
	 * @return the report
	 * @throws IllegalArgumentException naming the field that is missing or wrong
	 */
	public static DiagnosticReport read(String json) {
		JsonObject o;
		try {
			JsonElement e = JsonParser.parseString(json);
			if (!e.isJsonObject()) {
				throw new IllegalArgumentException("report: not a JSON object");
			}
			o = e.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new IllegalArgumentException("report: not valid JSON (" + e.getMessage() + ")", e);
		}
		try {
			JsonObject q = object(o, "request");
			DiagnosisRequest request = new DiagnosisRequest(string(q, "server"), (int) number(q, "signallingPort"),
					PortRange.parse("request.serverPorts", string(q, "serverPorts")),
					PortRange.parse("request.clientPorts", string(q, "clientPorts")),
					optional(q, "responder").map(s -> HostAndPort.parse("request.responder", s, -1)),
					optional(q, "secretFile"), optional(q, "peer").map(s -> HostAndPort.parse("request.peer", s, -1)),
					q.has("requireVpn") && q.get("requireVpn").getAsBoolean(), optional(q, "responderFingerprint"),
					optional(q, "peerFingerprint"));
			List<Cause> causes = new ArrayList<>();
			for (JsonElement e : array(o, "causes")) {
				JsonObject c = e.getAsJsonObject();
				JsonObject r = object(c, "remediation");
				causes.add(new Cause(string(c, "id"), decimal(c, "confidence"), evidence(array(c, "evidence")),
						new Remediation(constant(Side.class, r, "side"), string(r, "action"))));
			}
			List<CheckResult> checks = new ArrayList<>();
			for (JsonElement e : array(o, "checks")) {
				JsonObject c = e.getAsJsonObject();
				@SuppressWarnings("unchecked")
				Map<String, Object> measurements = c.has("measurements")
						? (Map<String, Object>) plain(c.get("measurements")) : Map.of();
				checks.add(new CheckResult(string(c, "id"), string(c, "title"), constant(CheckStatus.class, c, "status"),
						string(c, "summary"), measurements, evidence(array(c, "evidence")),
						Duration.ofMillis(number(c, "durationMillis"))));
			}
			Optional<VantagePoint> vantage = Optional.empty();
			if (o.has("vantagePoint")) {
				JsonObject v = object(o, "vantagePoint");
				List<String> addresses = new ArrayList<>();
				for (JsonElement a : array(v, "clientAddresses")) {
					addresses.add(a.getAsString());
				}
				vantage = Optional.of(new VantagePoint(string(v, "hostName"), addresses, string(v, "operatingSystem"),
						string(v, "productVersion"), string(v, "origin")));
			}
			return new DiagnosticReport(string(o, "reportId"), request, Instant.parse(string(o, "startedAt")),
					Duration.ofMillis(number(o, "durationMillis")), constant(Verdict.class, o, "verdict"), causes, checks,
					optional(o, "unproven"), vantage);
		} catch (IllegalStateException | UnsupportedOperationException | NullPointerException | ClassCastException
				| DateTimeParseException e) {
			throw new IllegalArgumentException("report: " + e.getMessage(), e);
		}
	}

	private static List<Evidence> evidence(JsonArray a) {
		List<Evidence> out = new ArrayList<>();
		for (JsonElement e : a) {
			JsonObject o = e.getAsJsonObject();
			out.add(new Evidence(string(o, "checkId"), string(o, "statement")));
		}
		return out;
	}

	/** Back to the plain values measurements hold: whole numbers as Long, others as Double; null is dropped. */
	static Object plain(JsonElement e) {
		if (e.isJsonObject()) {
			Map<String, Object> m = new LinkedHashMap<>();
			e.getAsJsonObject().entrySet().forEach(x -> {
				if (!x.getValue().isJsonNull()) {
					m.put(x.getKey(), plain(x.getValue()));
				}
			});
			return m;
		}
		if (e.isJsonArray()) {
			List<Object> l = new ArrayList<>();
			e.getAsJsonArray().forEach(x -> {
				if (!x.isJsonNull()) {
					l.add(plain(x));
				}
			});
			return l;
		}
		JsonPrimitive p = e.getAsJsonPrimitive();
		if (p.isBoolean()) {
			return p.getAsBoolean();
		}
		if (p.isNumber()) {
			String text = p.getAsString();
			if (!(text.contains(".") || text.contains("e") || text.contains("E"))) {
				return p.getAsLong();
			}
			double d = p.getAsDouble();
			// Beyond double (1e400 in a damaged file): write() would turn Infinity into a string, so the
			// report would not read back equal; keep the text as it stands instead.
			return Double.isFinite(d) ? (Object) d : text;
		}
		return p.getAsString();
	}

	private static JsonObject object(JsonObject o, String field) {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonObject()) {
			throw new IllegalArgumentException("report: '" + field + "' is missing or not an object");
		}
		return e.getAsJsonObject();
	}

	private static JsonArray array(JsonObject o, String field) {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonArray()) {
			throw new IllegalArgumentException("report: '" + field + "' is missing or not an array");
		}
		return e.getAsJsonArray();
	}

	private static String string(JsonObject o, String field) {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonPrimitive()) {
			throw new IllegalArgumentException("report: '" + field + "' is missing or not a string");
		}
		return e.getAsString();
	}

	private static long number(JsonObject o, String field) {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
			throw new IllegalArgumentException("report: '" + field + "' is missing or not a number");
		}
		try {
			return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
		} catch (NumberFormatException | ArithmeticException notWhole) {
			throw new IllegalArgumentException("report: '" + field + "' is not a whole number: " + e.getAsString());
		}
	}

	private static double decimal(JsonObject o, String field) {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
			throw new IllegalArgumentException("report: '" + field + "' is missing or not a number");
		}
		return e.getAsDouble();
	}

	private static <E extends Enum<E>> E constant(Class<E> type, JsonObject o, String field) {
		String name = string(o, field);
		try {
			return Enum.valueOf(type, name);
		} catch (IllegalArgumentException unknown) {
			throw new IllegalArgumentException("report: '" + field + "' is '" + name + "', not one of "
					+ java.util.Arrays.toString(type.getEnumConstants()));
		}
	}

	private static Optional<String> optional(JsonObject o, String field) {
		JsonElement e = o.get(field);
		return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
	}
}
