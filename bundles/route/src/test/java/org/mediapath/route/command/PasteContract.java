package org.mediapath.route.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;
import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.parse.FormatDetector;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * What the paste fuzz tests ({@link PastedBytesJazzerTest}, {@link ShapedPasteJazzerTest}) assert of
 * everything a pasted routing capture reaches: the decoding of the file's bytes, the
 * {@link FormatDetector}, every segment parser behind {@link org.mediapath.route.parse.CaptureParser},
 * the route decision and analysis for a target, and the {@code routes --from - --to TARGET} command
 * that the CLI uses (the console's paste box calls the same service: parse, decide).
 *
 * <p>The contract (CaptureParser, SegmentParser and RoutesCommand Javadoc): a paste that is partly or
 * wholly garbage gives warnings, never an exception, and the command answers it with exit 0 and one
 * JSON document or a one-line usage error. On top this asserts what keeps a hostile paste from
 * hurting the report: a bounded number of bounded warnings, no parser breaking on its input
 * (CaptureParser's catch-all would turn that into "output abandoned", hiding a bug and losing the
 * whole output), and no input taking seconds.
 */
final class PasteContract {

	/** A warning quotes at most 60 characters of a line; a few hundred is room for the rest of the sentence. */
	private static final int MAX_WARNING_LENGTH = 400;
	/** Plenty for one parse, decision and report of a few KB under instrumentation; a regex blow-up takes far longer. */
	private static final long MAX_MILLIS = 2_000;

	/** CaptureParser's catch-all: a segment parser threw. */
	private static final Pattern ABANDONED = Pattern.compile("line \\d+ \\([^)]*\\): output abandoned \\(\\w+\\)");
	/** JsonOutputParser's catch-all, naming the exception. */
	private static final Pattern JSON_FAILURE = Pattern
			.compile("line \\d+ \\(JSON\\): JSON truncated or malformed after \\d+ object\\(s\\) \\((\\w+)\\)");
	/** What Gson throws on bad syntax; anything else escaped from the handling of a parsed value. */
	private static final Set<String> JSON_SYNTAX_EXCEPTIONS = Set.of("JsonSyntaxException", "MalformedJsonException",
			"EOFException", "JsonIOException", "JsonParseException");

	private static final RouteInspector INSPECTOR = new RouteInspector(RouteSettings.DEFAULTS);
	/** Never DNS: a name as target is "does not resolve", the same path as a real unknown name. */
	private static final RoutesCommand COMMAND = new RoutesCommand(INSPECTOR,
			new RoutesCommand.Policy(List.of("10.0.0.0/8", "2001:db8::/32"), false, 1024 * 1024), host -> {
				throw new UnknownHostException(host);
			});

	static final String[] TARGETS = { "10.8.0.5", "192.168.1.20", "198.51.100.20", "127.0.0.1", "0.0.0.0",
			"2001:db8::5", "::1", "fe80::1", "255.255.255.255", "172.16.4.9" };

	private PasteContract() {
	}

	/** The service path (what the console's paste box calls): parse, decide, analyse. */
	static void checkPaste(String paste, String target) {
		long start = System.nanoTime();
		NetworkSnapshot snapshot;
		try {
			NetworkSnapshot parsed = INSPECTOR.parseCaptured(paste);
			snapshot = parsed;
			// decide() takes an address (documented IllegalArgumentException otherwise): the command and
			// the console resolve the target first, so only an address reaches it there.
			if (Addresses.parse(target).filter(a -> a.getNetworkPrefixLength() == null).isPresent()) {
				RouteDecision decision = INSPECTOR.decide(parsed, target);
				assertTrue(decision.explanation().size() < 1000, "explanation bounded");
			} else {
				assertThrows(IllegalArgumentException.class, () -> INSPECTOR.decide(parsed, target));
			}
			List<RouteFinding> findings = INSPECTOR.analyse(parsed,
					INSPECTOR.withPolicy(new RouteAnalysisRequest(target, List.of(target, "10.8.0.5"), List.of(), false)));
			assertFalse(findings.isEmpty(), "every address gets a finding");
		} catch (RuntimeException | StackOverflowError e) {
			throw new AssertionError("paste analysis threw " + e + " on " + show(paste) + " to " + show(target), e);
		}
		List<String> warnings = snapshot.warnings();
		assertTrue(warnings.size() <= Capture.MAX_WARNINGS + 1, "warnings are capped: " + warnings.size());
		for (String warning : warnings) {
			// Anchored patterns: the pasted text itself is quoted in other warnings and may say anything.
			if (ABANDONED.matcher(warning).matches()) {
				fail("a parser broke on its input (" + warning + "): " + show(paste));
			}
			Matcher json = JSON_FAILURE.matcher(warning);
			if (json.matches() && !JSON_SYNTAX_EXCEPTIONS.contains(json.group(1))) {
				fail("the JSON parser broke on a value, not on the syntax (" + warning + "): " + show(paste));
			}
			if (warning.length() > MAX_WARNING_LENGTH) {
				fail("a warning of " + warning.length() + " characters floods the report: "
						+ warning.substring(0, 200) + "... from " + show(paste));
			}
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertTrue(millis < MAX_MILLIS, "took " + millis + " ms: " + show(paste));
	}

	/** The command: exit 0 with exactly one JSON document, or exit 2 with one line naming the option. */
	static void checkCommand(byte[] stdin, String target) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code;
		try {
			code = COMMAND.run(List.of("--from", "-", "--to", target, "--json"),
					new CommandIO(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
							new PrintStream(err, true, StandardCharsets.UTF_8)));
		} catch (RuntimeException | StackOverflowError e) {
			throw new AssertionError("routes --from - --to " + show(target) + " threw " + e, e);
		}
		String error = err.toString(StandardCharsets.UTF_8);
		if (code == Subcommand.EXIT_USAGE) {
			// Either the paste (--from -) or the target is wrong; a target that looks like an option ("--")
			// leaves --to without a value, and picocli says so in its own words.
			assertTrue(error.startsWith("routes: ") && (error.contains("--from -: ") || error.contains("--to")),
					"a usage error names the option: " + error);
			assertEquals(1, error.lines().count(), "one line: " + error);
			assertEquals(0, out.size(), "nothing on stdout after a usage error");
			return;
		}
		assertEquals(Subcommand.EXIT_OK, code, error);
		String json = out.toString(StandardCharsets.UTF_8);
		try (JsonReader reader = new JsonReader(new StringReader(json))) {
			assertTrue(JsonParser.parseReader(reader).isJsonObject());
			assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "exactly one JSON document");
		} catch (java.io.IOException | RuntimeException e) {
			throw new AssertionError("--json printed no single JSON document: " + e, e);
		}
	}

	private static String show(String text) {
		String escaped = text.length() > 600 ? text.substring(0, 600) + "..." : text;
		return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
				.replace("\t", "\\t") + "\"";
	}
}
