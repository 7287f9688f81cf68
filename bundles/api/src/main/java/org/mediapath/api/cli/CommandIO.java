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

	/**
	 * Prints a usage error the way the command-line contract promises it: one line
	 * {@code COMMAND: REASON} on standard error, nothing on standard output.
	 *
	 * @param command the subcommand's name, e.g. {@code routes}
	 * @param reason what was wrong, naming the option; passed through {@link #oneLine(String)}
	 * @return {@link Subcommand#EXIT_USAGE}, for {@code return io.usageError(...)}
	 * @since 1.1
	 */
	public int usageError(String command, String reason) {
		err.println(command + ": " + oneLine(reason));
		err.flush();
		return Subcommand.EXIT_USAGE;
	}

	/**
	 * A text as it may be shown on one terminal line: control characters (a line break or an escape
	 * sequence echoed from an argument or a file name) become {@code '?'}, so a reason that quotes user
	 * input stays on its line and nothing in it reaches the terminal as a command.
	 *
	 * @param text any text; {@code null} reads as "invalid input"
	 * @return the text without control characters, leading and trailing blanks removed
	 * @since 1.1
	 */
	public static String oneLine(String text) {
		if (text == null) {
			return "invalid input";
		}
		String stripped = text.strip();
		StringBuilder shown = new StringBuilder(stripped.length());
		stripped.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return shown.toString();
	}

	/** @return the process's own streams */
	public static CommandIO system() {
		return new CommandIO(System.in, System.out, System.err);
	}
}
