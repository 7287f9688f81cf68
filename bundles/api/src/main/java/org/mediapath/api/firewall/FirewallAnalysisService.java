package org.mediapath.api.firewall;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Says which rule or default policy of a firewall decides each port of a range. Implemented by the
 * firewall bundle.
 *
 * <p>Promises: input that cannot be understood becomes a warning in the answer, never an exception;
 * formats are recognised by themselves and several may be pasted together; external programs (the
 * local ruleset) run with a fixed argument vector and a timeout, never through a shell.
 */
@ProviderType
public interface FirewallAnalysisService {

	/**
	 * Judges a pasted ruleset: Windows {@code netsh advfirewall} (English, German) and PowerShell
	 * {@code Get-NetFirewallRule} JSON, macOS {@code pfctl -sr} and {@code socketfilterfw}, Linux
	 * {@code nft list ruleset} (text or {@code -j}), {@code iptables-save}, {@code ufw status verbose},
	 * {@code firewall-cmd --list-all}.
	 *
	 * @param pasted the pasted text
	 * @param question what is asked
	 * @return the answer, with warnings for what was not understood
	 */
	FirewallAnswer analysePasted(String pasted, FirewallQuestion question);

	/**
	 * Judges this host's own ruleset (Linux: {@code nft -j list ruleset}, else {@code iptables-save}).
	 *
	 * @param question what is asked
	 * @return the answer; where the ruleset cannot be read, every port is unknown and a warning says why
	 */
	FirewallAnswer analyseLocal(FirewallQuestion question);
}
