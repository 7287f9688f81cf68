package org.mediapath.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.net.PortRange;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The user's-browser test's records as JSON, as they travel on the control channel inside
 * {@link ControlMessage.InvitationMade}, {@link ControlMessage.BrowserRuns} and
 * {@link ControlMessage.InvitationList}. Written by hand on Gson's tree so that the wire form is
 * explicit (no reflection over records, Optional as absent fields) and reading is strict: every field
 * is checked for type and bounds, and a malformed document is a {@link ProtocolException} naming the
 * field.
 */
public final class BrowserJson {

	/** The longest text field read. */
	static final int MAX_TEXT = 1000;
	/** The most ports one run may list. */
	static final int MAX_PORTS = 100;
	/** The most entries one list may hold. */
	static final int MAX_ENTRIES = 1000;

	private BrowserJson() {
	}

	/** @return the invitations as a JSON array */
	public static String invitations(List<BrowserInvitation> invitations) {
		JsonArray array = new JsonArray();
		invitations.forEach(i -> array.add(invitationTree(i)));
		return array.toString();
	}

	/** @return one invitation as a JSON object */
	public static String invitation(BrowserInvitation i) {
		return invitationTree(i).toString();
	}

	private static JsonObject invitationTree(BrowserInvitation i) {
		JsonObject o = new JsonObject();
		o.addProperty("token", i.token());
		o.addProperty("url", i.url());
		o.addProperty("created", i.created().toString());
		o.addProperty("expires", i.expires().toString());
		o.addProperty("uses", i.uses());
		o.addProperty("usesLeft", i.usesLeft());
		o.addProperty("label", i.label());
		o.add("policy", policy(i.policy()));
		return o;
	}

	/** @return the runs as a JSON array */
	public static String runs(List<BrowserRun> runs) {
		JsonArray array = new JsonArray();
		runs.forEach(r -> array.add(runTree(r)));
		return array.toString();
	}

	/** @return one run as a JSON object */
	public static String run(BrowserRun r) {
		return runTree(r).toString();
	}

	private static JsonObject runTree(BrowserRun r) {
		JsonObject o = new JsonObject();
		o.addProperty("id", r.id());
		o.addProperty("token", r.token());
		o.addProperty("label", r.label());
		o.add("policy", policy(r.policy()));
		o.addProperty("started", r.started().toString());
		o.addProperty("state", r.state().name());
		r.timeToVerdict().ifPresent(d -> o.addProperty("timeToVerdictMillis", d.toMillis()));
		o.addProperty("userAgent", r.userAgent());
		o.addProperty("browser", r.browser());
		o.addProperty("operatingSystem", r.operatingSystem());
		o.addProperty("seenAddress", r.seenAddress());
		o.addProperty("mediaAddress", r.mediaAddress());
		o.addProperty("serverPorts", r.serverPorts().toString());
		JsonArray ports = new JsonArray();
		for (BrowserPortResult p : r.ports()) {
			JsonObject q = new JsonObject();
			q.addProperty("port", p.port());
			q.addProperty("state", p.state().name());
			q.addProperty("requestsSent", p.requestsSent());
			q.addProperty("responsesReceived", p.responsesReceived());
			q.addProperty("requestsReceived", p.requestsReceived());
			q.addProperty("checksArrived", p.checksArrived());
			q.addProperty("answersSent", p.answersSent());
			p.roundTripMillis().ifPresent(d -> q.addProperty("roundTripMillis", d));
			p.seenFrom().ifPresent(s -> q.addProperty("seenFrom", s));
			ports.add(q);
		}
		o.add("ports", ports);
		JsonArray types = new JsonArray();
		r.localCandidateTypes().forEach(types::add);
		o.add("localCandidateTypes", types);
		o.addProperty("summary", r.summary());
		return o;
	}

	private static JsonObject policy(BrowserTestPolicy p) {
		JsonObject o = new JsonObject();
		o.addProperty("requireVpn", p.requireVpn());
		JsonArray ranges = new JsonArray();
		p.vpnAddressRanges().forEach(ranges::add);
		o.add("vpnAddressRanges", ranges);
		return o;
	}

	/**
	 * @param json a JSON array of invitations
	 * @return the invitations
	 * @throws ProtocolException naming the field that is malformed
	 */
	public static List<BrowserInvitation> readInvitations(String json) throws ProtocolException {
		List<BrowserInvitation> out = new ArrayList<>();
		for (JsonElement e : array(parse(json), "invitations", MAX_ENTRIES)) {
			out.add(readInvitationTree(object(e, "invitation")));
		}
		return out;
	}

	/**
	 * @param json one invitation as a JSON object
	 * @return the invitation
	 * @throws ProtocolException naming the field that is malformed
	 */
	public static BrowserInvitation readInvitation(String json) throws ProtocolException {
		return readInvitationTree(object(parse(json), "invitation"));
	}

	private static BrowserInvitation readInvitationTree(JsonObject o) throws ProtocolException {
		try {
			return new BrowserInvitation(text(o, "token"), text(o, "url"), instant(o, "created"), instant(o, "expires"),
					(int) number(o, "uses", 0, 1_000_000), (int) number(o, "usesLeft", 0, 1_000_000), text(o, "label"),
					readPolicy(object(o.get("policy"), "policy")));
		} catch (IllegalArgumentException | NullPointerException e) {
			throw new ProtocolException("browser invitation: " + e.getMessage());
		}
	}

	/**
	 * @param json a JSON array of runs
	 * @return the runs
	 * @throws ProtocolException naming the field that is malformed
	 */
	public static List<BrowserRun> readRuns(String json) throws ProtocolException {
		List<BrowserRun> out = new ArrayList<>();
		for (JsonElement e : array(parse(json), "runs", MAX_ENTRIES)) {
			out.add(readRun(object(e, "run")));
		}
		return out;
	}

	private static BrowserRun readRun(JsonObject o) throws ProtocolException {
		List<BrowserPortResult> ports = new ArrayList<>();
		for (JsonElement e : array(o.get("ports"), "ports", MAX_PORTS)) {
			JsonObject q = object(e, "ports[]");
			OptionalDouble rtt = q.has("roundTripMillis") ? OptionalDouble.of(decimal(q, "roundTripMillis"))
					: OptionalDouble.empty();
			ports.add(new BrowserPortResult((int) number(q, "port", 1, 65535), enumOf(PortState.class, q, "state"),
					number(q, "requestsSent", 0, Long.MAX_VALUE), number(q, "responsesReceived", 0, Long.MAX_VALUE),
					number(q, "requestsReceived", 0, Long.MAX_VALUE), number(q, "checksArrived", 0, Long.MAX_VALUE),
					number(q, "answersSent", 0, Long.MAX_VALUE), rtt,
					q.has("seenFrom") ? Optional.of(text(q, "seenFrom")) : Optional.empty()));
		}
		List<String> types = new ArrayList<>();
		for (JsonElement e : array(o.get("localCandidateTypes"), "localCandidateTypes", 8)) {
			types.add(string(e, "localCandidateTypes[]"));
		}
		try {
			return new BrowserRun(text(o, "id"), text(o, "token"), text(o, "label"),
					readPolicy(object(o.get("policy"), "policy")), instant(o, "started"), enumOf(RunState.class, o, "state"),
					o.has("timeToVerdictMillis") ? Optional.of(Duration.ofMillis(number(o, "timeToVerdictMillis", 0, 86_400_000L)))
							: Optional.empty(),
					text(o, "userAgent"), text(o, "browser"), text(o, "operatingSystem"), text(o, "seenAddress"),
					text(o, "mediaAddress"), PortRange.parse("serverPorts", text(o, "serverPorts")), ports, types,
					text(o, "summary"));
		} catch (IllegalArgumentException | NullPointerException e) {
			throw new ProtocolException("browser run: " + e.getMessage());
		}
	}

	private static BrowserTestPolicy readPolicy(JsonObject o) throws ProtocolException {
		JsonElement require = o.get("requireVpn");
		if (require == null || !require.isJsonPrimitive() || !require.getAsJsonPrimitive().isBoolean()) {
			throw new ProtocolException("browser test: policy.requireVpn is not true or false");
		}
		List<String> ranges = new ArrayList<>();
		for (JsonElement e : array(o.get("vpnAddressRanges"), "vpnAddressRanges", 64)) {
			ranges.add(string(e, "vpnAddressRanges[]"));
		}
		return new BrowserTestPolicy(require.getAsBoolean(), ranges);
	}

	private static JsonElement parse(String json) throws ProtocolException {
		try {
			return JsonParser.parseString(json);
		} catch (JsonParseException | StackOverflowError e) {
			throw new ProtocolException("browser test: the JSON is malformed");
		}
	}

	private static JsonArray array(JsonElement e, String field, int max) throws ProtocolException {
		if (e == null || !e.isJsonArray()) {
			throw new ProtocolException("browser test: " + field + " is not a list");
		}
		if (e.getAsJsonArray().size() > max) {
			throw new ProtocolException("browser test: " + field + " holds more than " + max + " entries");
		}
		return e.getAsJsonArray();
	}

	private static JsonObject object(JsonElement e, String field) throws ProtocolException {
		if (e == null || !e.isJsonObject()) {
			throw new ProtocolException("browser test: " + field + " is not an object");
		}
		return e.getAsJsonObject();
	}

	private static String text(JsonObject o, String field) throws ProtocolException {
		return string(o.get(field), field);
	}

	private static String string(JsonElement e, String field) throws ProtocolException {
		if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
			throw new ProtocolException("browser test: " + field + " is not text");
		}
		String s = e.getAsString();
		if (s.length() > MAX_TEXT) {
			throw new ProtocolException("browser test: " + field + " is longer than " + MAX_TEXT + " characters");
		}
		return s;
	}

	private static long number(JsonObject o, String field, long min, long max) throws ProtocolException {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
			throw new ProtocolException("browser test: " + field + " is not a number");
		}
		JsonPrimitive p = e.getAsJsonPrimitive();
		long value;
		try {
			value = p.getAsBigDecimal().longValueExact();
		} catch (ArithmeticException | NumberFormatException ex) {
			throw new ProtocolException("browser test: " + field + " is not a whole number in range");
		}
		if (value < min || value > max) {
			throw new ProtocolException("browser test: " + field + " is outside " + min + "-" + max);
		}
		return value;
	}

	private static double decimal(JsonObject o, String field) throws ProtocolException {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
			throw new ProtocolException("browser test: " + field + " is not a number");
		}
		double d;
		try {
			d = e.getAsDouble();
		} catch (NumberFormatException ex) {
			throw new ProtocolException("browser test: " + field + " is not a number");
		}
		if (!Double.isFinite(d) || d < 0 || d > 3_600_000) {
			throw new ProtocolException("browser test: " + field + " is out of range");
		}
		return d;
	}

	private static Instant instant(JsonObject o, String field) throws ProtocolException {
		try {
			return Instant.parse(text(o, field));
		} catch (DateTimeParseException e) {
			throw new ProtocolException("browser test: " + field + " is not an ISO-8601 instant");
		}
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, JsonObject o, String field) throws ProtocolException {
		String value = text(o, field);
		for (E e : type.getEnumConstants()) {
			if (e.name().equals(value)) {
				return e;
			}
		}
		throw new ProtocolException("browser test: " + field + " is not one of the known values");
	}
}
