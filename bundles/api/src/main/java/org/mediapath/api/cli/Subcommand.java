package org.mediapath.api.cli;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One subcommand of {@code mediapath} / {@code java -jar mediapath.jar}. Register it as a service
 * with {@link #NAME} and {@link #SUMMARY}; the launcher bundle finds it by name, runs it on the
 * main thread, and exits with its code.
 *
 * <p>Exit codes are a public contract: {@link #EXIT_OK}, {@link #EXIT_FOUND}, {@link #EXIT_USAGE},
 * {@link #EXIT_FAILURE}.
 */
@ConsumerType
public interface Subcommand {

	/** Service property: the subcommand's name as typed ({@code String}, required). */
	String NAME = "mediapath.subcommand";

	/** Service property: one line for the usage text ({@code String}). */
	String SUMMARY = "mediapath.subcommand.summary";

	/** Exit code: done, nothing wrong found (for diagnose: the media path is OK). */
	int EXIT_OK = 0;
	/** Exit code: done, at least one problem (cause) found. */
	int EXIT_FOUND = 1;
	/** Exit code: bad usage or input; a one-line reason went to stderr. */
	int EXIT_USAGE = 2;
	/** Exit code: the subcommand could not do its job (it cannot listen, an unexpected error); the reason went to stderr. */
	int EXIT_FAILURE = 3;

	/**
	 * Runs the subcommand. Long-running subcommands (console, responder) return when the
	 * framework stops or the user interrupts them.
	 *
	 * @param arguments the arguments after the subcommand's name
	 * @param io the standard streams
	 * @return the exit code
	 * @throws Exception on an unexpected failure; the launcher prints it and exits non-zero
	 */
	int run(List<String> arguments, CommandIO io) throws Exception;
}
