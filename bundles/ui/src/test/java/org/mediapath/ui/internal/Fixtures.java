package org.mediapath.ui.internal;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.Verdict;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;

/** Reports, configuration and in-memory services for the tests: reports are just records. */
final class Fixtures {

	static final String XSS = "<img src=x onerror=alert(1)>";
	static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	private Fixtures() {
	}

	/** @return a configuration with the metatype defaults, overridden by name */
	static PluginConfig config(Map<String, Object> overrides) {
		return (PluginConfig) Proxy.newProxyInstance(Fixtures.class.getClassLoader(), new Class<?>[] { PluginConfig.class },
				(p, m, args) -> switch (m.getName()) {
				case "annotationType" -> PluginConfig.class;
				case "hashCode" -> 1;
				case "equals" -> p == args[0];
				case "toString" -> "PluginConfig" + overrides;
				default -> overrides.containsKey(m.getName()) ? overrides.get(m.getName()) : m.getDefaultValue();
				});
	}

	static PluginConfig config() {
		return config(Map.of());
	}

	static CheckResult signalling(CheckStatus status) {
		return new CheckResult("signalling", "TCP signalling", status,
				status == CheckStatus.PASS ? "TCP 2230 on 198.18.2.10 connected in 3 ms" : "TCP 2230 refused",
				Map.of("address", "198.18.2.10", "ports", "2230"), List.of(), Duration.ofMillis(12));
	}

	static CheckResult serverUdp(boolean blocked) {
		List<Map<String, Object>> runs = new ArrayList<>();
		runs.add(run("30000-30999", "PASS", 16));
		runs.add(run("31000-33000", blocked ? "SILENT" : "PASS", 32));
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("address", "198.18.2.10");
		m.put("ports", "30000-33000");
		m.put("runs", runs);
		m.put("sent", 48);
		m.put("answered", blocked ? 16 : 48);
		return new CheckResult("server-udp", "Server media ports", blocked ? CheckStatus.FAIL : CheckStatus.PASS,
				blocked ? "UDP 31000-33000 silent" : "all 48 probes answered", m,
				blocked ? List.of(new Evidence("server-udp", "UDP 31000-33000 on 198.18.2.10: 0 of 32 probes answered"))
						: List.of(),
				Duration.ofMillis(840));
	}

	static CheckResult ice() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("states", List.of("RUNNING@0ms", "FAILED@5000ms"));
		m.put("pairs", List.of(Map.of("local", "198.18.1.2:50000/udp host", "remote", "198.18.2.10:30010/udp host",
				"state", "FAILED")));
		return new CheckResult("ice", "ICE after Accept", CheckStatus.FAIL, "ICE failed", m, List.of(),
				Duration.ofMillis(5000));
	}

	static Map<String, Object> run(String ports, String outcome, int probed) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("ports", ports);
		r.put("outcome", outcome);
		r.put("probed", probed);
		return r;
	}

	static DiagnosticReport failed(String id, Instant started, CheckResult... extra) {
		List<CheckResult> checks = new ArrayList<>(List.of(signalling(CheckStatus.PASS), serverUdp(true), ice()));
		checks.addAll(List.of(extra));
		Cause cause = new Cause(CauseIds.PARTIAL_RANGE_BLOCKED, 0.9,
				List.of(new Evidence("server-udp", "UDP 31000-33000 on 198.18.2.10: 0 of 32 probes answered")),
				new Remediation(Side.SERVER,
						"Allow inbound UDP 31000-33000 to 198.18.2.10 on the firewall in front of the server; 30000-30999 already pass"));
		return new DiagnosticReport(id, DiagnosisRequest.forServer("pbx.example.test"), started, Duration.ofMillis(6200),
				Verdict.FAILED, List.of(cause), checks);
	}

	static DiagnosticReport ok(String id, Instant started) {
		return new DiagnosticReport(id, DiagnosisRequest.forServer("pbx.example.test"), started, Duration.ofMillis(1500),
				Verdict.OK, List.of(), List.of(signalling(CheckStatus.PASS), serverUdp(false)));
	}

	/** An in-memory ReportStore. */
	static final class Store implements ReportStore {
		final Map<String, DiagnosticReport> reports = new LinkedHashMap<>();

		Store with(DiagnosticReport... rs) {
			for (DiagnosticReport r : rs) {
				store(r);
			}
			return this;
		}

		@Override
		public synchronized void store(DiagnosticReport report) {
			reports.put(report.id(), report);
		}

		@Override
		public synchronized Optional<DiagnosticReport> get(String id) {
			return Optional.ofNullable(reports.get(id));
		}

		@Override
		public synchronized List<DiagnosticReport> find(ReportQuery query) {
			return reports.values().stream().filter(r -> query.target().map(r.target()::equals).orElse(true))
					.sorted(Comparator.comparing(DiagnosticReport::started).reversed()).limit(query.limit()).toList();
		}
	}

	/** An in-memory PbxDirectory, as the pbx bundle's behaves towards the page (the secret is kept, never returned). */
	static final class Pbxs implements org.mediapath.api.pbx.PbxDirectory {
		final Map<String, org.mediapath.api.pbx.PbxEntry> entries = new java.util.TreeMap<>();
		final Map<String, String> secrets = new java.util.HashMap<>();

		@Override
		public synchronized List<org.mediapath.api.pbx.PbxEntry> list() {
			return List.copyOf(entries.values());
		}

		@Override
		public synchronized Optional<org.mediapath.api.pbx.PbxEntry> get(String name) {
			return Optional.ofNullable(entries.get(name));
		}

		@Override
		public synchronized DiagnosisRequest request(String name) {
			org.mediapath.api.pbx.PbxEntry e = get(name).orElseThrow(() -> new IllegalArgumentException("pbx: no PBX is named '" + name + "'"));
			return new DiagnosisRequest(e.server(), e.signallingPort(), e.serverPorts(), e.clientPorts(), e.responder(),
					secrets.containsKey(name) ? Optional.of("/data/pbxs/secrets/" + name + ".secret") : Optional.empty(),
					Optional.empty(), e.requireVpn(), e.fingerprint(), Optional.empty());
		}

		@Override
		public synchronized void save(org.mediapath.api.pbx.PbxEntry e, Optional<String> secret) {
			secret.ifPresent(s -> secrets.put(e.name(), s));
			entries.put(e.name(), new org.mediapath.api.pbx.PbxEntry(e.name(), e.server(), e.signallingPort(), e.serverPorts(),
					e.clientPorts(), e.responder(), e.fingerprint(), e.requireVpn(), secrets.containsKey(e.name()), false));
		}

		@Override
		public synchronized boolean remove(String name) {
			secrets.remove(name);
			return entries.remove(name) != null;
		}

		@Override
		public void offerBuiltIn(org.mediapath.api.pbx.PbxEntry entry, java.nio.file.Path secretFile) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void withdrawBuiltIn(String name) {
			throw new UnsupportedOperationException();
		}
	}

	/** A DiagnosisService whose runs the test completes by hand. */
	static final class Engine implements DiagnosisService {
		final List<String> origins = new ArrayList<>();
		final List<DiagnosisRequest> requests = new ArrayList<>();
		final List<DiagnosisProgressListener> listeners = new ArrayList<>();
		final List<CompletableFuture<DiagnosticReport>> futures = new ArrayList<>();

		@Override
		public synchronized DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener, String origin) {
			origins.add(origin);
			return start(request, listener);
		}

		@Override
		public synchronized DiagnosisRun start(DiagnosisRequest request, DiagnosisProgressListener listener) {
			requests.add(request);
			listeners.add(listener);
			CompletableFuture<DiagnosticReport> f = new CompletableFuture<>();
			futures.add(f);
			String id = "run-" + requests.size();
			return new DiagnosisRun() {
				@Override
				public String id() {
					return id;
				}

				@Override
				public CompletionStage<DiagnosticReport> report() {
					return f;
				}

				@Override
				public void cancel() {
					f.cancel(false);
				}
			};
		}
	}
}
