package org.mediapath.route.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;

/**
 * Found by PastedBytesJazzerTest with {@code --to "\n@"}: the argument was echoed as it was, so a line
 * break split the one-line usage error the command promises (and an escape sequence would reach the
 * terminal). Control characters in echoed arguments are now shown as '?' ({@link CommandIO#oneLine}),
 * also in picocli's own messages. ShapedPasteJazzerTest then tried {@code --to --}.
 */
class UsageErrorLineTest {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		RoutesCommand command = new RoutesCommand(new RouteInspector(RouteSettings.DEFAULTS),
				new RoutesCommand.Policy(List.of(), false, 1024), host -> {
					throw new UnknownHostException(host);
				});
		err.reset();
		return command.run(List.of(args), new CommandIO(new ByteArrayInputStream(new byte[0]),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)));
	}

	@Test
	void aLineBreakInTheTargetStaysOnTheOneLine() {
		assertEquals(Subcommand.EXIT_USAGE, run("--to", "\n@"));
		assertEquals("routes: --to: '?@' is not a host name or IP address" + System.lineSeparator(),
				err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void controlCharactersInTheFileNameStayOnTheOneLine() {
		assertEquals(Subcommand.EXIT_USAGE, run("--from", "no\nsuch\u001b[2Jfile"));
		assertEquals("routes: --from no?such?[2Jfile: cannot be read (NoSuchFileException)" + System.lineSeparator(),
				err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void aTargetThatLooksLikeAnOptionLeavesToWithoutAValue() {
		assertEquals(Subcommand.EXIT_USAGE, run("--to", "--"));
		assertEquals("routes: Expected parameter for option '--to' but found '--'" + System.lineSeparator(),
				err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void picocliQuotingAControlCharacterStaysOnTheOneLine() {
		assertEquals(Subcommand.EXIT_USAGE, run("--to", "--\u001b[2J"));
		String error = err.toString(StandardCharsets.UTF_8);
		assertEquals(1, error.lines().count(), error);
		assertFalse(error.contains("\u001b"), error);
	}
}
