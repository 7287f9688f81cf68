package org.mediapath.diagnosis.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/**
 * A browser run as check results, the way the engine's checks report theirs: what the browser and
 * the PBX saw of each sampled port (typed port runs, like the server media check's), the address the
 * PBX saw, NAT, the browser itself, and the console's own probe of the same PBX when there is one.
 * Observations only: the rules ({@code BrowserMediaRule}) and {@code Verdicts} judge them.
 */
public final class BrowserChecks {

	private BrowserChecks() {
	}

	/**
	 * @param pbx the PBX the run tested
	 * @param run a finished run
	 * @param console the console's own evidence for the same PBX
	 * @return the check results, in report order
	 */
	public static List<CheckResult> of(DiagnosisRequest pbx, BrowserRun run, ConsoleLook console) {
		List<CheckResult> checks = new ArrayList<>();
		checks.add(browser(run));
		checks.add(ice(run));
		checks.add(address(pbx, run));
		checks.add(nat(run));
		checks.add(console(run, console));
		return checks;
	}

	/** @return whether a run holds evidence the console's own probe would place on a side (silent or one-way ports) */
	public static boolean needsServerSide(BrowserRun run) {
		return run.ports().stream().anyMatch(p -> p.state() == PortState.SILENT || p.state() == PortState.ONE_WAY);
	}

	static CheckResult browser(BrowserRun run) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("runId", run.id());
		m.put("label", run.label());
		m.put(BuiltInChecks.RUN_STATE, run.state().name());
		m.put("browser", run.browser());
		m.put("operatingSystem", run.operatingSystem());
		m.put("userAgent", run.userAgent());
		m.put("startedAt", run.started().toString());
		m.put("pageSummary", run.summary());
		run.timeToVerdict().ifPresent(t -> m.put(BuiltInChecks.TIME_TO_VERDICT_MILLIS, t.toMillis()));
		String who = run.browser() + " on " + run.operatingSystem() + ", seen from " + run.seenAddress();
		String summary;
		CheckStatus status;
		if (run.state() == RunState.ABANDONED) {
			long undecided = run.ports().stream().filter(p -> p.state() == PortState.PENDING).count();
			status = CheckStatus.WARN;
			summary = who + ": the page went away (closed or offline) before the test decided"
					+ (undecided > 0 ? " (" + undecided + " of " + run.ports().size() + " ports undecided)" : "");
		} else {
			status = CheckStatus.PASS;
			summary = who + run.timeToVerdict().map(t -> ": the test decided in " + seconds(t)).orElse(": the test ended");
		}
		List<Evidence> evidence = List.of(new Evidence(BuiltInChecks.BROWSER, "User agent: " + run.userAgent()));
		return new CheckResult(BuiltInChecks.BROWSER, "The user's browser", status, summary, m, evidence,
				run.timeToVerdict().orElse(Duration.ZERO));
	}

	static CheckResult ice(BrowserRun run) {
		List<BrowserPortResult> ports = run.ports().stream().sorted(Comparator.comparingInt(BrowserPortResult::port)).toList();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.MEDIA_ADDRESS, run.mediaAddress());
		m.put(BuiltInChecks.PORTS, run.serverPorts().toString());
		m.put(BuiltInChecks.RUNS, runs(ports));
		List<Map<String, Object>> results = new ArrayList<>();
		List<Evidence> evidence = new ArrayList<>();
		for (BrowserPortResult p : ports) {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put(BuiltInChecks.PORT, p.port());
			r.put(BuiltInChecks.PORT_STATE, p.state().name());
			r.put("requestsSent", p.requestsSent());
			r.put("responsesReceived", p.responsesReceived());
			r.put("requestsReceived", p.requestsReceived());
			r.put("checksArrived", p.checksArrived());
			r.put("answersSent", p.answersSent());
			p.roundTripMillis().ifPresent(rtt -> r.put("roundTripMillis", rtt));
			p.seenFrom().ifPresent(s -> r.put(BuiltInChecks.PORT_SEEN_FROM, s));
			results.add(r);
			evidence.add(new Evidence(BuiltInChecks.BROWSER_ICE, portStatement(run, p)));
		}
		m.put(BuiltInChecks.PORT_RESULTS, results);
		for (PortState s : PortState.values()) {
			m.put(s.name().toLowerCase(Locale.ROOT).replace("_", ""), ports.stream().filter(p -> p.state() == s).count());
		}
		List<Integer> tried = ports.stream().filter(p -> p.state() != PortState.NOT_TRIED).map(BrowserPortResult::port).toList();
		List<Integer> connected = portsIn(ports, PortState.CONNECTED);
		List<Integer> blocked = ports.stream().filter(p -> p.state() == PortState.SILENT || p.state() == PortState.ONE_WAY)
				.map(BrowserPortResult::port).toList();
		String at = " of " + run.mediaAddress();
		CheckStatus status;
		String summary;
		if (!blocked.isEmpty()) {
			status = CheckStatus.FAIL;
			List<String> parts = new ArrayList<>();
			if (!portsIn(ports, PortState.SILENT).isEmpty()) {
				parts.add("UDP " + list(portsIn(ports, PortState.SILENT)) + at + ": the browser's checks never arrived (silent)");
			}
			if (!portsIn(ports, PortState.ONE_WAY).isEmpty()) {
				parts.add("UDP " + list(portsIn(ports, PortState.ONE_WAY)) + at
						+ ": the checks arrived and were answered, but no answer reached the browser (one way)");
			}
			if (!connected.isEmpty()) {
				parts.add(list(connected) + " connected");
			}
			summary = String.join("; ", parts);
		} else if (!tried.isEmpty() && connected.size() == tried.size()) {
			status = CheckStatus.PASS;
			summary = "All " + connected.size() + " sampled media ports" + at + " (UDP " + list(connected)
					+ ") answered the browser's ICE checks: media from this browser flows" + roundTrips(ports);
		} else if (tried.isEmpty()) {
			status = CheckStatus.WARN;
			summary = "No sampled port" + at + " could be tested: the PBX holds every one of them (" + list(portsIn(ports,
					PortState.NOT_TRIED)) + ")";
		} else {
			status = CheckStatus.WARN;
			List<String> parts = new ArrayList<>();
			if (!portsIn(ports, PortState.NO_CHECKS).isEmpty()) {
				parts.add("UDP " + list(portsIn(ports, PortState.NO_CHECKS)) + ": the browser sent no check");
			}
			if (!portsIn(ports, PortState.PENDING).isEmpty()) {
				parts.add("UDP " + list(portsIn(ports, PortState.PENDING)) + ": not decided");
			}
			if (!connected.isEmpty()) {
				parts.add(list(connected) + " connected");
			}
			summary = String.join("; ", parts);
		}
		return new CheckResult(BuiltInChecks.BROWSER_ICE, "Browser ICE to the media ports", status, summary, m, evidence,
				run.timeToVerdict().orElse(Duration.ZERO));
	}

	static CheckResult address(DiagnosisRequest pbx, BrowserRun run) {
		boolean requireVpn = run.policy().requireVpn() || pbx.requireVpn();
		List<String> ranges = run.policy().vpnAddressRanges();
		List<String> sources = mediaSources(run);
		List<String> judged = sources.isEmpty() ? List.of(run.seenAddress()) : sources;
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.SEEN_ADDRESS, run.seenAddress());
		m.put(BuiltInChecks.MEDIA_SOURCES, sources);
		m.put(BuiltInChecks.REQUIRE_VPN, requireVpn);
		m.put(BuiltInChecks.VPN_RANGES, ranges);
		String who = "The PBX saw the browser come from " + String.join(", ", judged)
				+ (sources.isEmpty() || sources.equals(List.of(run.seenAddress())) ? ""
						: " (its ICE checks; the page's requests came from " + run.seenAddress() + ")");
		CheckStatus status = CheckStatus.PASS;
		String summary;
		if (ranges.isEmpty()) {
			summary = who + (requireVpn ? "; the policy requires the VPN but names none of its address pools (--vpn-ranges),"
					+ " so whether it came through the VPN is not known" : "");
			if (requireVpn) {
				status = CheckStatus.WARN;
			}
		} else {
			List<Optional<String>> pools = judged.stream().map(a -> VpnRanges.rangeOf(ranges, a)).toList();
			boolean inside = pools.stream().allMatch(Optional::isPresent);
			m.put(BuiltInChecks.IN_VPN_RANGE, inside);
			if (inside) {
				m.put(BuiltInChecks.VPN_POOL, pools.get(0).orElseThrow());
				summary = who + ", inside the VPN's pool " + pools.get(0).orElseThrow() + ": it came through the VPN";
			} else {
				summary = who + ", outside the VPN's pools " + String.join(", ", ranges) + ": it did not come through the VPN"
						+ (requireVpn ? ", which the policy requires" : "");
				if (requireVpn) {
					status = CheckStatus.WARN;
				}
			}
		}
		return new CheckResult(BuiltInChecks.BROWSER_ADDRESS, "Address the PBX saw", status, summary, m,
				List.of(new Evidence(BuiltInChecks.BROWSER_ADDRESS, summary)), Duration.ZERO);
	}

	static CheckResult nat(BrowserRun run) {
		List<String> seenFrom = run.ports().stream().map(BrowserPortResult::seenFrom).flatMap(Optional::stream).distinct().toList();
		List<String> sources = mediaSources(run);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.SEEN_ADDRESS, run.seenAddress());
		m.put(BuiltInChecks.MEDIA_SOURCES, sources);
		m.put("seenFrom", seenFrom);
		m.put(BuiltInChecks.CANDIDATE_TYPES, run.localCandidateTypes());
		String types = run.localCandidateTypes().isEmpty() ? "" : "; the browser's own candidates: "
				+ String.join(", ", run.localCandidateTypes());
		CheckStatus status = CheckStatus.PASS;
		String summary;
		if (seenFrom.isEmpty()) {
			summary = "No check of the browser arrived at the PBX, so its NAT mapping was not seen" + types;
		} else if (sources.equals(List.of(run.seenAddress()))) {
			summary = "The browser's ICE checks came from " + run.seenAddress() + " (" + seenFrom.size()
					+ (seenFrom.size() == 1 ? " port" : " ports, one per connection") + "), the address its page came from"
					+ " (a NAT, if any, let them out and the answers back in; that is normal)" + types;
		} else {
			status = CheckStatus.WARN;
			summary = "The page came from " + run.seenAddress() + " but the browser's ICE checks from "
					+ String.join(", ", sources) + ": the user's web and UDP traffic leave by different ways (a web proxy,"
					+ " or a VPN that carries only part of the traffic)" + types;
		}
		return new CheckResult(BuiltInChecks.BROWSER_NAT, "NAT seen", status, summary, m, List.of(), Duration.ZERO);
	}

	static CheckResult console(BrowserRun run, ConsoleLook look) {
		String title = "The console's own media probe";
		if (look.report().isEmpty()) {
			return CheckResult.inconclusive(BuiltInChecks.CONSOLE_MEDIA, title, CheckStatus.SKIPPED, look.how(), Duration.ZERO);
		}
		DiagnosticReport r = look.report().get();
		Optional<CheckResult> udp = r.checks().stream().filter(c -> c.checkId().equals(BuiltInChecks.SERVER_UDP)).findFirst();
		boolean cooperative = udp.map(c -> Boolean.TRUE.equals(c.measurements().get(BuiltInChecks.COOPERATIVE))).orElse(false);
		String probed = udp.map(c -> c.measurements().get(BuiltInChecks.ADDRESS)).filter(String.class::isInstance)
				.map(String.class::cast).orElse(r.target());
		boolean sameAddress = probed.strip().equalsIgnoreCase(run.mediaAddress().strip());
		Set<String> causeIds = r.causes().stream().map(Cause::id).collect(Collectors.toCollection(LinkedHashSet::new));
		boolean serverSide = causeIds.contains(CauseIds.SERVER_UDP_BLOCKED) || causeIds.contains(CauseIds.PARTIAL_RANGE_BLOCKED);
		boolean serverSends = r.checks().stream().anyMatch(c -> (c.checkId().equals(BuiltInChecks.CLIENT_UDP)
				|| c.checkId().equals(BuiltInChecks.ICE)) && c.status() == CheckStatus.PASS);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.REPORT_ID, r.id());
		m.put("startedAt", r.started().toString());
		m.put("verdict", r.verdict().name());
		r.vantagePoint().ifPresent(v -> m.put("probedFrom", v.hostName() + (v.clientAddresses().isEmpty() ? ""
				: " (" + String.join(", ", v.clientAddresses()) + ")")));
		m.put(BuiltInChecks.MEDIA_ADDRESS, probed);
		m.put(BuiltInChecks.COOPERATIVE, cooperative);
		m.put(BuiltInChecks.SAME_ADDRESS, sameAddress);
		m.put(BuiltInChecks.SERVER_SIDE_BLOCKED, serverSide);
		m.put(BuiltInChecks.SERVER_SENDS, serverSends);
		m.put(BuiltInChecks.CAUSES, List.copyOf(causeIds));
		udp.map(c -> c.measurements().get(BuiltInChecks.RUNS)).ifPresent(runs -> m.put(BuiltInChecks.RUNS, runs));
		String source = "The console's " + look.how();
		CheckStatus status;
		String summary;
		if (udp.isEmpty() || !udp.get().status().isConclusive()) {
			status = CheckStatus.WARN;
			summary = source + " has no result of its server media probe, so it does not tell the server's side";
		} else if (!cooperative) {
			status = CheckStatus.WARN;
			summary = source + " ran without the responder: its silent ports cannot be told from dropped ones, so it does"
					+ " not tell the server's side";
		} else if (!sameAddress) {
			status = CheckStatus.WARN;
			summary = source + " probed " + probed + ", not " + run.mediaAddress() + " where the browser was sent, so it does"
					+ " not tell the server's side of the browser's path";
		} else if (serverSide) {
			status = CheckStatus.FAIL;
			summary = source + " found the server blocking its media ports (" + String.join(", ", causeIds) + "): "
					+ udp.get().summary();
		} else if (udp.get().status() == CheckStatus.PASS) {
			status = CheckStatus.PASS;
			summary = source + " reached the media ports of " + probed + " with the responder: " + udp.get().summary();
		} else {
			status = CheckStatus.WARN;
			summary = source + " did not pass for reasons of its own path (" + (causeIds.isEmpty() ? r.verdict().name()
					: String.join(", ", causeIds)) + "), so it does not tell the server's side";
		}
		return new CheckResult(BuiltInChecks.CONSOLE_MEDIA, title, status, summary, m,
				udp.map(CheckResult::evidence).orElse(List.of()), r.duration());
	}

	/** Consecutive sampled ports in one state make a run, as the sweep's port runs do. */
	static List<Map<String, Object>> runs(List<BrowserPortResult> ascending) {
		List<Map<String, Object>> runs = new ArrayList<>();
		int i = 0;
		while (i < ascending.size()) {
			PortState state = ascending.get(i).state();
			int j = i;
			while (j + 1 < ascending.size() && ascending.get(j + 1).state() == state) {
				j++;
			}
			Map<String, Object> run = new LinkedHashMap<>();
			int first = ascending.get(i).port();
			int last = ascending.get(j).port();
			run.put(BuiltInChecks.RUN_PORTS, first == last ? String.valueOf(first) : first + "-" + last);
			run.put(BuiltInChecks.RUN_OUTCOME, state.name());
			run.put(BuiltInChecks.RUN_PROBED, (long) (j - i + 1));
			runs.add(run);
			i = j + 1;
		}
		return runs;
	}

	/** @return the distinct addresses (without ports) the browser's checks came from at the PBX */
	static List<String> mediaSources(BrowserRun run) {
		LinkedHashSet<String> out = new LinkedHashSet<>();
		for (BrowserPortResult p : run.ports()) {
			p.seenFrom().ifPresent(s -> out.add(hostOf(s)));
		}
		return List.copyOf(out);
	}

	private static String hostOf(String seenFrom) {
		try {
			return HostAndPort.parse("seenFrom", seenFrom, -1).host();
		} catch (IllegalArgumentException noPort) {
			return seenFrom.strip();
		}
	}

	private static String portStatement(BrowserRun run, BrowserPortResult p) {
		String port = "UDP " + p.port() + ": ";
		return switch (p.state()) {
		case CONNECTED -> port + "connected (" + p.responsesReceived() + " answers to " + p.requestsSent() + " checks"
				+ p.roundTripMillis().stream().mapToObj(rtt -> String.format(Locale.ROOT, ", round trip %.1f ms", rtt))
						.findFirst().orElse("")
				+ ")";
		case SILENT -> port + (p.requestsSent() > 0 ? "the browser sent " + p.requestsSent() + " checks"
				: "the browser kept checking it (it does not count its checks)") + ", " + p.checksArrived() + " arrived at the PBX";
		case ONE_WAY -> port + p.checksArrived() + " checks arrived at the PBX" + p.seenFrom().map(s -> " from " + s).orElse("")
				+ " and " + p.answersSent() + " answers went back to it, but the browser received none ("
				+ p.requestsSent() + " sent)";
		case NO_CHECKS -> port + "the browser sent no check (its ICE agent never started on this port)";
		case NOT_TRIED -> port + "another program on the PBX holds it, so it was not tested (not a block)";
		case PENDING -> port + "not decided when the run ended";
		};
	}

	private static List<Integer> portsIn(List<BrowserPortResult> ports, PortState state) {
		return ports.stream().filter(p -> p.state() == state).map(BrowserPortResult::port).toList();
	}

	private static String list(List<Integer> ports) {
		return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

	private static String roundTrips(List<BrowserPortResult> ports) {
		double[] rtts = ports.stream().filter(p -> p.state() == PortState.CONNECTED)
				.flatMapToDouble(p -> p.roundTripMillis().stream()).sorted().toArray();
		if (rtts.length == 0) {
			return "";
		}
		return String.format(Locale.ROOT, " (round trip %.1f-%.1f ms)", rtts[0], rtts[rtts.length - 1]);
	}

	static String seconds(Duration d) {
		return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
	}
}
