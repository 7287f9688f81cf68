package org.mediapath.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;

/**
 * A report as the JSON layout of DESIGN.md (the same fields {@code mediapath diagnose --json}
 * prints), mapped by hand from the API records so the download never depends on the engine's
 * implementation packages.
 */
final class ReportMaps {

	static final int SCHEMA_VERSION = 1;

	private ReportMaps() {
	}

	static Map<String, Object> report(DiagnosticReport report) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("schemaVersion", SCHEMA_VERSION);
		o.put("reportId", report.id());
		o.put("target", report.target());
		o.put("startedAt", report.started().toString());
		o.put("durationMillis", report.duration().toMillis());
		o.put("verdict", report.verdict().name());
		List<Object> causes = new ArrayList<>();
		for (Cause c : report.causes()) {
			Map<String, Object> cause = new LinkedHashMap<>();
			cause.put("id", c.id());
			cause.put("confidence", c.confidence());
			cause.put("confidenceLevel", org.mediapath.api.report.ConfidenceLevel.of(c.confidence()).name());
			cause.put("confidenceWords", org.mediapath.api.report.ConfidenceLevel.of(c.confidence()).words());
			cause.put("evidence", evidence(c.evidence()));
			Map<String, Object> remediation = new LinkedHashMap<>();
			remediation.put("side", c.remediation().side().name());
			remediation.put("action", c.remediation().action());
			cause.put("remediation", remediation);
			causes.add(cause);
		}
		o.put("causes", causes);
		List<Object> checks = new ArrayList<>();
		for (CheckResult r : report.checks()) {
			Map<String, Object> check = new LinkedHashMap<>();
			check.put("id", r.checkId());
			check.put("title", r.title());
			check.put("status", r.status().name());
			check.put("summary", r.summary());
			check.put("durationMillis", r.duration().toMillis());
			check.put("measurements", new TreeMap<>(r.measurements()));
			check.put("evidence", evidence(r.evidence()));
			checks.add(check);
		}
		o.put("checks", checks);
		o.put("request", request(report.request()));
		report.vantagePoint().ifPresent(v -> {
			Map<String, Object> vantage = new LinkedHashMap<>();
			vantage.put("hostName", v.hostName());
			vantage.put("clientAddresses", v.clientAddresses());
			vantage.put("operatingSystem", v.operatingSystem());
			vantage.put("productVersion", v.productVersion());
			vantage.put("origin", v.origin());
			o.put("vantagePoint", vantage);
		});
		return o;
	}

	static Map<String, Object> request(DiagnosisRequest q) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("server", q.server());
		o.put("signallingPort", q.signallingPort());
		o.put("serverPorts", q.serverPorts().toString());
		o.put("clientPorts", q.clientPorts().toString());
		q.responder().ifPresent(r -> o.put("responder", r.toString()));
		q.secretReference().ifPresent(s -> o.put("secretFile", s));
		q.peer().ifPresent(p -> o.put("peer", p.toString()));
		q.responderFingerprint().ifPresent(f -> o.put("responderFingerprint", f));
		q.peerFingerprint().ifPresent(f -> o.put("peerFingerprint", f));
		o.put("requireVpn", q.requireVpn());
		return o;
	}

	/** @return one history row: id, target, startedAt, verdict, causes ids, durationMillis */
	static Map<String, Object> summary(DiagnosticReport report) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("reportId", report.id());
		o.put("target", report.target());
		o.put("startedAt", report.started().toString());
		o.put("verdict", report.verdict().name());
		o.put("causes", report.causes().stream().map(Cause::id).toList());
		o.put("durationMillis", report.duration().toMillis());
		return o;
	}

	private static List<Object> evidence(List<Evidence> evidence) {
		List<Object> a = new ArrayList<>();
		for (Evidence e : evidence) {
			Map<String, Object> o = new LinkedHashMap<>();
			o.put("checkId", e.checkId());
			o.put("statement", e.statement());
			a.add(o);
		}
		return a;
	}
}
