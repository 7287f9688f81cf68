package org.mediapath.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CommandIOTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private final CommandIO io = new CommandIO(new ByteArrayInputStream(new byte[0]),
			new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

	@Test
	void aUsageErrorIsOneLineOnStandardErrorAndExitTwo() {
		assertEquals(Subcommand.EXIT_USAGE, io.usageError("routes", "--to: 'a\nb\u001b[2J\u0085' is not a host\n"));
		assertEquals("routes: --to: 'a?b?[2J?' is not a host" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
		assertEquals(0, out.size(), "nothing on standard output");
	}

	@Test
	void textOutsideTheControlCharactersIsKept() {
		assertEquals("Zürich 🙂 ümlaut", CommandIO.oneLine("  Zürich 🙂 ümlaut\t"));
		assertEquals("invalid input", CommandIO.oneLine(null));
	}
}
