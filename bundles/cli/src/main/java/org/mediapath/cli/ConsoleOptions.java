package org.mediapath.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code mediapath console}, parsed by picocli. */
@Command(name = "console", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Starts the standalone console (Felix Web Console with the mediapath page and a Gogo shell) and prints its URL.")
final class ConsoleOptions {

	static final String DEFAULT_USER = "admin";
	static final String DEFAULT_PASSWORD = "admin";

	@Option(names = "--port", defaultValue = "8080", paramLabel = "N",
			description = "HTTP port of the console (default: ${DEFAULT-VALUE}).")
	int port;

	@Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
			description = "Address to listen on (default: ${DEFAULT-VALUE}). Any non-loopback address needs --password-file.")
	String host;

	@Option(names = "--user", defaultValue = DEFAULT_USER, paramLabel = "NAME",
			description = "Login name of the console (default: ${DEFAULT-VALUE}).")
	String user;

	@Option(names = "--no-responder",
			description = "Do not start the loopback responder (by default the console runs one on 127.0.0.1:2231, media ports 30000-33000, so a diagnosis works with no PBX at hand).")
	boolean noResponder;

	@Option(names = "--password-file", paramLabel = "FILE",
			description = "File holding the console password (first line). Without it the password is '" + DEFAULT_PASSWORD + "'.")
	Path passwordFile;
}
