package org.mediapath.firewall.parse;

import java.util.List;

import org.mediapath.firewall.core.Ruleset;
import org.mediapath.firewall.frontend.FirewalldRuleset;
import org.mediapath.firewall.frontend.UfwRuleset;
import org.mediapath.firewall.macos.ApplicationFirewall;
import org.mediapath.firewall.macos.PfRuleset;

/** ufw, firewalld, pf and the macOS application firewall: each a ruleset of its own. */
final class OtherFormats {

	private OtherFormats() {
	}

	static Ruleset parse(Segment segment, List<String> warnings) {
		return switch (segment.format()) {
		case UFW -> UfwRuleset.parse(segment.lines());
		case FIREWALLD -> FirewalldRuleset.parse(segment.lines());
		case PF -> PfRuleset.parse(segment.lines());
		case SOCKETFILTERFW -> ApplicationFirewall.parse(segment.lines());
		default -> {
			warnings.add(segment.format().command() + " (line " + segment.firstLine() + ") was not judged");
			yield null;
		}
		};
	}
}
