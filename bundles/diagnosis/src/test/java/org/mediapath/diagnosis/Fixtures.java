package org.mediapath.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.Findings;

/**
 * Check results as the built-in checks produce them, for the scenarios of the reference article.
 * Plain records, no mocks: rules are pure functions of these.
 */
public final class Fixtures {

	public static final String SERVER = "198.18.2.10";

	private final Map<String, CheckResult> results = new LinkedHashMap<>();
	private DiagnosisRequest request = DiagnosisRequest.forServer(SERVER);

	public static Fixtures scenario() {
		return new Fixtures();
	}

	public Fixtures request(DiagnosisRequest r) {
		this.request = r;
		return this;
	}

	public Fixtures withResponder() {
		request = new DiagnosisRequest(SERVER, 2230, request.serverPorts(), request.clientPorts(),
				Optional.of(new HostAndPort(SERVER, 2231)), Optional.of("/etc/mediapath/secret"), request.peer(), request.requireVpn());
		return this;
	}

	public Fixtures withPeer() {
		request = new DiagnosisRequest(SERVER, 2230, request.serverPorts(), request.clientPorts(), request.responder(),
				Optional.of("/etc/mediapath/secret"), Optional.of(new HostAndPort("198.18.3.20", 2231)), request.requireVpn());
		return this;
	}

	public Fixtures requireVpn() {
		request = new DiagnosisRequest(SERVER, 2230, request.serverPorts(), request.clientPorts(), request.responder(),
				request.secretReference(), request.peer(), true);
		return this;
	}

	public Fixtures put(CheckResult r) {
		results.put(r.checkId(), r);
		return this;
	}

	public Fixtures signalling(String outcome) {
		Map<String, Object> m = Map.of(BuiltInChecks.ADDRESS, SERVER, BuiltInChecks.OUTCOME, outcome, BuiltInChecks.PORTS, "2230");
		CheckStatus s = outcome.equals("OPEN") ? CheckStatus.PASS : CheckStatus.FAIL;
		String summary = "TCP 2230 on " + SERVER + (s == CheckStatus.PASS ? " connects (3 of 3 attempts)" : " " + outcome.toLowerCase());
		return put(new CheckResult(BuiltInChecks.SIGNALLING, "TCP signalling", s, summary, m,
				List.of(new Evidence(BuiltInChecks.SIGNALLING, summary)), Duration.ofMillis(12)));
	}

	/** @param runs "30000-30999:PASS", "31000-33000:SILENT" ... */
	public Fixtures serverUdp(boolean cooperative, CheckStatus status, String... runs) {
		return udp(BuiltInChecks.SERVER_UDP, "30000-33000", cooperative, status, runs);
	}

	public Fixtures clientUdp(CheckStatus status, String... runs) {
		return udp(BuiltInChecks.CLIENT_UDP, "49152-65535", true, status, runs);
	}

	private Fixtures udp(String id, String ports, boolean cooperative, CheckStatus status, String... runs) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (String run : runs) {
			String[] parts = run.split(":");
			list.add(Map.of(BuiltInChecks.RUN_PORTS, parts[0], BuiltInChecks.RUN_OUTCOME, parts[1], BuiltInChecks.RUN_PROBED, 8));
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.ADDRESS, SERVER);
		m.put(BuiltInChecks.PORTS, ports);
		m.put(BuiltInChecks.COOPERATIVE, cooperative);
		m.put(BuiltInChecks.SENT, 64);
		m.put(BuiltInChecks.ANSWERED, 0);
		m.put(BuiltInChecks.RUNS, list);
		String summary = "UDP " + ports + " on " + SERVER + ": " + String.join(", ", runs);
		return put(new CheckResult(id, id, status, summary, m, List.of(new Evidence(id, summary)), Duration.ofMillis(800)));
	}

	public Fixtures ice(CheckStatus status) {
		Map<String, Object> m = Map.of(BuiltInChecks.OUTCOME, status == CheckStatus.PASS ? "CONNECTED" : "FAILED",
				BuiltInChecks.PAIRS, List.of(Map.of("local", "198.18.1.2:50000/udp host", "remote", "10.9.9.9:30010/udp host",
						"state", status == CheckStatus.PASS ? "SUCCEEDED" : "FAILED")));
		String summary = "server: ICE " + (status == CheckStatus.PASS ? "connected in 40 ms" : "failed");
		return put(new CheckResult(BuiltInChecks.ICE, "ICE", status, summary, m, List.of(new Evidence(BuiltInChecks.ICE, summary)),
				Duration.ofMillis(900)));
	}

	public Fixtures peer(CheckStatus status) {
		Map<String, Object> m = Map.of(BuiltInChecks.ADDRESS, "198.18.3.20", BuiltInChecks.OUTCOME,
				status == CheckStatus.PASS ? "CONNECTED" : "UNREACHABLE");
		String summary = status == CheckStatus.PASS ? "peer 198.18.3.20: ICE connected"
				: "peer 198.18.3.20: its responder at 198.18.3.20:2231 cannot be reached from this client (Connection timed out)";
		return put(new CheckResult(BuiltInChecks.PEER, "peer", status, summary, m, List.of(new Evidence(BuiltInChecks.PEER, summary)),
				Duration.ofMillis(3000)));
	}

	/** @param findings "CAUSE_ID|FAIL|statement" (cause may be empty) */
	public Fixtures route(boolean viaVpn, String iface, CheckStatus status, String... findings) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.ADDRESS, SERVER);
		m.put(BuiltInChecks.VIA_VPN, viaVpn);
		m.put(BuiltInChecks.INTERFACE, iface);
		if (viaVpn) {
			m.put(BuiltInChecks.VPN_PRODUCT, "WireGuard");
		}
		m.put(BuiltInChecks.REQUIRE_VPN, request.requireVpn());
		m.put(BuiltInChecks.SERVER_ADDRESSES, List.of(SERVER, "10.9.9.9"));
		List<Map<String, Object>> list = new ArrayList<>();
		for (String f : findings) {
			String[] p = f.split("\\|");
			Map<String, Object> fm = new LinkedHashMap<>();
			if (!p[0].isEmpty()) {
				fm.put(BuiltInChecks.FINDING_CAUSE, p[0]);
			}
			fm.put(BuiltInChecks.FINDING_SEVERITY, p[1]);
			fm.put(BuiltInChecks.FINDING_STATEMENT, p[2]);
			list.add(fm);
		}
		m.put(BuiltInChecks.FINDINGS, list);
		String summary = "the route to " + SERVER + " leaves through " + iface + (viaVpn ? " (VPN: WireGuard)" : " (no VPN)");
		return put(new CheckResult(BuiltInChecks.ROUTE, "route", status, summary, m,
				List.of(new Evidence(BuiltInChecks.ROUTE, summary)), Duration.ofMillis(30)));
	}

	public Fixtures skipped(String id, String reason) {
		return put(CheckResult.inconclusive(id, id, CheckStatus.SKIPPED, reason, Duration.ZERO));
	}

	public Findings findings() {
		return new Findings(request, results);
	}

	public DiagnosisRequest requestValue() {
		return request;
	}

	public List<CheckResult> results() {
		return List.copyOf(results.values());
	}

	/** Keeps CauseIds referenced so a renamed constant breaks the fixtures at compile time. */
	static final List<String> IDS = CauseIds.ALL;
}
