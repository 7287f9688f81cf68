package org.mediapath.route.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code mediapath routes}, parsed by picocli. */
@Command(name = "routes", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Shows interfaces, routes and the route decision for a target: of this machine, or of a user's "
				+ "PC from pasted route print / ipconfig /all / Get-NetRoute JSON / netstat -rn / ifconfig / ip route / ip addr output.")
final class RoutesOptions {

	@Option(names = "--to", paramLabel = "HOST",
			description = "Server host name or address; every address it resolves to is routed.")
	String to;

	@Option(names = "--from", paramLabel = "FILE",
			description = "A file with a user's pasted command output ('-' reads standard input); several outputs may be pasted together.")
	String from;

	@Option(names = "--json", description = "Print exactly one JSON document on standard output.")
	boolean json;
}
