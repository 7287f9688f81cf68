package org.mediapath.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.route.analyse.RouteAnalyser;
import org.mediapath.route.classify.InterfaceClassifier;
import org.mediapath.route.classify.InterfacePatterns;
import org.mediapath.route.decide.RouteDecider;
import org.mediapath.route.local.CommandRunner;
import org.mediapath.route.local.LocalInspector;
import org.mediapath.route.local.SystemRouteQuery;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.SnapshotExtras;
import org.mediapath.route.parse.CaptureParser;

/**
 * The service's logic, without OSGi: the DS component wraps one per configuration, tests and the
 * benchmark build their own.
 *
 * <p>Policy rules, reject routes and Linux source addresses do not fit the API's snapshot; they are
 * kept here beside the snapshots this instance made, weakly, so they die with the snapshot.
 */
public final class RouteInspector implements RouteInspectionService {

	private final RouteSettings settings;
	private final InterfaceClassifier classifier;
	private final LocalInspector local;
	private final SystemRouteQuery system;
	private final RouteDecider decider = new RouteDecider();
	private final RouteAnalyser analyser = new RouteAnalyser();
	private final CaptureParser parser = new CaptureParser();
	private final List<String> configurationWarnings = new ArrayList<>();
	private final Map<NetworkSnapshot, SnapshotExtras> extras = Collections.synchronizedMap(new WeakHashMap<>());

	public RouteInspector(RouteSettings settings) {
		this(settings, LocalInspector.Os.current());
	}

	RouteInspector(RouteSettings settings, LocalInspector.Os os) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.classifier = new InterfaceClassifier(
				InterfacePatterns.load(settings.extraVpnPatterns(), configurationWarnings::add));
		CommandRunner runner = new CommandRunner(settings.commandTimeout());
		this.local = new LocalInspector(os, runner);
		this.system = new SystemRouteQuery(os, runner);
	}

	public RouteSettings settings() {
		return settings;
	}

	@Override
	public NetworkSnapshot inspectLocal() {
		Capture capture = local.read();
		return register(capture, "this machine (" + local.os().name().toLowerCase() + ")", false);
	}

	@Override
	public NetworkSnapshot parseCaptured(String pasted) {
		Capture capture = parser.parse(pasted == null ? "" : pasted);
		String formats = capture.formats.isEmpty() ? "text" : String.join(" + ", capture.formats);
		return register(capture, formats, true);
	}

	@Override
	public RouteDecision decide(NetworkSnapshot snapshot, String targetAddress) {
		RouteDecision reconstructed = decider.reconstruct(snapshot, extrasOf(snapshot), targetAddress);
		return snapshot.captured() ? reconstructed : system.confirm(reconstructed, snapshot);
	}

	@Override
	public List<RouteFinding> analyse(NetworkSnapshot snapshot, RouteAnalysisRequest request) {
		return analyser.analyse(snapshot, request, address -> decide(snapshot, address));
	}

	/** @return the request with this configuration's VPN policy added to the caller's */
	public RouteAnalysisRequest withPolicy(RouteAnalysisRequest request) {
		List<String> networks = new ArrayList<>(request.vpnOnlyNetworks());
		settings.vpnOnlyNetworks().stream().filter(n -> !networks.contains(n)).forEach(networks::add);
		return new RouteAnalysisRequest(request.signallingAddress(), request.serverAddresses(), networks,
				request.requireVpn() || settings.requireVpn());
	}

	SnapshotExtras extrasOf(NetworkSnapshot snapshot) {
		SnapshotExtras known = extras.get(snapshot);
		return known == null ? SnapshotExtras.NONE : known;
	}

	private NetworkSnapshot register(Capture capture, String origin, boolean captured) {
		List<NetworkInterfaceInfo> interfaces = capture.interfaces().stream().map(classifier::classify).toList();
		List<String> warnings = new ArrayList<>(configurationWarnings);
		warnings.addAll(capture.warnings());
		NetworkSnapshot snapshot = new NetworkSnapshot(captured ? "pasted " + origin : origin, captured, interfaces,
				capture.routes, warnings, Instant.now());
		extras.put(snapshot, SnapshotExtras.of(capture));
		return snapshot;
	}
}
