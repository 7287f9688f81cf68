package org.mediapath.diagnosis.checks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.api.net.HostNames;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * How this machine reaches the server: the route decision (through a VPN or not), the VPN policy,
 * and whether every server address has a route: every DNS answer and every media address the
 * server's ICE agent offered (a multi-homed PBX often signals on one address and offers media on
 * another; that is why this check runs after the ICE check). FAIL here is a finding for the rules; whether it
 * is a cause depends on what the probes saw (a policy breach on a working call is no cause).
 */
@Component(service = DiagnosticCheck.class, property = { DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=10000",
		CheckOrdering.AFTER + "=" + BuiltInChecks.ICE })
@CheckComponent(id = BuiltInChecks.ROUTE, title = RouteCheck.TITLE)
public class RouteCheck implements DiagnosticCheck {

	static final String TITLE = "Route, VPN and server addresses";

	/** Resolves a name to all its addresses; a seam so tests need no DNS. */
	interface Resolver {
		List<String> resolve(String host) throws UnknownHostException;
	}

	static final Resolver DNS = host -> {
		List<String> out = new ArrayList<>();
		for (InetAddress a : InetAddress.getAllByName(host)) {
			out.add(a.getHostAddress());
		}
		return out;
	};

	private final Resolver resolver;

	/** Optional and dynamic: the route bundle is written separately and may come later or be updated. */
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	volatile RouteInspectionService routes;

	public RouteCheck() {
		this(DNS, null);
	}

	RouteCheck(Resolver resolver, RouteInspectionService routes) {
		this.resolver = resolver;
		this.routes = routes;
	}

	/**
	 * The addresses of the remote (server-side) candidates of this run's ICE check, e.g.
	 * {@code 198.18.5.2} from {@code 198.18.5.2:30000/udp host}.
	 */
	static List<String> iceCandidateAddresses(CheckContext context) {
		List<String> out = new ArrayList<>();
		context.resultOf(BuiltInChecks.ICE).map(r -> r.measurements().get(BuiltInChecks.PAIRS)).ifPresent(pairs -> {
			if (pairs instanceof List<?> list) {
				for (Object pair : list) {
					if (pair instanceof Map<?, ?> map && map.get("remote") instanceof String remote) {
						candidateAddress(remote).filter(a -> !out.contains(a)).ifPresent(out::add);
					}
				}
			}
		});
		return out;
	}

	/** @return the address of {@code ADDRESS:PORT/transport type} or {@code [V6]:PORT/...}, if it has that shape */
	static Optional<String> candidateAddress(String candidate) {
		String hostPort = candidate.split("/", 2)[0].strip();
		int colon = hostPort.lastIndexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String address = hostPort.substring(0, colon);
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		return HostNames.isValid(address) ? Optional.of(address)
				: Optional.empty();
	}

	@Override
	public CheckResult run(CheckContext context) {
		long start = System.nanoTime();
		RouteInspectionService service = routes;
		if (service == null) {
			return CheckSupport.skipped(BuiltInChecks.ROUTE, TITLE, CheckSupport.NO_ROUTE_SERVICE, start);
		}
		String server = context.request().server();
		List<String> addresses;
		try {
			addresses = resolver.resolve(server);
		} catch (UnknownHostException e) {
			addresses = List.of();
		}
		List<String> withCandidates = new ArrayList<>(addresses);
		for (String candidate : iceCandidateAddresses(context)) {
			if (!withCandidates.contains(candidate)) {
				withCandidates.add(candidate);
			}
		}
		addresses = withCandidates;
		boolean requireVpn = context.request().requireVpn();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.REQUIRE_VPN, requireVpn);
		m.put(BuiltInChecks.SERVER_ADDRESSES, addresses);
		if (addresses.isEmpty()) {
			String summary = "the name " + server + " does not resolve on this client: no route can be decided";
			return new CheckResult(BuiltInChecks.ROUTE, TITLE, CheckStatus.WARN, summary, m,
					List.of(new Evidence(BuiltInChecks.ROUTE, summary)), CheckSupport.since(start));
		}
		String address = addresses.get(0);
		context.progress(0.2, "reading interfaces and routes");
		NetworkSnapshot snapshot = service.inspectLocal();
		RouteDecision decision = service.decide(snapshot, address);
		List<RouteFinding> findings = new ArrayList<>(service.analyse(snapshot,
				new RouteAnalysisRequest(address, addresses, List.of(), requireVpn)));
		if (requireVpn && !decision.viaVpn() && findings.stream().noneMatch(f -> f.causeId().map(CauseIds.VPN_REQUIRED_NOT_CONNECTED::equals).orElse(false))) {
			// The policy is ours to apply even if the analysis did not flag it.
			findings.add(new RouteFinding(Optional.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED), CheckStatus.FAIL,
					"policy requires the VPN for " + server + ", but the route to " + address + " leaves through "
							+ decision.interfaceName().orElse("a non-VPN interface")));
		}
		if (context.resultOf(BuiltInChecks.ICE).map(r -> r.status() == CheckStatus.PASS).orElse(false)) {
			// A server address without a route did not stop this call's media: ICE connected on another path
			// (a peer-reflexive candidate, as behind a port forward). Worth fixing, not a block.
			findings.replaceAll(f -> f.severity() == CheckStatus.FAIL
					&& f.causeId().map(CauseIds.SERVER_ADDRESS_UNROUTED::equals).orElse(false)
							? new RouteFinding(f.causeId(), CheckStatus.WARN, f.statement()
									+ " (ICE connected nevertheless, on another path)")
							: f);
		}
		m.put(BuiltInChecks.ADDRESS, address);
		decision.interfaceName().ifPresent(i -> m.put(BuiltInChecks.INTERFACE, i));
		decision.sourceAddress().ifPresent(s -> m.put("sourceAddress", s));
		decision.vpnProduct().ifPresent(v -> m.put(BuiltInChecks.VPN_PRODUCT, v));
		decision.route().ifPresent(r -> m.put("route", r.destination() + r.gateway().map(g -> " via " + g).orElse("")
				+ " dev " + r.interfaceName()));
		m.put(BuiltInChecks.VIA_VPN, decision.viaVpn());
		m.put("mtu", decision.mtu());
		m.put("reconstructed", decision.reconstructed());
		m.put("explanation", decision.explanation());
		List<Map<String, Object>> findingMaps = new ArrayList<>();
		for (RouteFinding f : findings) {
			Map<String, Object> fm = new LinkedHashMap<>();
			f.causeId().ifPresent(c -> fm.put(BuiltInChecks.FINDING_CAUSE, c));
			fm.put(BuiltInChecks.FINDING_SEVERITY, f.severity().name());
			fm.put(BuiltInChecks.FINDING_STATEMENT, f.statement());
			findingMaps.add(fm);
		}
		m.put(BuiltInChecks.FINDINGS, findingMaps);
		m.put("snapshotWarnings", snapshot.warnings());
		CheckStatus status = findings.stream().anyMatch(f -> f.severity() == CheckStatus.FAIL) ? CheckStatus.FAIL
				: findings.stream().anyMatch(f -> f.severity() == CheckStatus.WARN) ? CheckStatus.WARN : CheckStatus.PASS;
		String summary = "the route to " + address + " leaves through " + decision.interfaceName().orElse("an unknown interface")
				+ (decision.viaVpn() ? " (VPN" + decision.vpnProduct().map(p -> ": " + p).orElse("") + ")" : " (no VPN)")
				+ (findings.isEmpty() ? "" : "; " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s"));
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(new Evidence(BuiltInChecks.ROUTE, summary));
		for (RouteFinding f : findings) {
			evidence.add(new Evidence(BuiltInChecks.ROUTE, f.severity() + ": " + f.statement()));
		}
		return new CheckResult(BuiltInChecks.ROUTE, TITLE, status, summary, m, evidence, CheckSupport.since(start));
	}
}
