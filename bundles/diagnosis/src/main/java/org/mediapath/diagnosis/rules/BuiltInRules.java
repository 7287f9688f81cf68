package org.mediapath.diagnosis.rules;

import java.util.List;

import org.mediapath.api.rule.CauseRule;

/** The rules for the cause ids of DESIGN.md; the engine adds every registered partner rule. */
public final class BuiltInRules {

	private BuiltInRules() {
	}

	/** @return a new list of the built-in rules, in no particular order (ranking orders causes) */
	public static List<CauseRule> all() {
		return List.of(new VpnRequiredRule(), new SignallingRule(), new ServerAddressRule(), new ServerMediaRule(),
				new ClientMediaRule(), new PeerRule(), new BrowserMediaRule());
	}
}
