package org.mediapath.api.report;

import java.util.Objects;

/**
 * What to change, and where, so that the call's media flows.
 *
 * @param side whose configuration has to change
 * @param action the change in plain words, naming the ports and addresses (e.g. "Allow inbound UDP
 *        30000-33000 to 198.18.2.10 on the firewall in front of the server; TCP 2230 already passes")
 */
public record Remediation(Side side, String action) {

	/** @throws NullPointerException if a component is null */
	public Remediation {
		Objects.requireNonNull(side, "side");
		Objects.requireNonNull(action, "action");
	}
}
