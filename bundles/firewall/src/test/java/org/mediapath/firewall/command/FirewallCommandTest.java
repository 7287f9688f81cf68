package org.mediapath.firewall.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.firewall.Fixtures;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/** {@code mediapath firewall}: the exit codes, the JSON contract, and bad input named in one line. */
class FirewallCommandTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(byte[] stdin, String... args) {
		FirewallCommand command = new FirewallCommand(Fixtures.ANALYSER, 1024 * 1024);
		return command.run(List.of(args), new CommandIO(new ByteArrayInputStream(stdin),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
	}

	private int run(String... args) {
		return run(new byte[0], args);
	}

	private String fixture(String name) throws IOException {
		Path file = dir.resolve(name.replace('/', '-'));
		Files.write(file, Fixtures.bytes(name));
		return file.toString();
	}

	private JsonObject singleJson() throws IOException {
		try (JsonReader reader = new JsonReader(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
			JsonElement element = JsonParser.parseReader(reader);
			assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "nothing after the document");
			return element.getAsJsonObject();
		}
	}

	@Test
	void somethingBlockedIsExitOneAndTheJsonNamesRunsAndWarnings() throws IOException {
		int exit = run("--from", fixture("linux/nft-media-gap-handles.txt"), "--ports", "30000-33000", "--json");
		assertEquals(Subcommand.EXIT_FOUND, exit, err.toString(StandardCharsets.UTF_8));
		JsonObject json = singleJson();
		JsonArray runs = json.getAsJsonArray("runs");
		assertEquals(2, runs.size());
		JsonObject blocked = runs.get(1).getAsJsonObject();
		assertEquals("31000-33000", blocked.get("ports").getAsString());
		assertEquals("BLOCKED", blocked.get("verdict").getAsString());
		assertEquals("table inet filter, chain input, policy drop", blocked.get("rule").getAsString());
		assertTrue(blocked.get("reason").getAsString().contains("10000-30999"));
		assertTrue(json.get("warnings").isJsonArray());
		assertEquals("31000-33000", json.getAsJsonArray("uncovered").get(0).getAsString());
		assertEquals("", err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void everythingAllowedIsExitZero() throws IOException {
		assertEquals(Subcommand.EXIT_OK, run("--from", fixture("linux/nft-media-gap-handles.txt"), "--ports", "10000-30999"));
		assertTrue(out.toString(StandardCharsets.UTF_8).contains("ALLOWED"));
	}

	@Test
	void nothingJudgedIsExitThree() throws IOException {
		assertEquals(Subcommand.EXIT_FAILURE, run("--from", fixture("linux/nft-media-gap-handles.txt"), "--protocol",
				"tcp", "--ports", "2230"), "the peer set decides, and --remote was not given");
		assertTrue(out.toString(StandardCharsets.UTF_8).contains("UNKNOWN"));
	}

	@Test
	void standardInputOutboundProgramAndProfile() {
		byte[] paste = Fixtures.bytes("windows/netsh-rules-verbose-german-cp850.txt");
		int exit = run(paste, "--from", "-", "--direction", "in", "--ports", "49152-65535", "--program",
				"C:\\Program Files\\XPhone\\softphone.exe", "--profile", "Public");
		assertEquals(Subcommand.EXIT_FOUND, exit, err.toString(StandardCharsets.UTF_8));
		assertTrue(out.toString(StandardCharsets.UTF_8).contains("Windows Defender Firewall rule 'softphone.exe'"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "--ports|70000|--ports: '70000' is not a valid port range",
			"--direction|sideways|--direction: 'sideways' is neither in nor out",
			"--protocol|sctp|--protocol: 'sctp' is neither udp nor tcp",
			"--remote|pbx.example|--remote: 'pbx.example' is not an IPv4 or IPv6 address",
			"--profile|Work|--profile: 'Work' is not Domain, Private or Public" })
	void badInputIsExitTwoWithOneLineNamingTheOption(String option, String value, String message) throws IOException {
		String file = fixture("linux/nft-media-gap-handles.txt");
		List<String> args = new java.util.ArrayList<>(List.of("--from", file, "--ports", "30000"));
		if (option.equals("--ports")) {
			args.set(3, value);
		} else {
			args.addAll(List.of(option, value));
		}
		assertEquals(Subcommand.EXIT_USAGE, run(args.toArray(String[]::new)));
		String stderr = err.toString(StandardCharsets.UTF_8);
		assertTrue(stderr.startsWith("firewall: " + message), stderr);
		assertEquals(1, stderr.lines().count(), stderr);
		assertEquals("", out.toString(StandardCharsets.UTF_8));
	}

	@Test
	void aFileWithNoFirewallOutputIsBadInput() throws IOException {
		Path file = dir.resolve("notes.txt");
		Files.writeString(file, "the firewall is probably fine\n");
		assertEquals(Subcommand.EXIT_USAGE, run("--from", file.toString(), "--ports", "30000"));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("no firewall output recognised"));
	}

	@Test
	void aLanguageNotReadIsRefusedByName() throws IOException {
		assertEquals(Subcommand.EXIT_USAGE, run("--from", fixture("windows/netsh-rules-french.txt"), "--ports", "30000"));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("Nom de la règle"), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void aMissingFileIsBadInput() {
		assertEquals(Subcommand.EXIT_USAGE, run("--from", dir.resolve("missing.txt").toString(), "--ports", "30000"));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot be read (NoSuchFileException)"));
	}
}
