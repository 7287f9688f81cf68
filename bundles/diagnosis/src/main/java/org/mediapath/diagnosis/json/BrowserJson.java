package org.mediapath.diagnosis.json;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestPolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The JSON of {@code mediapath browser-test}: invitations and runs, mapped field by field (a public
 * contract, like {@link ReportJson}; fields are only ever added).
 *
 * <pre>
 * invitation: { "token", "url", "createdAt", "expiresAt", "uses", "usesLeft", "label",
 *               "policy": { "requireVpn", "vpnAddressRanges": [...] } }
 * run: { "id", "token", "label", "policy", "startedAt", "state": "RUNNING"|"DONE"|"ABANDONED",
 *        "timeToVerdictMillis"?, "userAgent", "browser", "operatingSystem", "seenAddress", "mediaAddress",
 *        "serverPorts", "ports": [ { "port", "state", "requestsSent", "responsesReceived", "requestsReceived",
 *        "checksArrived", "answersSent", "roundTripMillis"?, "seenFrom"? } ], "localCandidateTypes": [...], "summary" }
 * </pre>
 */
public final class BrowserJson {

	private BrowserJson() {
	}

	/** @return the invitation as a JSON object */
	public static JsonObject invitation(BrowserInvitation i) {
		JsonObject o = new JsonObject();
		o.addProperty("token", i.token());
		o.addProperty("url", i.url());
		o.addProperty("createdAt", i.created().toString());
		o.addProperty("expiresAt", i.expires().toString());
		o.addProperty("uses", i.uses());
		o.addProperty("usesLeft", i.usesLeft());
		o.addProperty("label", i.label());
		o.add("policy", policy(i.policy()));
		return o;
	}

	/** @return the run as a JSON object */
	public static JsonObject run(BrowserRun r) {
		JsonObject o = new JsonObject();
		o.addProperty("id", r.id());
		o.addProperty("token", r.token());
		o.addProperty("label", r.label());
		o.add("policy", policy(r.policy()));
		o.addProperty("startedAt", r.started().toString());
		o.addProperty("state", r.state().name());
		r.timeToVerdict().ifPresent(t -> o.addProperty("timeToVerdictMillis", t.toMillis()));
		o.addProperty("userAgent", r.userAgent());
		o.addProperty("browser", r.browser());
		o.addProperty("operatingSystem", r.operatingSystem());
		o.addProperty("seenAddress", r.seenAddress());
		o.addProperty("mediaAddress", r.mediaAddress());
		o.addProperty("serverPorts", r.serverPorts().toString());
		JsonArray ports = new JsonArray();
		for (BrowserPortResult p : r.ports()) {
			JsonObject port = new JsonObject();
			port.addProperty("port", p.port());
			port.addProperty("state", p.state().name());
			port.addProperty("requestsSent", p.requestsSent());
			port.addProperty("responsesReceived", p.responsesReceived());
			port.addProperty("requestsReceived", p.requestsReceived());
			port.addProperty("checksArrived", p.checksArrived());
			port.addProperty("answersSent", p.answersSent());
			p.roundTripMillis().ifPresent(rtt -> port.addProperty("roundTripMillis", rtt));
			p.seenFrom().ifPresent(s -> port.addProperty("seenFrom", s));
			ports.add(port);
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
}
