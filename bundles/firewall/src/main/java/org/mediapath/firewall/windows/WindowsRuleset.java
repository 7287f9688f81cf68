package org.mediapath.firewall.windows;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.Addresses;
import org.mediapath.firewall.core.Decision;
import org.mediapath.firewall.core.PortSet;
import org.mediapath.firewall.core.PortSweep;
import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Ruleset;
import org.mediapath.firewall.core.Tri;

import inet.ipaddr.IPAddress;

/**
 * Windows Defender Firewall's semantics: of the enabled rules of the traffic's direction and active
 * profile that match it, an explicit block beats every allow; without a matching rule the profile's
 * default action decides (inbound block, outbound allow by default); "block all incoming connections"
 * (BlockInboundAlways) blocks inbound even for allowed programs; a profile whose firewall is off lets
 * everything through. Conditions the question does not fix (the program, the profile, a remote address
 * keyword) make a rule undecided, and the verdict then says what it depends on.
 */
public final class WindowsRuleset implements Ruleset {

	private static final List<String> ALL_PROFILES = List.of("domain", "private", "public");

	private final String format;
	private final List<WindowsRule> rules;
	private final List<ProfileSettings> profiles;
	private final List<String> activeProfiles;
	private final List<String> warnings;
	/** Enabled allow and block rules by direction, in paste order. */
	private final List<WindowsRule> inboundRules = new ArrayList<>();
	private final List<WindowsRule> outboundRules = new ArrayList<>();
	/** The programs rules are scoped to, tried one by one when the question names none (plus "any other"). */
	private final List<String> programs = new ArrayList<>();
	private final java.util.Set<String> programKeys = new java.util.HashSet<>();
	/** Per protocol and direction: which rules can match at a port (see {@link PortSweep}). */
	private final java.util.Map<String, PortSweep> sweeps = new java.util.HashMap<>();

	/**
	 * @param activeProfiles the profiles the paste shows as current ({@code show currentprofile}); empty
	 *        when unknown
	 */
	public WindowsRuleset(String format, List<WindowsRule> rules, List<ProfileSettings> profiles,
			List<String> activeProfiles, List<String> warnings) {
		this.format = format;
		this.rules = List.copyOf(rules);
		this.profiles = List.copyOf(profiles);
		this.activeProfiles = List.copyOf(activeProfiles);
		this.warnings = new ArrayList<>(warnings);
		if (profiles.isEmpty()) {
			this.warnings.add("no profile settings were pasted ('netsh advfirewall show allprofiles' or "
					+ "Get-NetFirewallProfile): Windows' defaults are assumed — firewall on, inbound blocked unless a "
					+ "rule allows it, outbound allowed");
		}
		for (WindowsRule rule : rules) {
			if (rule.enabled() && rule.action() != WindowsRule.Action.BYPASS) {
				(rule.inbound() ? inboundRules : outboundRules).add(rule);
				if (rule.program() != null && !isAny(rule.program()) && !rule.program().isBlank()
						&& programKeys.add(WindowsValues.programPath(rule.program()))) {
					programs.add(rule.program());
				}
			}
		}
		if (programs.size() > MAX_PROGRAMS) {
			programs.clear();
		} else if (!programs.isEmpty()) {
			programs.add(OTHER_PROGRAM);
		}
		if (rules.stream().anyMatch(r -> r.action() == WindowsRule.Action.BYPASS)) {
			this.warnings.add("authenticated-bypass rules (they need IPsec) are not judged");
		}
	}

	@Override
	public String format() {
		return format;
	}

	@Override
	public List<String> warnings() {
		return warnings;
	}

	@Override
	public void boundaries(TransportProtocol protocol, IntConsumer boundary) {
		for (WindowsRule rule : rules) {
			if (rule.localPorts() != null) {
				rule.localPorts().boundaries(boundary);
			}
			if (rule.remotePorts() != null) {
				rule.remotePorts().boundaries(boundary);
			}
		}
	}

	/** A program that matches no program-scoped rule: every program the rules do not name. */
	private static final String OTHER_PROGRAM = "\u0000any other program";
	/** Beyond this many distinct programs, program-scoped rules stay undecided instead of being tried one by one. */
	private static final int MAX_PROGRAMS = 16;

	/** One combination of the things a question may leave open, and its decision. */
	private record Scenario(String profile, String program, Decision decision) {
		String describe() {
			String who = program == null ? "" : OTHER_PROGRAM.equals(program) ? ", any other program" : ", program " + program;
			return "in the " + profile + " profile" + who;
		}
	}

	/** A rule whose port, protocol and address conditions may hold for the probe, and how surely. */
	private record Candidate(WindowsRule rule, Tri base) {
	}

	@Override
	public Decision judge(Probe probe) {
		List<String> programs = probe.program().isEmpty() ? this.programs : List.of();
		// what does not depend on the profile or the program is decided once per port
		List<Candidate> candidates = new ArrayList<>();
		boolean inbound = probe.direction() == TrafficDirection.INBOUND;
		List<WindowsRule> directed = inbound ? inboundRules : outboundRules;
		BitSet active = sweeps.computeIfAbsent(probe.protocolName() + inbound, k -> new PortSweep(directed.stream()
				.map(r -> Tri.NO == protocol(r, probe) ? PortSet.NONE : inbound ? r.localPorts() : r.remotePorts()).toList()))
				.at(probe.port());
		for (int i = active.nextSetBit(0); i >= 0; i = active.nextSetBit(i + 1)) {
			WindowsRule rule = directed.get(i);
			Tri base = portsAndAddresses(rule, probe);
			if (base != Tri.NO) {
				candidates.add(new Candidate(rule, base));
			}
		}
		List<Scenario> scenarios = new ArrayList<>();
		for (String profile : candidates(probe)) {
			if (programs.isEmpty()) {
				scenarios.add(new Scenario(profile, null, judge(probe, profile, candidates)));
			} else {
				for (String program : programs) {
					Probe scoped = new Probe(probe.direction(), probe.protocol(), probe.port(), probe.remote(),
							java.util.Optional.of(program), probe.profile(), probe.beforeConntrack());
					scenarios.add(new Scenario(profile, program, judge(scoped, profile, candidates)));
				}
			}
		}
		Scenario first = scenarios.get(0);
		for (Scenario other : scenarios) {
			if (other.decision().verdict() != first.decision().verdict()) {
				boolean byProfile = !other.profile().equals(first.profile());
				String hint = byProfile ? "; pass --profile or paste 'netsh advfirewall show currentprofile'"
						: "; pass --program with the softphone's path";
				return Decision.unknown(byProfile ? "active profile" : "program", "depends on "
						+ (byProfile ? "the active profile" : "the program") + ", which the question does not fix: "
						+ first.describe() + " " + lower(first.decision()) + " (" + first.decision().rule() + "), "
						+ other.describe() + " " + lower(other.decision()) + " (" + other.decision().rule() + ")" + hint);
			}
		}
		// the same verdict whatever is open: name an explicit rule over a default where there is one
		for (Scenario scenario : scenarios) {
			if (scenario.decision().rule().startsWith("Windows Defender Firewall rule")) {
				Decision d = scenario.decision();
				String note = scenario.program() != null && !OTHER_PROGRAM.equals(scenario.program())
						? " (the verdict is the same for every program; this rule decides for " + scenario.program() + ")"
						: "";
				return new Decision(d.verdict(), d.rule(), d.reason() + note);
			}
		}
		return first.decision();
	}

	private static String lower(Decision decision) {
		return decision.verdict().name().toLowerCase(Locale.ROOT);
	}

	private List<String> candidates(Probe probe) {
		if (probe.profile().isPresent()) {
			return List.of(probe.profile().get().toLowerCase(Locale.ROOT));
		}
		if (!activeProfiles.isEmpty()) {
			return activeProfiles;
		}
		return ALL_PROFILES;
	}

	private Decision judge(Probe probe, String profile, List<Candidate> candidates) {
		boolean inbound = probe.direction() == TrafficDirection.INBOUND;
		ProfileSettings settings = profiles.stream().filter(p -> p.profile().equals(profile)).findFirst()
				.orElse(new ProfileSettings(profile, true, true, false, false, "BlockInbound,AllowOutbound (default)"));
		String profileName = capitalised(profile);
		if (!settings.on()) {
			return Decision.allowed(profileName + " profile: firewall off",
					"Windows Defender Firewall is off in the " + profileName + " profile, so it blocks nothing");
		}
		if (inbound && settings.blockInboundAlways()) {
			return Decision.blocked(profileName + " profile: " + settings.policyText(), "the " + profileName
					+ " profile blocks all incoming connections, including those of allowed apps (BlockInboundAlways / "
					+ "'Block all incoming connections'); no rule can allow them");
		}
		WindowsRule blockYes = null;
		WindowsRule blockMaybe = null;
		WindowsRule allowYes = null;
		WindowsRule allowMaybe = null;
		for (Candidate candidate : candidates) {
			WindowsRule rule = candidate.rule();
			Tri match = candidate.base().and(profileAndProgram(rule, probe, profile));
			if (match == Tri.NO) {
				continue;
			}
			if (rule.action() == WindowsRule.Action.BLOCK) {
				if (match == Tri.YES && blockYes == null) {
					blockYes = rule;
				} else if (match == Tri.MAYBE && blockMaybe == null) {
					blockMaybe = rule;
				}
			} else if (match == Tri.YES && allowYes == null) {
				allowYes = rule;
			} else if (match == Tri.MAYBE && allowMaybe == null) {
				allowMaybe = rule;
			}
		}
		if (blockYes != null) {
			return Decision.blocked(label(blockYes), "Windows Defender Firewall rule " + describe(blockYes)
					+ " blocks these ports; delete or narrow it — an allow rule cannot override a block" + cancelHint(blockYes));
		}
		if (allowYes != null) {
			if (blockMaybe != null) {
				return Decision.unknown(label(blockMaybe), "allowed by " + describe(allowYes) + " unless block rule "
						+ describe(blockMaybe) + " applies, which depends on " + undecided(blockMaybe, probe, profile)
						+ cancelHint(blockMaybe));
			}
			return Decision.allowed(label(allowYes), "allowed by Windows Defender Firewall rule " + describe(allowYes));
		}
		boolean blockByDefault = inbound ? settings.blockInbound() : settings.blockOutbound();
		String policy = profileName + " profile: default " + (inbound ? "inbound" : "outbound") + " action "
				+ (blockByDefault ? "block" : "allow");
		if (blockByDefault) {
			if (allowMaybe != null) {
				return Decision.unknown(label(allowMaybe), "blocked by the " + profileName + " profile's default unless "
						+ describe(allowMaybe) + " applies, which depends on " + undecided(allowMaybe, probe, profile));
			}
			return Decision.blocked(policy, "no enabled " + (inbound ? "inbound" : "outbound") + " rule of the "
					+ profileName + " profile allows these " + probe.protocolName().toUpperCase(Locale.ROOT)
					+ " ports, so the profile's default action blocks them");
		}
		if (blockMaybe != null) {
			return Decision.unknown(label(blockMaybe), "allowed by the " + profileName + " profile's default unless "
					+ describe(blockMaybe) + " applies, which depends on " + undecided(blockMaybe, probe, profile)
					+ cancelHint(blockMaybe));
		}
		return Decision.allowed(policy, "no enabled rule blocks it and the " + profileName + " profile's default "
				+ (inbound ? "inbound" : "outbound") + " action allows");
	}

	private static Tri portsAndAddresses(WindowsRule rule, Probe probe) {
		Tri result = protocol(rule, probe);
		if (result == Tri.NO) {
			return result;
		}
		boolean inbound = probe.direction() == TrafficDirection.INBOUND;
		PortSet destination = inbound ? rule.localPorts() : rule.remotePorts();
		PortSet source = inbound ? rule.remotePorts() : rule.localPorts();
		result = result.and(destination == null ? Tri.MAYBE : Tri.of(destination.contains(probe.port())));
		if (result == Tri.NO) {
			return result;
		}
		// the far end's source port (inbound) or this host's (outbound) is not part of the question
		result = result.and(source == null ? Tri.MAYBE : source == PortSet.ALL || source.complement().isEmpty() ? Tri.YES
				: Tri.MAYBE);
		result = result.and(remote(rule, probe));
		if (rule.service() != null && !isAny(rule.service())) {
			result = result.and(Tri.MAYBE);
		}
		if (rule.interfaceTypes() != null && !isAny(rule.interfaceTypes())) {
			result = result.and(Tri.MAYBE);
		}
		return result;
	}

	private static Tri profileAndProgram(WindowsRule rule, Probe probe, String profile) {
		Tri result = rule.profiles().isEmpty() ? Tri.YES : Tri.of(rule.profiles().contains(profile));
		return result == Tri.NO ? result : result.and(program(rule, probe));
	}

	private static Tri protocol(WindowsRule rule, Probe probe) {
		if (rule.protocol() == null) {
			return Tri.MAYBE;
		}
		if (rule.protocol().equals("any")) {
			return Tri.YES;
		}
		return Tri.of(rule.protocol().equals(probe.protocolName()));
	}

	private static Tri remote(WindowsRule rule, Probe probe) {
		if (rule.remoteAddresses() == null) {
			return Tri.MAYBE;
		}
		if (rule.remoteAddresses().stream().anyMatch(WindowsRuleset::isAny)) {
			return Tri.YES;
		}
		if (probe.remote().isEmpty()) {
			return Tri.MAYBE;
		}
		IPAddress remote = probe.remote().get();
		boolean keyword = false;
		for (String entry : rule.remoteAddresses()) {
			int dash = entry.indexOf('-');
			if (dash > 0) {
				Optional<IPAddress> low = Addresses.parse(entry.substring(0, dash));
				Optional<IPAddress> high = Addresses.parse(entry.substring(dash + 1));
				if (low.isPresent() && high.isPresent()) {
					if (Addresses.inRange(low.get(), high.get(), remote)) {
						return Tri.YES;
					}
					continue;
				}
			}
			Optional<IPAddress> prefix = Addresses.parse(entry.replaceAll("/255\\.255\\.255\\.255$", ""));
			if (prefix.isPresent()) {
				if (Addresses.contains(prefix.get(), remote)) {
					return Tri.YES;
				}
			} else {
				keyword = true; // LocalSubnet, Internet, DNS, DefaultGateway...
			}
		}
		return keyword ? Tri.MAYBE : Tri.NO;
	}

	private static Tri program(WindowsRule rule, Probe probe) {
		if (rule.program() == null) {
			return Tri.MAYBE;
		}
		if (isAny(rule.program()) || rule.program().isBlank()) {
			return Tri.YES;
		}
		if (probe.program().isEmpty()) {
			return Tri.MAYBE;
		}
		String wanted = WindowsValues.programPath(probe.program().get());
		String scoped = WindowsValues.programPath(rule.program());
		// a bare program name in the question matches the rule's path ending in it
		return Tri.of(scoped.equals(wanted) || !wanted.contains("\\") && scoped.endsWith("\\" + wanted));
	}

	private String undecided(WindowsRule rule, Probe probe, String profile) {
		List<String> what = new ArrayList<>();
		if (program(rule, probe) == Tri.MAYBE) {
			what.add(rule.program() == null ? "the program it may be scoped to (not in a non-verbose list)"
					: "the program (the rule is scoped to " + rule.program() + ")");
		}
		if (remote(rule, probe) == Tri.MAYBE) {
			what.add("the remote address (" + String.join(",", rule.remoteAddresses() == null ? List.of("?")
					: rule.remoteAddresses()) + ")");
		}
		if (rule.protocol() == null || (probe.direction() == TrafficDirection.INBOUND ? rule.localPorts()
				: rule.remotePorts()) == null) {
			what.add("its ports, which the paste does not show");
		}
		if (rule.service() != null && !isAny(rule.service())) {
			what.add("the service " + rule.service());
		}
		if (rule.interfaceTypes() != null && !isAny(rule.interfaceTypes())) {
			what.add("the interface type " + rule.interfaceTypes());
		}
		if (what.isEmpty()) {
			what.add("the far end's source port");
		}
		return String.join(" and ", what);
	}

	/** Answering "Cancel" on Windows' security prompt leaves a TCP and a UDP block rule for the program. */
	private String cancelHint(WindowsRule rule) {
		if (!rule.inbound() || rule.program() == null || isAny(rule.program()) || rule.localPorts() != PortSet.ALL
				&& (rule.localPorts() == null || !rule.localPorts().complement().isEmpty())) {
			return "";
		}
		boolean twin = rules.stream().anyMatch(other -> other != rule && other.action() == WindowsRule.Action.BLOCK
				&& other.inbound() && other.name().equals(rule.name()) && rule.program().equalsIgnoreCase(
						String.valueOf(other.program())) && !String.valueOf(other.protocol()).equals(rule.protocol()));
		return twin ? ". Windows creates such a pair of program-scoped TCP and UDP block rules when someone answers "
				+ "'Cancel' on its security prompt for the program" : "";
	}

	private static String label(WindowsRule rule) {
		return "Windows Defender Firewall rule '" + rule.name() + "'";
	}

	private static String describe(WindowsRule rule) {
		List<String> parts = new ArrayList<>();
		parts.add(rule.action().name().toLowerCase(Locale.ROOT));
		parts.add(rule.inbound() ? "inbound" : "outbound");
		parts.add(rule.protocol() == null ? "protocol not shown" : rule.protocol().toUpperCase(Locale.ROOT));
		PortSet ports = rule.inbound() ? rule.localPorts() : rule.remotePorts();
		if (ports != null && ports != PortSet.ALL && !ports.complement().isEmpty()) {
			parts.add("ports " + ports);
		}
		parts.add(rule.profiles().isEmpty() ? "all profiles"
				: String.join("/", rule.profiles().stream().map(WindowsRuleset::capitalised).toList())
						+ (rule.profiles().size() == 1 ? " profile" : " profiles"));
		if (rule.program() != null && !isAny(rule.program()) && !rule.program().isBlank()) {
			parts.add("program " + rule.program());
		}
		return "'" + rule.name() + "' (" + String.join(", ", parts) + ")";
	}

	private static boolean isAny(String value) {
		return value.length() <= 8 && WindowsValues.word(value).equals("any");
	}

	private static String capitalised(String profile) {
		return profile.isEmpty() ? profile : Character.toUpperCase(profile.charAt(0)) + profile.substring(1);
	}

	/** Profiles a {@code show currentprofile} paste names: fewer than all three sections. */
	public static List<String> currentProfiles(List<ProfileSettings> settings) {
		Set<String> names = new java.util.LinkedHashSet<>();
		settings.forEach(s -> names.add(s.profile()));
		return names.size() < 3 ? List.copyOf(names) : List.of();
	}

}
