package org.mediapath.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;

/**
 * Picks the subcommand named by the first argument and runs it. {@code console} is the default,
 * also when the first argument is one of its options ({@code mediapath --port 9090}).
 */
final class CommandLine {

	/** A registered subcommand with the properties it was registered with. */
	record Entry(String name, String summary, Subcommand command) {
	}

	static final String DEFAULT_SUBCOMMAND = "console";

	private CommandLine() {
	}

	/**
	 * @param arguments the process arguments
	 * @param registered the subcommands registered now
	 * @param io the standard streams
	 * @return the exit code
	 * @throws Exception what the subcommand threw
	 */
	static int execute(List<String> arguments, Collection<Entry> registered, CommandIO io) throws Exception {
		String first = arguments.isEmpty() ? DEFAULT_SUBCOMMAND : arguments.get(0);
		if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
			io.out().print(usage(registered));
			return Subcommand.EXIT_OK;
		}
		boolean consoleOptionsOnly = first.startsWith("-");
		String name = consoleOptionsOnly ? DEFAULT_SUBCOMMAND : first;
		List<String> rest = arguments.isEmpty() || consoleOptionsOnly ? List.copyOf(arguments)
				: arguments.subList(1, arguments.size());
		Optional<Entry> entry = registered.stream().filter(e -> e.name().equals(name)).findFirst();
		if (entry.isEmpty()) {
			io.err().println("mediapath: unknown subcommand '" + name + "'");
			io.err().print(usage(registered));
			return Subcommand.EXIT_USAGE;
		}
		return entry.get().command().run(rest, io);
	}

	static String usage(Collection<Entry> registered) {
		List<Entry> sorted = new ArrayList<>(registered);
		sorted.sort(Comparator.comparing(Entry::name));
		int width = sorted.stream().mapToInt(e -> e.name().length()).max().orElse(8);
		StringBuilder text = new StringBuilder();
		text.append("usage: mediapath [SUBCOMMAND] [OPTIONS]\n\n");
		text.append("Tells why a softphone call rings, is answered, and then stays silent.\n\n");
		text.append("subcommands (default: ").append(DEFAULT_SUBCOMMAND).append("):\n");
		for (Entry e : sorted) {
			text.append("  ").append(e.name()).append(" ".repeat(width - e.name().length() + 2))
					.append(e.summary()).append('\n');
		}
		text.append("\nRun 'mediapath SUBCOMMAND --help' for its options.\n");
		return text.toString();
	}
}
