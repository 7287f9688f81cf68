package org.mediapath.diagnosis.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mediapath diagnose-repeat [--runs N] [--pause-millis P] [--settle-millis S] DIAGNOSE-ARGS...}: a
 * benchmark aid. Runs the same diagnosis N times through the engine service of this one, already
 * running runtime (exactly as a console's Gogo command or page would), and prints one line per run:
 * {@code run=I exit=E wallMillis=W JSON}, the JSON being the {@code diagnose --json} report on one line.
 * The time is measured around the whole command (parse, engine, report), not including any start-up;
 * {@code --settle-millis} waits before the first run, as a console that has been up for a while.
 */
@Component(property = { Subcommand.NAME + "=diagnose-repeat",
		Subcommand.SUMMARY + "=benchmark aid: the same diagnosis N times in one running runtime, one JSON report per line" })
public class DiagnoseRepeatSubcommand implements Subcommand {

	private final DiagnosisService service;

	@Activate
	public DiagnoseRepeatSubcommand(@Reference DiagnosisService service) {
		this.service = service;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		int runs = 5;
		long pause = 500;
		long settle = 0;
		List<String> diagnose = new ArrayList<>();
		if (arguments.contains("--help") || arguments.contains("-h")) {
			// once, not once per run: the help of the repeat itself, then diagnose's options it passes on
			io.out().println("Usage: mediapath diagnose-repeat [--runs N] [--pause-millis MS] [--settle-millis MS] DIAGNOSE-OPTIONS...");
			io.out().println("A benchmark aid: the same diagnosis N times (default 5) in one running runtime. Each run prints");
			io.out().println("one line: 'run=I exit=E wallMillis=W' and the diagnose --json report on the same line.");
			io.out().println("  --runs N             how many diagnoses (default 5)");
			io.out().println("  --pause-millis MS    pause between runs (default 500)");
			io.out().println("  --settle-millis MS   wait before the first run, as a console that has been up a while (default 0)");
			io.out().println("Every other option is passed to diagnose (see mediapath diagnose --help).");
			io.out().flush();
			return EXIT_OK;
		}
		try {
			for (int i = 0; i < arguments.size(); i++) {
				String a = arguments.get(i);
				switch (a) {
				case "--runs" -> runs = atLeast(1, "--runs", arguments, ++i);
				case "--pause-millis" -> pause = atLeast(0, "--pause-millis", arguments, ++i);
				case "--settle-millis" -> settle = atLeast(0, "--settle-millis", arguments, ++i);
				default -> diagnose.add(a);
				}
			}
		} catch (IllegalArgumentException e) {
			return io.usageError("diagnose-repeat", e.getMessage());
		}
		if (!diagnose.contains("--json")) {
			diagnose.add("--json");
		}
		try {
			Thread.sleep(settle);
			for (int i = 1; i <= runs; i++) {
				ByteArrayOutputStream captured = new ByteArrayOutputStream();
				PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
				long t0 = System.nanoTime();
				int exit = DiagnoseCommand.run(service, diagnose, new CommandIO(io.in(), out, io.err()));
				long wall = (System.nanoTime() - t0) / 1_000_000;
				String json = captured.toString(StandardCharsets.UTF_8).strip().replace('\n', ' ').replace('\r', ' ');
				io.out().println("run=" + i + " exit=" + exit + " wallMillis=" + wall + " " + json);
				io.out().flush();
				if (exit == EXIT_USAGE) {
					return EXIT_USAGE;
				}
				if (i < runs) {
					Thread.sleep(pause);
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return EXIT_FAILURE;
		}
		return EXIT_OK;
	}

	static int atLeast(int minimum, String option, List<String> arguments, int index) {
		if (index >= arguments.size()) {
			throw new IllegalArgumentException(option + ": a number is required");
		}
		try {
			int value = Integer.parseInt(arguments.get(index));
			if (value < minimum) {
				throw new NumberFormatException();
			}
			return value;
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(option + ": '" + arguments.get(index) + "' is not a whole number of at least "
					+ minimum);
		}
	}
}
