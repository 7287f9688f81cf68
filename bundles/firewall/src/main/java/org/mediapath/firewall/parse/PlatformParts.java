package org.mediapath.firewall.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mediapath.firewall.core.Ruleset;

import com.google.gson.JsonElement;

/** Collects the Windows, macOS and other non-netfilter parts of a paste and builds their rulesets. */
final class PlatformParts {

	void add(Segment segment, Set<String> formats, List<String> warnings) {
		warnings.add(segment.format().command() + " (line " + segment.firstLine() + ") is recognised but not judged yet");
	}

	boolean addJson(JsonElement json, int firstLine, Set<String> formats, List<String> warnings) {
		return false;
	}

	List<Ruleset> rulesets(List<String> warnings) {
		return new ArrayList<>();
	}
}
