package org.mediapath.api.report;

import java.util.List;
import java.util.Objects;

/**
 * Where a diagnosis ran: the probes go out from this machine, so the report speaks of the path
 * from here to the server and no other.
 *
 * @param hostName the host name of the machine the probes ran on
 * @param clientAddresses the local addresses the probes used (the route's source address to the
 *        server; the machine's own addresses where no route was decided)
 * @param operatingSystem the operating system's name, version and architecture
 * @param productVersion mediapath's version
 * @param origin who asked: {@link #CONSOLE}, {@link #COMMAND_LINE}, {@link #USERS_BROWSER}, or
 *        another origin a later version adds
 */
public record VantagePoint(String hostName, List<String> clientAddresses, String operatingSystem,
		String productVersion, String origin) {

	/** A diagnosis started from the console page. */
	public static final String CONSOLE = "console";
	/** A diagnosis started from the command line (a subcommand or a Gogo command). */
	public static final String COMMAND_LINE = "command line";
	/**
	 * A test run in a user's own browser (the link of {@code browser-test invite}): the probes went out
	 * from the user's PC. In such a report {@code hostName} is the browser ("Chrome 131"; the page
	 * cannot learn the PC's name), {@code clientAddresses} the address the PBX saw it come from, and
	 * {@code operatingSystem} what the browser named.
	 *
	 * @since 1.3
	 */
	public static final String USERS_BROWSER = "user's browser";

	/** @throws NullPointerException if a component is null */
	public VantagePoint {
		Objects.requireNonNull(hostName, "hostName");
		clientAddresses = List.copyOf(clientAddresses);
		Objects.requireNonNull(operatingSystem, "operatingSystem");
		Objects.requireNonNull(productVersion, "productVersion");
		Objects.requireNonNull(origin, "origin");
	}
}
