package org.mediapath.api.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The standard streams a subcommand talks through; a record so tests can capture them.
 *
 * @param in standard input
 * @param out standard output: the result (for {@code --json}, exactly one JSON document)
 * @param err standard error: progress, warnings, the one-line reason of a usage error
 */
public record CommandIO(InputStream in, PrintStream out, PrintStream err) {

	/** @throws NullPointerException if a stream is null */
	public CommandIO {
		Objects.requireNonNull(in, "in");
		Objects.requireNonNull(out, "out");
		Objects.requireNonNull(err, "err");
	}

	/** @return the process's own streams */
	public static CommandIO system() {
		return new CommandIO(System.in, System.out, System.err);
	}
}
