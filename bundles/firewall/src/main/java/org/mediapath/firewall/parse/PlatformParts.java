package org.mediapath.firewall.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mediapath.firewall.core.Ruleset;
import org.mediapath.firewall.windows.NetshParser;
import org.mediapath.firewall.windows.PowerShellJsonParser;
import org.mediapath.firewall.windows.ProfileSettings;
import org.mediapath.firewall.windows.WindowsRule;
import org.mediapath.firewall.windows.WindowsRuleset;

import com.google.gson.JsonElement;

/**
 * Collects the parts of a paste that are not netfilter: the Windows rule lists and profile settings
 * (netsh or PowerShell) make one Windows ruleset together; the others are rulesets of their own.
 */
final class PlatformParts {

	private final List<WindowsRule> windowsRules = new ArrayList<>();
	private final List<ProfileSettings> windowsProfiles = new ArrayList<>();
	private final List<String> windowsWarnings = new ArrayList<>();
	private final List<String> windowsFormats = new ArrayList<>();
	private final List<String> currentProfiles = new ArrayList<>();
	private boolean windows;
	private final List<Ruleset> others = new ArrayList<>();

	void add(Segment segment, Set<String> formats, List<String> warnings) {
		switch (segment.format()) {
		case NETSH_RULES -> {
			NetshParser.Rules rules = NetshParser.parseRules(segment.lines());
			windows = true;
			windowsRules.addAll(rules.rules());
			windowsWarnings.addAll(rules.warnings());
			if (!rules.rules().isEmpty()) {
				formats.add(segment.format().command());
				windowsFormats.add("netsh rules");
			}
		}
		case NETSH_PROFILES -> {
			NetshParser.Profiles profiles = NetshParser.parseProfiles(segment.lines());
			windows = true;
			windowsProfiles.addAll(profiles.profiles());
			windowsWarnings.addAll(profiles.warnings());
			currentProfiles.addAll(WindowsRuleset.currentProfiles(profiles.profiles()));
			formats.add(profiles.profiles().size() < 3 ? "netsh advfirewall show currentprofile"
					: segment.format().command());
			windowsFormats.add("netsh profiles");
		}
		default -> {
			Ruleset ruleset = OtherFormats.parse(segment, warnings);
			if (ruleset != null) {
				others.add(ruleset);
				formats.add(ruleset.format());
			}
		}
		}
	}

	boolean addJson(JsonElement json, int firstLine, Set<String> formats, List<String> warnings) {
		if (!PowerShellJsonParser.recognises(json)) {
			return false;
		}
		PowerShellJsonParser.Parsed parsed = PowerShellJsonParser.parse(json);
		windows = true;
		windowsRules.addAll(parsed.rules());
		windowsProfiles.addAll(parsed.profiles());
		windowsWarnings.addAll(parsed.warnings());
		if (!parsed.rules().isEmpty()) {
			formats.add("Get-NetFirewallRule | ConvertTo-Json");
			windowsFormats.add("PowerShell rules");
		}
		if (!parsed.profiles().isEmpty()) {
			formats.add("Get-NetFirewallProfile | ConvertTo-Json");
			windowsFormats.add("PowerShell profiles");
		}
		return true;
	}

	List<Ruleset> rulesets(List<String> warnings) {
		List<Ruleset> rulesets = new ArrayList<>();
		if (windows && (!windowsRules.isEmpty() || !windowsProfiles.isEmpty())) {
			if (windowsRules.isEmpty()) {
				windowsWarnings.add("no firewall rules were pasted, only profile settings: rules that allow or block "
						+ "programs and ports are unknown");
			}
			rulesets.add(new WindowsRuleset("Windows Defender Firewall (" + String.join(", ", windowsFormats) + ")",
					windowsRules, windowsProfiles, currentProfiles, windowsWarnings));
		} else if (windows) {
			warnings.addAll(windowsWarnings);
		}
		rulesets.addAll(others);
		return rulesets;
	}
}
