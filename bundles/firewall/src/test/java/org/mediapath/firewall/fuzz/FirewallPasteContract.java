package org.mediapath.firewall.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.firewall.Fixtures;
import org.mediapath.firewall.command.FirewallCommand;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * What the firewall fuzz tests assert of any paste: the analysis never throws, its runs cover exactly
 * the asked ports in order with a rule and a reason each, and {@code firewall --from -} ends with an
 * exit code of the contract — with exactly one JSON document on stdout for {@code --json}, or one line
 * on stderr for bad input.
 */
final class FirewallPasteContract {

	private FirewallPasteContract() {
	}

	static FirewallQuestion question(FuzzedDataProvider data) {
		int first = data.consumeInt(1, 65535);
		int last = data.consumeBoolean() ? first : data.consumeInt(first, 65535);
		Optional<String> remote = data.consumeBoolean() ? Optional.of(data.pickValue(List.of("198.18.20.7", "198.18.66.6",
				"2001:db8::5", "127.0.0.1", "not an address"))) : Optional.empty();
		Optional<String> program = data.consumeBoolean()
				? Optional.of(data.pickValue(List.of("C:\\Program Files\\XPhone\\softphone.exe", "softphone.exe",
						"/Applications/XPhone Softphone.app")))
				: Optional.empty();
		Optional<String> profile = data.consumeBoolean() ? Optional.of(data.pickValue(List.of("Domain", "Private", "Public")))
				: Optional.empty();
		return new FirewallQuestion(data.consumeBoolean() ? TrafficDirection.INBOUND : TrafficDirection.OUTBOUND,
				data.consumeBoolean() ? TransportProtocol.UDP : TransportProtocol.TCP, new PortRange(first, last), remote,
				program, profile);
	}

	static void check(String paste, FirewallQuestion question) {
		FirewallAnswer answer = Fixtures.ANALYSER.analysePasted(paste, question);
		assertFalse(answer.runs().isEmpty());
		int next = question.ports().first();
		for (PortVerdictRun run : answer.runs()) {
			assertEquals(next, run.ports().first(), "runs are contiguous");
			assertNotNull(run.rule());
			assertNotNull(run.reason());
			next = run.ports().last() + 1;
		}
		assertEquals(question.ports().last() + 1, next, "runs end at the last asked port");
	}

	static void checkCommand(byte[] paste, FirewallQuestion question) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> args = new java.util.ArrayList<>(List.of("--from", "-", "--ports", question.ports().toString(),
				"--direction", question.direction() == TrafficDirection.INBOUND ? "in" : "out", "--protocol",
				question.protocol().name().toLowerCase(java.util.Locale.ROOT), "--json"));
		question.program().ifPresent(p -> args.addAll(List.of("--program", p)));
		int exit = new FirewallCommand(Fixtures.ANALYSER, 1024 * 1024).run(args, new CommandIO(
				new ByteArrayInputStream(paste), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)));
		assertTrue(exit >= 0 && exit <= 3, "exit " + exit);
		if (exit == 2) {
			assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
			assertEquals(0, out.size());
		} else {
			try (JsonReader reader = new JsonReader(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
				assertTrue(JsonParser.parseReader(reader).isJsonObject());
				assertEquals(JsonToken.END_DOCUMENT, reader.peek());
			} catch (java.io.IOException e) {
				throw new AssertionError(e);
			}
		}
	}
}
