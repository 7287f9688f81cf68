package org.mediapath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;

class CommandLineTest {

	private final List<String> seen = new ArrayList<>();
	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private final CommandIO io = new CommandIO(new ByteArrayInputStream(new byte[0]),
			new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

	private CommandLine.Entry recording(String name, int exitCode) {
		Subcommand command = (arguments, streams) -> {
			seen.add(name + " " + String.join(" ", arguments));
			return exitCode;
		};
		return new CommandLine.Entry(name, "does " + name, command);
	}

	private final List<CommandLine.Entry> registered = List.of(recording("console", 0), recording("diagnose", 1));

	@Test
	void noArgumentsStartsTheConsole() throws Exception {
		assertEquals(0, CommandLine.execute(List.of(), registered, io));
		assertEquals(List.of("console "), seen);
	}

	@Test
	void optionsAloneGoToTheConsole() throws Exception {
		assertEquals(0, CommandLine.execute(List.of("--port", "9090"), registered, io));
		assertEquals(List.of("console --port 9090"), seen);
	}

	@Test
	void aNamedSubcommandGetsTheRestAndItsExitCodeIsReturned() throws Exception {
		assertEquals(1, CommandLine.execute(List.of("diagnose", "--server", "pbx"), registered, io));
		assertEquals(List.of("diagnose --server pbx"), seen);
	}

	@Test
	void helpListsEverySubcommandSortedAndRunsNothing() throws Exception {
		assertEquals(0, CommandLine.execute(List.of("--help"), registered, io));
		String usage = out.toString(StandardCharsets.UTF_8);
		assertTrue(usage.indexOf("console") < usage.indexOf("diagnose"), usage);
		assertTrue(usage.contains("does diagnose"), usage);
		assertEquals(List.of(), seen);
	}

	@Test
	void anUnknownSubcommandIsAUsageErrorNamingIt() throws Exception {
		assertEquals(Subcommand.EXIT_USAGE, CommandLine.execute(List.of("diagnsoe"), registered, io));
		String message = err.toString(StandardCharsets.UTF_8);
		assertTrue(message.startsWith("mediapath: unknown subcommand 'diagnsoe'"), message);
		assertTrue(message.contains("usage: mediapath"), message);
		assertEquals(List.of(), seen);
	}
}
