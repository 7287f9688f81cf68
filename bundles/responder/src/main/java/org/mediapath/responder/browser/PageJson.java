package org.mediapath.responder.browser;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads the page's JSON requests into the facade's values, with every field bounded. Gson's
 * streaming reader in strict mode does the JSON (no lenient syntax, no NaN, nesting that costs no
 * stack); this class says which fields there must be and what they may hold. A refusal is a
 * {@link BrowserTestException} with code {@code BAD_REQUEST} (400) whose message names the field and
 * never repeats what the request carried: the page is exposed to anyone who can reach the PBX.
 *
 * <p>Unknown fields are skipped (a newer page may send more); a field given twice is refused (which
 * of the two counts would be a guess).
 */
public final class PageJson {

	/** The longest token, run id or run key (they are base64url text of a few dozen characters). */
	public static final int MAX_ID = 128;
	/** The longest SDP offer (a data-channel offer of Chrome or Firefox is 0.5-2 KB). */
	public static final int MAX_SDP = 12_000;
	/** The most pairs one report may carry (one per port the run tests). */
	public static final int MAX_PAIRS = 64;
	/** The largest count of checks a report may give (ICE sends ~16 a second; a run lasts seconds). */
	public static final long MAX_COUNT = 1_000_000;
	/** The longest elapsed time a report may give: an hour (a run lasts seconds). */
	public static final long MAX_ELAPSED_MILLIS = 3_600_000;
	/** The longest round trip a report may give, in seconds. */
	public static final double MAX_ROUND_TRIP_SECONDS = 60;

	/** A token, run id or key: base64url letters only, so that nothing else ever reaches a map or a log. */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID + "}");
	/** RTCStatsIceCandidatePairState. */
	private static final Set<String> PAIR_STATES = Set.of("", "frozen", "waiting", "in-progress", "succeeded",
			"failed");
	/** RTCIceCandidateType. */
	private static final Set<String> CANDIDATE_TYPES = Set.of("", "host", "srflx", "prflx", "relay");
	/** RTCPeerConnectionState. */
	private static final Set<String> CONNECTION_STATES = Set.of("", "new", "connecting", "connected", "disconnected",
			"failed", "closed");

	private PageJson() {
	}

	/** {@code POST api/runs}: the link's token. */
	public record StartRequest(String token) {
	}

	/** {@code POST api/runs/{run}/offer}: the run's key, the port, the SDP offer. */
	public record OfferRequest(String key, int port, String sdp) {
	}

	/** {@code POST api/runs/{run}/report}: the run's key and the page's counts. */
	public record ReportRequest(String key, PageReport report) {
	}

	/** @return whether a token, run id or key from the path has the only shape this responder makes */
	public static boolean isId(String text) {
		return text != null && ID.matcher(text).matches();
	}

	/**
	 * @param json the body, {@code {"token": T}}
	 * @throws BrowserTestException BAD_REQUEST naming the field that is missing or wrong
	 */
	public static StartRequest start(String json) throws BrowserTestException {
		Map<String, Object> fields = object(json, "", Map.of("token", PageJson::id));
		return new StartRequest((String) required(fields, "", "token"));
	}

	/**
	 * @param json the body, {@code {"key": K, "port": P, "sdp": OFFER}}
	 * @throws BrowserTestException BAD_REQUEST naming the field that is missing or wrong
	 */
	public static OfferRequest offer(String json) throws BrowserTestException {
		Map<String, Object> fields = object(json, "",
				Map.of("key", PageJson::id, "port", PageJson::port, "sdp", PageJson::sdp));
		return new OfferRequest((String) required(fields, "", "key"), (Integer) required(fields, "", "port"),
				(String) required(fields, "", "sdp"));
	}

	/**
	 * @param json the body, {@code {"key": K, "elapsedMillis": N, "last": bool, "pairs": [...]}}
	 * @throws BrowserTestException BAD_REQUEST naming the field that is missing or wrong
	 */
	public static ReportRequest report(String json) throws BrowserTestException {
		Map<String, Object> fields = object(json, "", Map.of("key", PageJson::id, "elapsedMillis",
				r -> count(r, MAX_ELAPSED_MILLIS), "last", PageJson::bool, "pairs", PageJson::pairs));
		@SuppressWarnings("unchecked")
		List<PairReport> pairs = (List<PairReport>) required(fields, "", "pairs");
		return new ReportRequest((String) required(fields, "", "key"), new PageReport(
				(Long) required(fields, "", "elapsedMillis"), pairs, (Boolean) required(fields, "", "last")));
	}

	// ---- the reading --------------------------------------------------------------------------

	/** Reads one field's value; {@code field} is its path for the message. */
	@FunctionalInterface
	private interface Value {
		Object read(Field field) throws IOException, BrowserTestException;
	}

	/** The reader positioned at a field's value, and the field's name as the page's author knows it. */
	private record Field(JsonReader in, String path) {
	}

	private static Map<String, Object> object(String json, String path, Map<String, Value> known)
			throws BrowserTestException {
		if (json == null || json.isBlank()) {
			throw bad("The request has no body: a JSON object was expected.");
		}
		JsonReader in = new JsonReader(new StringReader(json));
		in.setStrictness(Strictness.STRICT);
		try {
			if (in.peek() != JsonToken.BEGIN_OBJECT) {
				throw bad("The request is not a JSON object.");
			}
			Map<String, Object> fields = fields(in, path, known);
			if (in.peek() != JsonToken.END_DOCUMENT) {
				throw bad("The request has more after its JSON object.");
			}
			return fields;
		} catch (MalformedJsonException | IllegalStateException | NumberFormatException | java.io.EOFException e) {
			// Gson's messages quote the input: say where instead
			throw bad("The request is not well-formed JSON" + (path.isEmpty() ? "." : " in " + path + "."));
		} catch (IOException e) {
			throw bad("The request could not be read as JSON.");
		}
	}

	/** Reads the object at the reader (its BEGIN_OBJECT next) into the known fields' values. */
	private static Map<String, Object> fields(JsonReader in, String path, Map<String, Value> known)
			throws IOException, BrowserTestException {
		Map<String, Object> values = new HashMap<>();
		Set<String> seen = new HashSet<>();
		in.beginObject();
		while (in.hasNext()) {
			String name = in.nextName();
			Value value = known.get(name);
			if (value == null) {
				in.skipValue();
				continue;
			}
			String fieldPath = path.isEmpty() ? name : path + "." + name;
			if (!seen.add(name)) {
				throw bad("The field " + fieldPath + " is given twice.");
			}
			values.put(name, value.read(new Field(in, fieldPath)));
		}
		in.endObject();
		return values;
	}

	private static Object required(Map<String, Object> fields, String path, String name) throws BrowserTestException {
		Object value = fields.get(name);
		if (value == null) {
			throw bad("The field " + (path.isEmpty() ? name : path + "." + name) + " is missing.");
		}
		return value;
	}

	private static String id(Field f) throws IOException, BrowserTestException {
		String text = string(f, MAX_ID);
		if (!ID.matcher(text).matches()) {
			throw bad("The field " + f.path() + " is not a token of this responder (letters, digits, - and _ only, at most "
					+ MAX_ID + ").");
		}
		return text;
	}

	private static Integer port(Field f) throws IOException, BrowserTestException {
		long port = integer(f);
		if (port < 1 || port > 65_535) {
			throw bad("The field " + f.path() + " is not a port (1-65535).");
		}
		return (int) port;
	}

	private static String sdp(Field f) throws IOException, BrowserTestException {
		String sdp = string(f, MAX_SDP);
		if (sdp.isEmpty()) {
			throw bad("The field " + f.path() + " is empty: the browser's SDP offer was expected.");
		}
		for (int i = 0; i < sdp.length(); i++) {
			char c = sdp.charAt(i);
			if (c < 0x20 && c != '\r' && c != '\n' && c != '\t' || c == 0x7f) {
				throw bad("The field " + f.path() + " holds a control character an SDP offer never has.");
			}
		}
		return sdp;
	}

	private static Boolean bool(Field f) throws IOException, BrowserTestException {
		if (f.in().peek() != JsonToken.BOOLEAN) {
			f.in().skipValue();
			throw bad("The field " + f.path() + " is not true or false.");
		}
		return f.in().nextBoolean();
	}

	private static Long count(Field f, long max) throws IOException, BrowserTestException {
		long n = integer(f);
		if (n < 0 || n > max) {
			throw bad("The field " + f.path() + " is outside 0-" + max + ".");
		}
		return n;
	}

	private static Double roundTrip(Field f) throws IOException, BrowserTestException {
		JsonToken token = f.in().peek();
		if (token == JsonToken.NULL) {
			f.in().nextNull();
			return Double.NaN;
		}
		if (token != JsonToken.NUMBER) {
			f.in().skipValue();
			throw bad("The field " + f.path() + " is not a number of seconds (or null).");
		}
		double seconds;
		try {
			seconds = f.in().nextDouble();
		} catch (NumberFormatException e) {
			throw bad("The field " + f.path() + " is not a number of seconds (or null).");
		}
		if (!(seconds >= 0 && seconds <= MAX_ROUND_TRIP_SECONDS)) {
			throw bad("The field " + f.path() + " is outside 0-" + (int) MAX_ROUND_TRIP_SECONDS + " seconds.");
		}
		return seconds;
	}

	private static List<PairReport> pairs(Field f) throws IOException, BrowserTestException {
		JsonReader in = f.in();
		if (in.peek() != JsonToken.BEGIN_ARRAY) {
			in.skipValue();
			throw bad("The field " + f.path() + " is not a list.");
		}
		List<PairReport> pairs = new ArrayList<>();
		Set<Integer> ports = new HashSet<>();
		in.beginArray();
		while (in.hasNext()) {
			String path = f.path() + "[" + pairs.size() + "]";
			if (pairs.size() == MAX_PAIRS) {
				throw bad("The field " + f.path() + " has more than " + MAX_PAIRS + " entries.");
			}
			if (in.peek() != JsonToken.BEGIN_OBJECT) {
				throw bad("The field " + path + " is not an object.");
			}
			PairReport pair = pair(in, path);
			if (!ports.add(pair.port())) {
				throw bad("The field " + path + ".port names a port an earlier entry has.");
			}
			pairs.add(pair);
		}
		in.endArray();
		return pairs;
	}

	private static PairReport pair(JsonReader in, String path) throws IOException, BrowserTestException {
		Map<String, Object> v = fields(in, path, Map.of( //
				"port", PageJson::port, //
				"pairState", f -> oneOf(f, PAIR_STATES), //
				"requestsSent", f -> count(f, MAX_COUNT), //
				"responsesReceived", f -> count(f, MAX_COUNT), //
				"requestsReceived", f -> count(f, MAX_COUNT), //
				"roundTripSeconds", PageJson::roundTrip, //
				"localCandidateType", f -> oneOf(f, CANDIDATE_TYPES), //
				"connectionState", f -> oneOf(f, CONNECTION_STATES)));
		return new PairReport((Integer) required(v, path, "port"), (String) required(v, path, "pairState"),
				(Long) required(v, path, "requestsSent"), (Long) required(v, path, "responsesReceived"),
				(Long) required(v, path, "requestsReceived"), (Double) v.getOrDefault("roundTripSeconds", Double.NaN),
				(String) required(v, path, "localCandidateType"), (String) required(v, path, "connectionState"));
	}

	private static String oneOf(Field f, Set<String> allowed) throws IOException, BrowserTestException {
		String text = string(f, 32);
		if (!allowed.contains(text)) {
			throw bad("The field " + f.path() + " is none of " + String.join(", ",
					allowed.stream().sorted().map(s -> s.isEmpty() ? "\"\"" : s).toList()) + ".");
		}
		return text;
	}

	private static String string(Field f, int max) throws IOException, BrowserTestException {
		if (f.in().peek() != JsonToken.STRING) {
			f.in().skipValue();
			throw bad("The field " + f.path() + " is not a string.");
		}
		String text = f.in().nextString();
		if (text.length() > max) {
			throw bad("The field " + f.path() + " is longer than " + max + " characters.");
		}
		return text;
	}

	private static long integer(Field f) throws IOException, BrowserTestException {
		if (f.in().peek() != JsonToken.NUMBER) {
			f.in().skipValue();
			throw bad("The field " + f.path() + " is not a number.");
		}
		try {
			return f.in().nextLong();
		} catch (NumberFormatException e) {
			throw bad("The field " + f.path() + " is not a whole number.");
		}
	}

	static BrowserTestException bad(String message) {
		return new BrowserTestException(BrowserTestException.BAD_REQUEST, 400, message);
	}
}
