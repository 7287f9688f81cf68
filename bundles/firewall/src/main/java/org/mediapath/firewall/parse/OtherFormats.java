package org.mediapath.firewall.parse;

import java.util.List;

import org.mediapath.firewall.core.Ruleset;

/** ufw, firewalld, pf and the macOS application firewall: each a ruleset of its own. */
final class OtherFormats {

	private OtherFormats() {
	}

	static Ruleset parse(Segment segment, List<String> warnings) {
		warnings.add(segment.format().command() + " (line " + segment.firstLine() + ") is recognised but not judged yet");
		return null;
	}
}
