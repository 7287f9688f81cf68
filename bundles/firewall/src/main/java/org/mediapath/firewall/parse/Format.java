package org.mediapath.firewall.parse;

/** The command outputs a paste may hold. */
public enum Format {
	NFT_TEXT("nft list ruleset"),
	IPTABLES_SAVE("iptables-save"),
	JSON("JSON"),
	NETSH_RULES("netsh advfirewall firewall show rule name=all verbose"),
	NETSH_PROFILES("netsh advfirewall show allprofiles"),
	UFW("ufw status verbose"),
	FIREWALLD("firewall-cmd --list-all"),
	PF("pfctl -sr"),
	SOCKETFILTERFW("socketfilterfw"),
	/** A shell prompt: ends the output before it, starts none. */
	PROMPT("a shell prompt");

	private final String command;

	Format(String command) {
		this.command = command;
	}

	/** @return the command whose output it is, as a user would type it */
	public String command() {
		return command;
	}
}
