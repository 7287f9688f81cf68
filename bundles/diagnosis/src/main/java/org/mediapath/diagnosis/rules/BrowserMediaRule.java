package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mediapath.api.browser.PortState;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/**
 * The causes a run in a user's browser proves. The browser and the PBX's responder both counted
 * each sampled port, so a port's state is a fact; which side stops it is not. The side is named
 * only with evidence from that side: the console's own probe of the same media address with the
 * responder (its latest diagnosis near the run, or one made for the report). It reached the ports
 * the browser could not: the user's side (CLIENT_UDP_BLOCKED, or VPN_DROPS_UDP when the browser came
 * from the VPN's pool). It found them blocked and named a server-side cause: SERVER_UDP_BLOCKED or
 * PARTIAL_RANGE_BLOCKED for the ports both saw blocked. Neither: no cause, and {@link Verdicts}
 * says what would tell the side. A run outside the VPN's pools under a VPN-only policy whose media
 * does not pass is VPN_REQUIRED_NOT_CONNECTED, which explains the rest. Ports the PBX itself holds
 * are never a block; a run whose every tried port connected has no cause.
 */
public final class BrowserMediaRule implements CauseRule {

	/** The console's outcomes that say the server's side stops the packets (not the console's own machine or routing). */
	private static final Set<PortOutcome> SERVER_BLOCKS = Set.of(PortOutcome.SILENT, PortOutcome.REJECTED);

	@Override
	public List<Cause> evaluate(Findings f) {
		if (f.result(BuiltInChecks.BROWSER_ICE).isEmpty()) {
			return List.of();
		}
		BrowserPorts ports = BrowserPorts.of(f);
		List<Integer> silent = ports.in(PortState.SILENT);
		List<Integer> oneWay = ports.in(PortState.ONE_WAY);
		if (silent.isEmpty() && oneWay.isEmpty()) {
			return List.of();
		}
		String media = f.string(BuiltInChecks.BROWSER_ICE, BuiltInChecks.MEDIA_ADDRESS).orElse(f.request().server());
		String seen = seenFrom(f);
		List<Evidence> portEvidence = portEvidence(f, silent, oneWay);

		if (f.bool(BuiltInChecks.BROWSER_ADDRESS, BuiltInChecks.REQUIRE_VPN).orElse(false)
				&& f.bool(BuiltInChecks.BROWSER_ADDRESS, BuiltInChecks.IN_VPN_RANGE).equals(Optional.of(false))) {
			List<Evidence> evidence = new ArrayList<>(RuleSupport.evidenceOf(f, BuiltInChecks.BROWSER_ADDRESS));
			evidence.addAll(portEvidence);
			return List.of(new Cause(CauseIds.VPN_REQUIRED_NOT_CONNECTED, 0.9, evidence, new Remediation(Side.CLIENT,
					"Connect the VPN on the user's computer before using the softphone, then send the link again: the PBX "
							+ media + " is to be reached through it, and the browser came from " + seen + ", outside the VPN's pools "
							+ String.join(", ", f.strings(BuiltInChecks.BROWSER_ADDRESS, BuiltInChecks.VPN_RANGES)))));
		}

		boolean usable = f.result(BuiltInChecks.CONSOLE_MEDIA).map(r -> r.status().isConclusive()).orElse(false)
				&& f.bool(BuiltInChecks.CONSOLE_MEDIA, BuiltInChecks.COOPERATIVE).orElse(false)
				&& f.bool(BuiltInChecks.CONSOLE_MEDIA, BuiltInChecks.SAME_ADDRESS).orElse(false);
		Runs console = usable ? Runs.of(f, BuiltInChecks.CONSOLE_MEDIA) : new Runs(List.of());
		boolean serverSide = usable && f.bool(BuiltInChecks.CONSOLE_MEDIA, BuiltInChecks.SERVER_SIDE_BLOCKED).orElse(false);
		boolean serverSends = usable && f.bool(BuiltInChecks.CONSOLE_MEDIA, BuiltInChecks.SERVER_SENDS).orElse(false);

		List<Integer> serverBlocked = new ArrayList<>();
		List<Integer> userSilent = new ArrayList<>();
		List<Integer> unknown = new ArrayList<>();
		LinkedHashSet<Runs.Run> blockedRuns = new LinkedHashSet<>();
		for (int port : silent) {
			Optional<Runs.Run> run = judged(console, port);
			if (run.isPresent() && run.get().open()) {
				userSilent.add(port);
			} else if (run.isPresent() && serverSide && SERVER_BLOCKS.contains(run.get().outcome())) {
				serverBlocked.add(port);
				blockedRuns.add(run.get());
			} else {
				unknown.add(port);
			}
		}
		List<Integer> userOneWay = serverSends ? oneWay : List.of();
		if (!serverSends) {
			unknown.addAll(oneWay);
		}

		List<Cause> causes = new ArrayList<>();
		Evidence unknownNote = new Evidence(BuiltInChecks.BROWSER_ICE, "UDP " + BrowserPorts.list(unknown.stream().sorted()
				.toList()) + " did not pass either; the console's probe does not tell on which side");
		if (!serverBlocked.isEmpty()) {
			boolean partial = !ports.in(PortState.CONNECTED).isEmpty() || !console.open().isEmpty();
			List<Runs.Run> blocked = List.copyOf(blockedRuns);
			List<Evidence> evidence = new ArrayList<>(portEvidence(f, serverBlocked, List.of()));
			evidence.add(new Evidence(BuiltInChecks.CONSOLE_MEDIA, f.result(BuiltInChecks.CONSOLE_MEDIA).orElseThrow().summary()));
			evidence.add(new Evidence(BuiltInChecks.CONSOLE_MEDIA, "Both the browser and the console's probe with the responder"
					+ " found UDP " + BrowserPorts.list(serverBlocked) + " of " + media + " blocked; the console's probe found "
					+ Runs.ports(blocked) + " blocked"));
			String passing = passing(ports, console);
			if (partial && !passing.isEmpty()) {
				evidence.add(new Evidence(BuiltInChecks.BROWSER_ICE, "Passing: " + passing + "; not passing: " + Runs.ports(blocked)));
			}
			if (!unknown.isEmpty()) {
				evidence.add(unknownNote);
			}
			String action = "Allow inbound UDP " + Runs.ports(blocked) + " to " + media + " on the firewall in front of the"
					+ " server (or forward them on the NAT edge when the PBX sits behind one)"
					+ (partial && !passing.isEmpty() ? "; UDP " + passing + " already passes" : "");
			causes.add(new Cause(partial ? CauseIds.PARTIAL_RANGE_BLOCKED : CauseIds.SERVER_UDP_BLOCKED, 0.9, evidence,
					new Remediation(Side.SERVER, action)));
		}
		if (!userSilent.isEmpty() || !userOneWay.isEmpty()) {
			causes.add(userSide(f, ports, media, seen, userSilent, userOneWay, unknown.isEmpty() ? null : unknownNote));
		}
		return causes;
	}

	/** The console reaches the PBX's ports (or gets its answers) and the browser does not: the user's side. */
	private static Cause userSide(Findings f, BrowserPorts ports, String media, String seen, List<Integer> silent,
			List<Integer> oneWay, Evidence unknownNote) {
		List<Evidence> evidence = new ArrayList<>(portEvidence(f, silent, oneWay));
		evidence.add(new Evidence(BuiltInChecks.CONSOLE_MEDIA, f.result(BuiltInChecks.CONSOLE_MEDIA).orElseThrow().summary()));
		if (!silent.isEmpty()) {
			evidence.add(new Evidence(BuiltInChecks.CONSOLE_MEDIA, "The console's probe with the responder reaches UDP "
					+ BrowserPorts.list(silent) + " of " + media + ", which the browser's checks never reached: the PBX accepts"
					+ " them, so they are lost on the user's side (seen from " + seen + ")"));
		}
		if (!oneWay.isEmpty()) {
			evidence.add(new Evidence(BuiltInChecks.CONSOLE_MEDIA, "The PBX's answers reach the console, so it sends them; the"
					+ " answers to the browser on UDP " + BrowserPorts.list(oneWay) + " are lost on the user's side (seen from "
					+ seen + ")"));
		}
		if (unknownNote != null) {
			evidence.add(unknownNote);
		}
		boolean everyTried = silent.size() + oneWay.size() == ports.tried().size();
		String range = f.string(BuiltInChecks.BROWSER_ICE, BuiltInChecks.PORTS).orElse(f.request().serverPorts().toString());
		String out = everyTried ? range : BrowserPorts.list(silent) + " (sampled ports; those between them were not tested)";
		Optional<String> pool = f.string(BuiltInChecks.BROWSER_ADDRESS, BuiltInChecks.VPN_POOL);
		if (pool.isPresent()) {
			evidence.add(new Evidence(BuiltInChecks.BROWSER_ADDRESS, "The browser came from " + seen + ", in the VPN's pool "
					+ pool.get() + ": through the VPN"));
			return new Cause(CauseIds.VPN_DROPS_UDP, 0.75, evidence, new Remediation(Side.CLIENT, "Configure the VPN the user"
					+ " came through (pool " + pool.get() + ") to carry UDP to " + media + " ports " + (silent.isEmpty()
							? range : out) + " and the answers back, or route the PBX's media address outside the tunnel;"
					+ " the PBX accepts these ports (the console reaches them)"));
		}
		List<String> fixes = new ArrayList<>();
		if (!silent.isEmpty()) {
			fixes.add("allow outbound UDP to " + media + " ports " + out);
		}
		if (!oneWay.isEmpty()) {
			fixes.add("allow the answers from " + media + " UDP " + BrowserPorts.list(oneWay)
					+ " back in (inbound UDP to the browser's and softphone's ports)");
		}
		return new Cause(CauseIds.CLIENT_UDP_BLOCKED, 0.75, evidence, new Remediation(Side.CLIENT, "On the user's side (seen"
				+ " from " + seen + "): " + String.join(", and ", fixes) + ", in the computer's firewall or security software"
				+ " for the browser and the softphone, and on the firewall of the user's network (office firewall or home"
				+ " router); the PBX accepts these ports (the console reaches them)"));
	}

	/** A VPN that loses UDP also loses the answers: it explains the client-side block. */
	@Override
	public Set<String> explains(String causeId) {
		return causeId.equals(CauseIds.VPN_REQUIRED_NOT_CONNECTED)
				? Set.of(CauseIds.SERVER_UDP_BLOCKED, CauseIds.PARTIAL_RANGE_BLOCKED, CauseIds.CLIENT_UDP_BLOCKED, CauseIds.VPN_DROPS_UDP)
				: causeId.equals(CauseIds.VPN_DROPS_UDP) ? Set.of(CauseIds.CLIENT_UDP_BLOCKED) : Set.of();
	}

	/**
	 * The console's outcome for one port. A port the PBX held during the console's sweep (IN_USE: most
	 * often the browser test's own agent, right after the run) was not tested there; it takes the
	 * outcome of the tested ports around it when they agree, as the sweep's sampling does.
	 */
	static Optional<Runs.Run> judged(Runs console, int port) {
		List<Runs.Run> all = console.all();
		for (int i = 0; i < all.size(); i++) {
			if (!all.get(i).contains(port)) {
				continue;
			}
			if (all.get(i).outcome() != PortOutcome.IN_USE) {
				return Optional.of(all.get(i));
			}
			Optional<Runs.Run> before = Optional.empty();
			for (int j = i - 1; j >= 0 && before.isEmpty(); j--) {
				before = all.get(j).outcome() == PortOutcome.IN_USE ? Optional.empty() : Optional.of(all.get(j));
			}
			Optional<Runs.Run> after = Optional.empty();
			for (int j = i + 1; j < all.size() && after.isEmpty(); j++) {
				after = all.get(j).outcome() == PortOutcome.IN_USE ? Optional.empty() : Optional.of(all.get(j));
			}
			if (before.isPresent() && after.isPresent()) {
				boolean agree = before.get().open() == after.get().open() && before.get().outcome() == after.get().outcome();
				return agree ? before : Optional.empty();
			}
			return before.isPresent() ? before : after;
		}
		return Optional.empty();
	}

	/** @return the address the browser's media came from at the PBX, else the page's */
	static String seenFrom(Findings f) {
		List<String> sources = f.strings(BuiltInChecks.BROWSER_ADDRESS, BuiltInChecks.MEDIA_SOURCES);
		return sources.isEmpty() ? f.string(BuiltInChecks.BROWSER_ADDRESS, BuiltInChecks.SEEN_ADDRESS).orElse("an unknown address")
				: String.join(", ", sources);
	}

	/**
	 * What both sides counted on these ports, one line per kind (the check lists every port on its own):
	 * "UDP 30000, 30500 of 198.18.2.10: the browser sent 80 checks (40 per port at most), none arrived".
	 */
	private static List<Evidence> portEvidence(Findings f, List<Integer> silent, List<Integer> oneWay) {
		String media = f.string(BuiltInChecks.BROWSER_ICE, BuiltInChecks.MEDIA_ADDRESS).orElse(f.request().server());
		List<Evidence> out = new ArrayList<>();
		if (!silent.isEmpty()) {
			long sent = sum(f, silent, "requestsSent");
			// Firefox does not count the checks it sends: its pairs were "in progress" (checking) all the same
			out.add(new Evidence(BuiltInChecks.BROWSER_ICE, "UDP " + BrowserPorts.list(silent) + " of " + media + ": the browser"
					+ (sent > 0 ? " sent " + sent + " connectivity checks" : " kept checking them (it does not count its checks)")
					+ ", and the PBX's responder, listening on those ports, received none"));
		}
		if (!oneWay.isEmpty()) {
			out.add(new Evidence(BuiltInChecks.BROWSER_ICE, "UDP " + BrowserPorts.list(oneWay) + " of " + media + ": "
					+ sum(f, oneWay, "checksArrived") + " of the browser's checks arrived at the PBX and " + sum(f, oneWay, "answersSent")
					+ " answers went back, but the browser received none (one way)"));
		}
		if (out.isEmpty()) {
			out.add(new Evidence(BuiltInChecks.BROWSER_ICE, f.result(BuiltInChecks.BROWSER_ICE).map(r -> r.summary())
					.orElse("the browser's checks did not pass")));
		}
		return out;
	}

	private static long sum(Findings f, List<Integer> ports, String key) {
		long total = 0;
		for (java.util.Map<?, ?> m : f.maps(BuiltInChecks.BROWSER_ICE, BuiltInChecks.PORT_RESULTS)) {
			if (m.get(BuiltInChecks.PORT) instanceof Number port && ports.contains(port.intValue()) && m.get(key) instanceof Number n) {
				total += n.longValue();
			}
		}
		return total;
	}

	private static String passing(BrowserPorts ports, Runs console) {
		List<String> parts = new ArrayList<>();
		if (!console.open().isEmpty()) {
			parts.add(Runs.ports(console.open()));
		}
		List<Integer> connected = ports.in(PortState.CONNECTED).stream()
				.filter(p -> console.open().stream().noneMatch(r -> r.contains(p))).toList();
		if (!connected.isEmpty()) {
			parts.add(BrowserPorts.list(connected));
		}
		return String.join(", ", parts);
	}

}
