package org.mediapath.firewall.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code mediapath firewall}, parsed by picocli. */
@Command(name = "firewall", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Says which firewall rule or default policy decides each port of a range: from a pasted "
				+ "netsh / Get-NetFirewallRule JSON / pfctl -sr / socketfilterfw / nft / iptables-save / ufw / "
				+ "firewall-cmd output, or this Linux host's own ruleset. Exit 0: every port allowed; 1: some port "
				+ "blocked; 2: bad input; 3: none blocked but some (or all) could not be judged.")
final class FirewallOptions {

	@Option(names = "--from", paramLabel = "FILE",
			description = "A file with the pasted firewall output ('-' reads standard input); without it, this host's own ruleset (Linux).")
	String from;

	@Option(names = "--direction", paramLabel = "in|out", defaultValue = "in",
			description = "Traffic arriving at (in, the default) or leaving (out) the host whose firewall it is.")
	String direction;

	@Option(names = "--protocol", paramLabel = "udp|tcp", defaultValue = "udp", description = "udp (media, the default) or tcp (signalling).")
	String protocol;

	@Option(names = "--ports", paramLabel = "RANGE", required = true,
			description = "The destination ports asked about, e.g. 30000-33000.")
	String ports;

	@Option(names = "--remote", paramLabel = "ADDR", description = "The far end's IP address, for rules scoped to addresses.")
	String remote;

	@Option(names = "--program", paramLabel = "PATH", description = "The program owning the socket, for program-scoped rules (Windows, macOS).")
	String program;

	@Option(names = "--profile", paramLabel = "NAME", description = "The active Windows profile (Domain, Private, Public) when the paste does not say.")
	String profile;

	@Option(names = "--json", description = "Print exactly one JSON document on standard output.")
	boolean json;
}
