package org.mediapath.route.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.UnknownHostException;
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
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;
import org.mediapath.route.parse.Fixtures;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

class RoutesCommandTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String stdin, RoutesCommand.Resolver resolver, String... args) {
		RoutesCommand command = new RoutesCommand(new RouteInspector(RouteSettings.DEFAULTS),
				new RoutesCommand.Policy(List.of(), false, 1024 * 1024), resolver);
		return command.run(List.of(args), new CommandIO(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
	}

	private int run(String... args) {
		return run("", host -> {
			throw new UnknownHostException(host);
		}, args);
	}

	private Path fixtureFile(String fixture) throws IOException {
		Path file = dir.resolve(fixture.replace('/', '-'));
		Files.writeString(file, Fixtures.read(fixture));
		return file;
	}

	/** Exactly one JSON document: parsing it must consume stdout to the end. */
	private JsonObject singleJson() throws IOException {
		String text = out.toString(StandardCharsets.UTF_8);
		try (JsonReader reader = new JsonReader(new StringReader(text))) {
			JsonElement element = JsonParser.parseReader(reader);
			assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "nothing after the document");
			return element.getAsJsonObject();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"windows/anyconnect-split-route-print-ipconfig.txt|10.1.2.3|Ethernet 2|true|Cisco AnyConnect / Secure Client|10.64.0.1",
			"windows/globalprotect-get-netroute.json|198.51.100.20|Ethernet 3|true|Palo Alto GlobalProtect|10.99.0.1",
			"windows/openvpn-tap-route-print-german.txt|203.0.113.50|Ethernet|false||192.168.178.1",
			"macos/utun-full-tunnel-netstat-ifconfig.txt|198.51.100.20|utun4|true|macOS utun (product not visible: AnyConnect, GlobalProtect, WireGuard, IKEv2 all use utun)|10.8.0.1",
			"macos/split-tunnel-netstat-ifconfig.txt|203.0.113.5|en5|false||172.16.4.1",
			"linux/openvpn-tun0-ip-text.txt|198.51.100.20|tun0|true|tun device (OpenVPN or similar)|10.8.0.1",
			"linux/wireguard-wg-quick-ip-json.txt|192.168.1.1|wlp2s0|false||" })
	void pastedCaptureNamesInterfaceVpnAndGateway(String fixture, String target, String iface, boolean vpn,
			String product, String gateway) throws IOException {
		assertEquals(Subcommand.EXIT_OK, run("--from", fixtureFile(fixture).toString(), "--to", target, "--json"),
				err.toString(StandardCharsets.UTF_8));
		JsonObject json = singleJson();
		assertTrue(json.get("captured").getAsBoolean());
		JsonObject decision = json.getAsJsonArray("decisions").get(0).getAsJsonObject();
		assertEquals(iface, decision.get("interface").getAsString());
		assertEquals(vpn, decision.get("viaVpn").getAsBoolean());
		assertEquals(product == null ? null : product,
				decision.get("vpnProduct").isJsonNull() ? null : decision.get("vpnProduct").getAsString());
		assertEquals(gateway, decision.get("gateway").isJsonNull() ? null : decision.get("gateway").getAsString());
		assertTrue(decision.get("reconstructed").getAsBoolean());
		assertFalse(decision.getAsJsonArray("explanation").isEmpty());
		assertEquals("", err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void everyAddressOfTheHostIsRouted() throws IOException {
		int code = run("", host -> List.of("10.1.2.3", "203.0.113.99"), "--from",
				fixtureFile("windows/anyconnect-split-route-print-ipconfig.txt").toString(), "--to", "pbx.example.com",
				"--json");
		assertEquals(Subcommand.EXIT_OK, code);
		JsonObject json = singleJson();
		assertEquals(2, json.getAsJsonArray("decisions").size());
		assertTrue(json.getAsJsonArray("findings").toString().contains("SERVER_ADDRESS_UNROUTED"));
	}

	@Test
	void humanReadableByDefault() throws IOException {
		assertEquals(0, run("--from", fixtureFile("macos/utun-full-tunnel-netstat-ifconfig.txt").toString(), "--to",
				"198.51.100.20"));
		String text = out.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains("Route to 198.51.100.20, reconstructed from the table:"), text);
		assertTrue(text.contains("interface utun4 - VPN"), text);
		assertTrue(text.contains("Findings:"), text);
	}

	@Test
	void utf16PowerShellRedirectionAndStdin() throws IOException {
		Path file = dir.resolve("netroute.json");
		byte[] body = Fixtures.read("windows/globalprotect-get-netroute.json").getBytes(StandardCharsets.UTF_16LE);
		byte[] withBom = new byte[body.length + 2];
		withBom[0] = (byte) 0xff;
		withBom[1] = (byte) 0xfe;
		System.arraycopy(body, 0, withBom, 2, body.length);
		Files.write(file, withBom);
		assertEquals(0, run("--from", file.toString(), "--to", "198.51.100.20", "--json"));
		assertEquals("Ethernet 3", singleJson().getAsJsonArray("decisions").get(0).getAsJsonObject().get("interface")
				.getAsString());
		out.reset();
		assertEquals(0, run(Fixtures.read("linux/openvpn-tun0-ip-text.txt"), h -> List.of(), "--from", "-", "--json"));
		assertTrue(singleJson().getAsJsonArray("routes").size() > 5);
	}

	@Test
	void badInputIsExitTwoWithOneLineNamingIt() throws IOException {
		assertEquals(Subcommand.EXIT_USAGE, run("--to", "bad host!"));
		assertOneLine("routes: --to: 'bad host!' is not a host name or IP address");
		assertEquals(Subcommand.EXIT_USAGE, run("--from", fixtureFile("linux/openvpn-tun0-ip-text.txt").toString(),
				"--to", "nowhere.invalid"));
		assertOneLine("routes: --to: 'nowhere.invalid' does not resolve");
		assertEquals(Subcommand.EXIT_USAGE, run("--from", dir.resolve("missing.txt").toString()));
		assertOneLine("routes: --from " + dir.resolve("missing.txt") + ": cannot be read (NoSuchFileException)");
		Path garbage = dir.resolve("garbage.txt");
		Files.writeString(garbage, "hello\nthis is not a routing table\n");
		assertEquals(Subcommand.EXIT_USAGE, run("--from", garbage.toString()));
		assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("routes: --from " + garbage + ": no routing table"));
		err.reset();
		assertEquals(Subcommand.EXIT_USAGE, run("--frmo", "x"));
		assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("routes: "));
		assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout when the input is bad");
	}

	@Test
	void oversizedPasteIsRefused() throws IOException {
		Path big = dir.resolve("big.txt");
		Files.write(big, new byte[1024 * 1024 + 1]);
		assertEquals(Subcommand.EXIT_USAGE, run("--from", big.toString()));
		assertOneLine("routes: --from " + big + ": larger than 1048576 bytes; paste only the command outputs");
	}

	@Test
	void helpIsExitZero() {
		assertEquals(Subcommand.EXIT_OK, run("--help"));
		assertTrue(out.toString(StandardCharsets.UTF_8).contains("--from"));
	}

	private void assertOneLine(String expected) {
		String text = err.toString(StandardCharsets.UTF_8);
		assertEquals(expected + System.lineSeparator(), text);
		err.reset();
	}
}
