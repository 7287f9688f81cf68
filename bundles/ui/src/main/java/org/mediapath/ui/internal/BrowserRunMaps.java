package org.mediapath.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestPolicy;

/**
 * Browser runs and invitations as the JSON of the page's live view, mapped from the API records
 * by hand. What the PBX's request holds (its secret file above all) is never part of it: only the
 * PBX's name travels.
 */
final class BrowserRunMaps {

	private BrowserRunMaps() {
	}

	static Map<String, Object> run(BrowserRun r) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("id", r.id());
		o.put("state", r.state().name());
		o.put("started", r.started().toString());
		r.timeToVerdict().ifPresent(d -> o.put("timeToVerdictMillis", d.toMillis()));
		o.put("label", r.label());
		o.put("browser", r.browser());
		o.put("operatingSystem", r.operatingSystem());
		o.put("seenAddress", r.seenAddress());
		o.put("mediaAddress", r.mediaAddress());
		o.put("serverPorts", r.serverPorts().toString());
		o.put("localCandidateTypes", r.localCandidateTypes());
		o.put("summary", r.summary());
		List<Object> ports = new ArrayList<>();
		for (BrowserPortResult p : r.ports()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("port", p.port());
			m.put("state", p.state().name());
			m.put("requestsSent", p.requestsSent());
			m.put("responsesReceived", p.responsesReceived());
			m.put("requestsReceived", p.requestsReceived());
			m.put("checksArrived", p.checksArrived());
			m.put("answersSent", p.answersSent());
			if (p.roundTripMillis().isPresent()) {
				m.put("roundTripMillis", p.roundTripMillis().getAsDouble());
			}
			p.seenFrom().ifPresent(s -> m.put("seenFrom", s));
			ports.add(m);
		}
		o.put("ports", ports);
		return o;
	}

	static Map<String, Object> invitation(BrowserInvitation i, String pbx) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("token", i.token());
		o.put("url", i.url());
		o.put("pbx", pbx);
		o.put("created", i.created().toString());
		o.put("expires", i.expires().toString());
		o.put("uses", i.uses());
		o.put("usesLeft", i.usesLeft());
		o.put("label", i.label());
		o.put("policy", policy(i.policy()));
		return o;
	}

	static Map<String, Object> policy(BrowserTestPolicy p) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("requireVpn", p.requireVpn());
		o.put("vpnAddressRanges", p.vpnAddressRanges());
		return o;
	}
}
