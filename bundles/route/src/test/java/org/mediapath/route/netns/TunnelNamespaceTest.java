package org.mediapath.route.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mediapath.api.report.CauseIds;
import org.mediapath.testing.netns.Machine;
import org.mediapath.testing.netns.NamespaceSandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The route bundle against a real tunnel: a "client" namespace and a "VPN gateway" namespace joined by a veth pair
 * (underlay 198.18.10.0/30), and a TUN tunnel made by socat over UDP between them (198.19.0.1/24 - 198.19.0.2/24).
 * In the client, the server network 198.18.20.0/24 goes through tun0, 198.18.30.0/24 through the underlay, and
 * 198.18.40.0/24 nowhere (no default route). The inspection runs inside the client namespace in a child JVM
 * ({@link InspectInNamespace}), exactly as the service runs on a user's machine.
 *
 * <p>Addresses: only 198.18.0.0/15 (198.19.x.x is inside it) and loopback. Nothing is sent to the server networks:
 * route decisions use a connected UDP socket and {@code ip route get}; only socat's own tunnel packets cross the
 * underlay. Namespaces and socat are removed in {@link #tearDown()} and by a shutdown hook, also on failure.
 *
 * <p>Skipped (JUnit assumption, reported as skipped) unless on Linux as root with {@code ip}, {@code socat} and
 * /dev/net/tun; on CI install {@code iproute2} and {@code socat}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelNamespaceTest {

	private static final String TUN_PRODUCT = "tun device (OpenVPN or similar)";
	private static final String VIA_TUNNEL = "198.18.20.10";
	private static final String OUTSIDE = "198.18.30.10";
	private static final String UNROUTED = "198.18.40.10";
	private static final String VPN_NETWORK = "198.18.20.0/24";

	private static NamespaceSandbox lab;
	private static Process socatClient;
	private static String client;
	private static String gateway;
	private static Path logs;
	private static JsonObject up;
	private static String socatPath;

	@BeforeAll
	static void setUp() throws Exception {
		String reason = Machine.unavailableReason("the tunnel test", Machine.IP, Machine.SOCAT);
		assumeTrue(reason == null, reason);
		socatPath = Machine.require(Machine.SOCAT);
		assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");

		long pid = ProcessHandle.current().pid();
		client = "mpr-" + pid + "-c";
		gateway = "mpr-" + pid + "-g";
		logs = Files.createTempDirectory("mpr-netns");
		lab = new NamespaceSandbox("route-tunnel-test");
		try {
			try {
				lab.addNamespace(client);
			} catch (IllegalStateException e) {
				assumeTrue(false, "cannot create a network namespace here (unprivileged container?): " + e.getMessage());
			}
			lab.addNamespace(gateway);
			// underlay: client veth0 198.18.10.1/30 <-> gateway veth1 198.18.10.2/30 (names are per namespace)
			lab.ip("-n", client, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1", "netns", gateway);
			lab.ip("-n", client, "addr", "add", "198.18.10.1/30", "dev", "veth0");
			lab.ip("-n", gateway, "addr", "add", "198.18.10.2/30", "dev", "veth1");
			lab.ip("-n", client, "link", "set", "veth0", "up");
			lab.ip("-n", gateway, "link", "set", "veth1", "up");
			// the tunnel: a TUN device on each side, carried in UDP 7000 over the underlay. UDP-DATAGRAM (an
			// unconnected socket) rather than UDP: a connected socket gets ECONNREFUSED from the ICMP answer to the
			// first packet (tun0's IPv6 router solicitation) when the other side is not listening yet, and socat exits.
			lab.start(lab.inNamespace(gateway, List.of(socatPath, "TUN:198.19.0.1/24,tun-name=tun0,iff-up",
					"UDP-DATAGRAM:198.18.10.1:7000,bind=198.18.10.2:7000")), null, logs.resolve("socat-gateway.log"), null);
			socatClient = lab.start(lab.inNamespace(client, List.of(socatPath, "TUN:198.19.0.2/24,tun-name=tun0,iff-up",
					"UDP-DATAGRAM:198.18.10.2:7000,bind=198.18.10.1:7000")), null, logs.resolve("socat-client.log"), null);
			assertTrue(NamespaceSandbox.await(Duration.ofSeconds(5), () -> tunnelUp(client) && tunnelUp(gateway)),
					"tun0 did not come up with carrier: " + Files.readString(logs.resolve("socat-client.log"))
							+ Files.readString(logs.resolve("socat-gateway.log")));
			lab.ip("-n", client, "route", "add", VPN_NETWORK, "via", "198.19.0.1", "dev", "tun0");
			lab.ip("-n", client, "route", "add", "198.18.30.0/24", "via", "198.18.10.2", "dev", "veth0");

			up = inspect(List.of("decide=" + VIA_TUNNEL, "decide=" + OUTSIDE, "decide=" + UNROUTED,
					// split tunnel: signalling through the VPN, media outside it
					"analyse=" + VIA_TUNNEL + "|" + OUTSIDE + "||false",
					// the reverse split: signalling outside, media through the VPN
					"analyse=" + OUTSIDE + "|" + VIA_TUNNEL + "||false",
					// multi-homed server: its second address is in a network with no route (and no default route)
					"analyse=" + VIA_TUNNEL + "|" + VIA_TUNNEL + "," + UNROUTED + "||false",
					// the VPN policy, satisfied while the tunnel is up
					"analyse=" + VIA_TUNNEL + "|198.18.20.11|" + VPN_NETWORK + "|true"));
		} catch (Throwable t) {
			tearDown();
			throw t;
		}
	}

	@AfterAll
	static void tearDown() {
		if (lab != null) {
			lab.close();
			lab = null;
		}
		if (logs != null) {
			try (var files = Files.list(logs)) {
				for (Path f : files.toList()) {
					Files.deleteIfExists(f);
				}
				Files.deleteIfExists(logs);
			} catch (java.io.IOException ignored) {
				// socat logs in a temp directory; nothing depends on them
			}
			logs = null;
		}
	}

	private static boolean tunnelUp(String namespace) {
		NamespaceSandbox.Result r = lab.run(Duration.ofSeconds(5), lab.ip, "-n", namespace, "link", "show", "tun0");
		return r.ok() && r.out().contains("LOWER_UP") && r.out().contains(",UP");
	}

	/** Runs {@link InspectInNamespace} in the client namespace: fixed argument vector, no shell, a timeout. */
	private static JsonObject inspect(List<String> args) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
				System.getProperty("java.class.path"), InspectInNamespace.class.getName()));
		command.addAll(args);
		NamespaceSandbox.Result r = lab.run(Duration.ofSeconds(30), lab.inNamespace(client, command));
		assertEquals(0, r.exit(), "child JVM in " + client + " failed: " + r.err());
		return JsonParser.parseString(r.out().strip()).getAsJsonObject();
	}

	// ---- reading the child's JSON

	private static JsonObject iface(JsonObject result, String name) {
		return objects(result, "interfaces").stream().filter(i -> i.get("name").getAsString().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no interface " + name + " in " + result.get("interfaces")));
	}

	private static JsonObject decision(JsonObject result, String target) {
		return objects(result, "decisions").stream().filter(d -> d.get("target").getAsString().equals(target)).findFirst()
				.orElseThrow(() -> new AssertionError("no decision for " + target));
	}

	private static List<JsonObject> findings(JsonObject result, int analysis) {
		return objects(result.get("analyses").getAsJsonArray().get(analysis).getAsJsonObject(), "findings");
	}

	private static List<JsonObject> with(List<JsonObject> findings, String cause, String severity) {
		return findings.stream().filter(f -> !f.get("causeId").isJsonNull() && f.get("causeId").getAsString().equals(cause)
				&& f.get("severity").getAsString().equals(severity)).toList();
	}

	private static List<JsonObject> objects(JsonObject o, String member) {
		return StreamSupport.stream(o.get(member).getAsJsonArray().spliterator(), false).map(JsonElement::getAsJsonObject)
				.toList();
	}

	private static String str(JsonObject o, String member) {
		JsonElement e = o.get(member);
		return e == null || e.isJsonNull() ? null : e.getAsString();
	}

	private static long tunRxPackets(String namespace) {
		NamespaceSandbox.Result r = lab.ip("-n", namespace, "-s", "-j", "link", "show", "tun0");
		JsonObject link = JsonParser.parseString(r.out()).getAsJsonArray().get(0).getAsJsonObject();
		return link.getAsJsonObject("stats64").getAsJsonObject("rx").get("packets").getAsLong();
	}

	// ---- tunnel up

	@Test
	@Order(0)
	void theTunnelCarriesPackets() throws Exception {
		// one datagram from the client to the gateway's tunnel address (198.19.0.1, inside 198.18.0.0/15) must come
		// out of the gateway's tun0: socat really carries it over the underlay
		long before = tunRxPackets(gateway);
		Path payload = Files.writeString(logs.resolve("payload"), "mediapath tunnel probe");
		lab.mustRun(Duration.ofSeconds(10), lab.inNamespace(client, List.of(socatPath, "-u", "OPEN:" + payload + ",rdonly",
				"UDP-SENDTO:198.19.0.1:9")));
		assertTrue(NamespaceSandbox.await(Duration.ofSeconds(3), () -> tunRxPackets(gateway) > before),
				"no packet arrived through the tunnel");
	}

	@Test
	@Order(1)
	void theTunnelIsRecognisedAsAVpn() {
		JsonObject tun = iface(up, "tun0");
		assertEquals("VPN", str(tun, "kind"), tun.toString());
		assertEquals(TUN_PRODUCT, str(tun, "vpnProduct"), tun.toString());
		assertTrue(tun.get("up").getAsBoolean(), tun.toString());
		assertTrue(tun.get("addresses").toString().contains("198.19.0.2/24"), tun.toString());
		JsonObject underlay = iface(up, "veth0");
		assertFalse("VPN".equals(str(underlay, "kind")), underlay.toString());
		assertTrue(str(up, "origin").contains("linux"), up.toString());
	}

	@Test
	@Order(2)
	void serverNetworkGoesThroughTheTunnel() {
		JsonObject d = decision(up, VIA_TUNNEL);
		assertEquals("tun0", str(d, "interface"), d.toString());
		assertTrue(d.get("viaVpn").getAsBoolean(), d.toString());
		assertEquals(TUN_PRODUCT, str(d, "vpnProduct"), d.toString());
		assertEquals("198.19.0.2", str(d, "sourceAddress"), d.toString());
		assertFalse(d.get("reconstructed").getAsBoolean(), "the system is asked locally: " + d);
	}

	@Test
	@Order(3)
	void otherNetworkGoesOutsideTheTunnel() {
		JsonObject d = decision(up, OUTSIDE);
		assertEquals("veth0", str(d, "interface"), d.toString());
		assertFalse(d.get("viaVpn").getAsBoolean(), d.toString());
		assertEquals("198.18.10.2", str(d, "gateway"), d.toString());
		assertEquals("198.18.10.1", str(d, "sourceAddress"), d.toString());
		JsonObject none = decision(up, UNROUTED);
		assertNull(str(none, "interface"), none.toString());
		assertFalse(none.get("viaVpn").getAsBoolean(), none.toString());
	}

	@Test
	@Order(4)
	void splitTunnelIsFound() {
		List<JsonObject> split = findings(up, 0);
		List<JsonObject> found = with(split, CauseIds.SERVER_ADDRESS_UNROUTED, "WARN");
		assertEquals(1, found.size(), split.toString());
		String statement = str(found.get(0), "statement");
		assertTrue(statement.startsWith("Split tunnel: signalling to " + VIA_TUNNEL), statement);
		assertTrue(statement.contains("tun0") && statement.contains(OUTSIDE) && statement.contains("veth0"), statement);
		assertEquals(1, with(split, CauseIds.VPN_DROPS_UDP, "WARN").size(), split.toString());
		assertTrue(with(split, CauseIds.VPN_REQUIRED_NOT_CONNECTED, "FAIL").isEmpty(), split.toString());

		List<JsonObject> reverse = findings(up, 1);
		// two WARNs: the reverse split itself, and the signalling address routed outside a VPN that is up
		List<JsonObject> other = with(reverse, CauseIds.SERVER_ADDRESS_UNROUTED, "WARN").stream()
				.filter(f -> str(f, "statement").startsWith("Split tunnel the other way: signalling to " + OUTSIDE)).toList();
		assertEquals(1, other.size(), reverse.toString());
		assertTrue(str(other.get(0), "statement").contains("media to " + VIA_TUNNEL), other.toString());
		assertTrue(reverse.stream().noneMatch(f -> "FAIL".equals(str(f, "severity"))), reverse.toString());
	}

	@Test
	@Order(5)
	void multiHomedServerWithAnUnroutedAddress() {
		List<JsonObject> all = findings(up, 2);
		List<JsonObject> fail = with(all, CauseIds.SERVER_ADDRESS_UNROUTED, "FAIL");
		assertEquals(1, fail.size(), all.toString());
		assertTrue(str(fail.get(0), "statement").startsWith("No route to " + UNROUTED), fail.toString());
		assertEquals("FAIL", str(all.get(0), "severity"), "FAIL first: " + all);
		assertTrue(all.stream().noneMatch(f -> str(f, "statement").contains("No route to " + VIA_TUNNEL)), all.toString());
	}

	@Test
	@Order(6)
	void vpnPolicyIsSatisfiedWhileTheTunnelIsUp() {
		List<JsonObject> all = findings(up, 3);
		assertTrue(with(all, CauseIds.VPN_REQUIRED_NOT_CONNECTED, "FAIL").isEmpty(), all.toString());
		assertTrue(all.stream().noneMatch(f -> "FAIL".equals(str(f, "severity"))), all.toString());
	}

	// ---- tunnel down (last: it changes the lab)

	@Test
	@Order(7)
	void tunnelDownWithVpnPolicyIsVpnRequiredNotConnected() throws Exception {
		lab.kill(socatClient);
		assertTrue(NamespaceSandbox.await(Duration.ofSeconds(5),
				() -> !lab.run(Duration.ofSeconds(5), lab.ip, "-n", client, "link", "show", "tun0").ok()),
				"tun0 should vanish with its socat");

		JsonObject noDefault = inspect(List.of("decide=" + VIA_TUNNEL, "analyse=" + VIA_TUNNEL + "||" + VPN_NETWORK + "|false",
				"analyse=" + OUTSIDE + "|||true"));
		assertTrue(objects(noDefault, "interfaces").stream().noneMatch(i -> "VPN".equals(str(i, "kind"))),
				noDefault.get("interfaces").toString());
		assertFalse(decision(noDefault, VIA_TUNNEL).get("viaVpn").getAsBoolean());
		// vpnOnlyNetworks, and no path at all to the server once the tunnel is gone
		List<JsonObject> gone = findings(noDefault, 0);
		List<JsonObject> required = with(gone, CauseIds.VPN_REQUIRED_NOT_CONNECTED, "FAIL");
		assertEquals(1, required.size(), gone.toString());
		assertTrue(str(required.get(0), "statement").contains("no VPN interface is up"), required.toString());
		assertTrue(str(required.get(0), "statement").contains(VPN_NETWORK), required.toString());
		// requireVpn, and the server reachable only outside any tunnel
		List<JsonObject> outside = findings(noDefault, 1);
		List<JsonObject> requiredOutside = with(outside, CauseIds.VPN_REQUIRED_NOT_CONNECTED, "FAIL");
		assertEquals(1, requiredOutside.size(), outside.toString());
		assertTrue(str(requiredOutside.get(0), "statement").contains("routed through veth0 via 198.18.10.2"),
				requiredOutside.toString());

		// the usual PC: with the VPN down, the server network falls to the default route
		lab.ip("-n", client, "route", "add", "default", "via", "198.18.10.2", "dev", "veth0");
		JsonObject withDefault = inspect(List.of("decide=" + VIA_TUNNEL, "analyse=" + VIA_TUNNEL + "||" + VPN_NETWORK + "|false"));
		JsonObject d = decision(withDefault, VIA_TUNNEL);
		assertEquals("veth0", str(d, "interface"), d.toString());
		assertFalse(d.get("viaVpn").getAsBoolean(), d.toString());
		List<JsonObject> fallen = findings(withDefault, 0);
		List<JsonObject> notConnected = with(fallen, CauseIds.VPN_REQUIRED_NOT_CONNECTED, "FAIL");
		assertEquals(1, notConnected.size(), fallen.toString());
		String statement = str(notConnected.get(0), "statement");
		assertTrue(statement.contains("no VPN interface is up") && statement.contains("outside any tunnel"), statement);
		assertTrue(with(fallen, CauseIds.SERVER_ADDRESS_UNROUTED, "FAIL").isEmpty(), fallen.toString());
	}

}
