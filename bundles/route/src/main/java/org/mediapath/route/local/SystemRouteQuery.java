package org.mediapath.route.local;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteEntry;
import org.mediapath.api.route.InterfaceKind;
import org.mediapath.route.model.Addresses;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import inet.ipaddr.IPAddress;

/**
 * Asks this machine which way it sends to a target. Connecting a UDP socket makes the kernel pick
 * route and source address without sending a packet; on Linux {@code ip -j route get} adds the
 * device and gateway after policy rules, which no table reconstruction can fully know (marks,
 * uid ranges, a VPN client's own rules).
 */
public final class SystemRouteQuery {

	/** The discard port: connect() needs one, and nothing is ever sent to it. */
	private static final int ANY_PORT = 9;

	private final LocalInspector.Os os;
	private final CommandRunner runner;

	public SystemRouteQuery(LocalInspector.Os os, CommandRunner runner) {
		this.os = os;
		this.runner = runner;
	}

	/** @return the reconstruction, corrected and confirmed by what the system says */
	public RouteDecision confirm(RouteDecision reconstructed, NetworkSnapshot snapshot) {
		IPAddress target = Addresses.parse(reconstructed.target()).orElseThrow();
		List<String> why = new ArrayList<>(reconstructed.explanation());
		why.set(0, "Asked this machine (a connected UDP socket, which sends nothing"
				+ (os == LocalInspector.Os.LINUX ? ", and ip route get" : os == LocalInspector.Os.MAC ? ", and route -n get" : "")
				+ "), and explained from its table.");
		Optional<String> source = Optional.empty();
		Optional<String> device = Optional.empty();
		Optional<String> gateway = Optional.empty();
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.connect(new InetSocketAddress(target.toInetAddress(), ANY_PORT));
			InetAddress local = socket.getLocalAddress();
			if (local != null && !local.isAnyLocalAddress()) {
				source = Addresses.address(local.getHostAddress());
				NetworkInterface ni = NetworkInterface.getByInetAddress(local);
				if (ni != null) {
					device = Optional.of(ni.getName());
				}
			}
		} catch (IOException | RuntimeException e) {
			why.add("The system refuses a socket towards " + reconstructed.target() + " (" + e.getMessage()
					+ "): it has no usable route.");
			return new RouteDecision(reconstructed.target(), Optional.empty(), Optional.empty(), Optional.empty(), false,
					Optional.empty(), -1, false, why);
		}
		if (os == LocalInspector.Os.LINUX) {
			Optional<JsonObject> answer = routeGet(target);
			if (answer.isPresent()) {
				Optional<String> answeredDevice = Optional.ofNullable(string(answer.get(), "dev"));
				if (answeredDevice.isPresent()) {
					device = answeredDevice;
				}
				gateway = Optional.ofNullable(string(answer.get(), "gateway")).flatMap(Addresses::address);
				Optional<String> answeredSource = Optional.ofNullable(string(answer.get(), "prefsrc"))
						.flatMap(Addresses::address);
				if (source.isEmpty()) {
					source = answeredSource;
				}
			}
		}
		if (os == LocalInspector.Os.MAC) {
			Optional<String> macRoute = runRouteGet(target);
			if (macRoute.isPresent()) {
				MacRouteGet answer = MacRouteGet.parse(macRoute.get());
				if (answer.interfaceName().isPresent()) {
					device = answer.interfaceName();
				}
				gateway = answer.gateway();
			}
		}
		if (source.isEmpty()) {
			source = reconstructed.sourceAddress();
		}
		if (device.isEmpty() || device.equals(reconstructed.interfaceName())) {
			why.add("The system confirms: interface " + device.or(reconstructed::interfaceName).orElse("unknown")
					+ source.map(s -> ", source address " + s).orElse("") + ".");
			return new RouteDecision(reconstructed.target(), reconstructed.route(),
					device.isPresent() ? device : reconstructed.interfaceName(), source, reconstructed.viaVpn(),
					reconstructed.vpnProduct(), reconstructed.mtu(), false, why);
		}
		String chosen = device.get();
		why.add("The system chose " + chosen + source.map(s -> " (source " + s + ")").orElse("") + ", not "
				+ reconstructed.interfaceName().orElse("what the table suggests")
				+ ": policy rules, packet marks or a VPN client's own rules decide beyond the table.");
		Optional<RouteEntry> route = bestOn(snapshot, target, chosen, gateway);
		Optional<NetworkInterfaceInfo> egress = snapshot.interfaces().stream().filter(i -> i.name().equals(chosen))
				.findFirst();
		boolean viaVpn = egress.map(i -> i.kind() == InterfaceKind.VPN).orElse(false);
		if (viaVpn) {
			why.add(chosen + " is a VPN interface" + egress.get().vpnProduct().map(p -> " of " + p).orElse("")
					+ ": the path goes through the tunnel.");
		}
		return new RouteDecision(reconstructed.target(), route, Optional.of(chosen), source, viaVpn,
				viaVpn ? egress.get().vpnProduct() : Optional.empty(), egress.map(NetworkInterfaceInfo::mtu).orElse(-1),
				false, why);
	}

	private Optional<String> runRouteGet(IPAddress target) {
		String route = Files.isExecutable(Path.of("/sbin/route")) ? "/sbin/route" : "route";
		return runner.runAll(List.of(List.of(route, "-n", "get", target.isIPv6() ? "-inet6" : "-inet",
				target.toCanonicalString()))).get(0).output();
	}

	/**
	 * The answer of macOS {@code route -n get}: the interface, and the gateway when there is one
	 * (a utun route has no {@code gateway:} line, the tunnel is the next hop).
	 */
	record MacRouteGet(Optional<String> interfaceName, Optional<String> gateway) {

		static MacRouteGet parse(String text) {
			Optional<String> iface = Optional.empty();
			Optional<String> gateway = Optional.empty();
			for (String line : text.split("\\r?\\n")) {
				String stripped = line.strip();
				if (stripped.startsWith("interface:")) {
					iface = Optional.of(stripped.substring("interface:".length()).strip()).filter(s -> !s.isEmpty());
				} else if (stripped.startsWith("gateway:")) {
					gateway = Addresses.address(stripped.substring("gateway:".length()).strip());
				}
			}
			return new MacRouteGet(iface, gateway);
		}
	}

	private Optional<JsonObject> routeGet(IPAddress target) {
		String ip = Files.isExecutable(Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip"
				: Files.isExecutable(Path.of("/sbin/ip")) ? "/sbin/ip" : "ip";
		// The target is a parsed literal, printed canonically: nothing a user typed reaches the argument vector.
		CommandRunner.Result result = runner
				.runAll(List.of(List.of(ip, "-j", target.isIPv6() ? "-6" : "-4", "route", "get", target.toCanonicalString())))
				.get(0);
		if (result.output().isEmpty()) {
			return Optional.empty();
		}
		try {
			JsonElement parsed = JsonParser.parseString(result.output().get());
			if (parsed.isJsonArray() && !parsed.getAsJsonArray().isEmpty() && parsed.getAsJsonArray().get(0).isJsonObject()) {
				return Optional.of(parsed.getAsJsonArray().get(0).getAsJsonObject());
			}
		} catch (RuntimeException e) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private static Optional<RouteEntry> bestOn(NetworkSnapshot snapshot, IPAddress target, String device,
			Optional<String> gateway) {
		return snapshot.routes().stream().filter(r -> r.interfaceName().equals(device))
				.filter(r -> gateway.isEmpty() || r.gateway().equals(gateway) || r.gateway().isEmpty())
				.filter(r -> Addresses.parse(r.destination()).map(d -> d.isIPv6() == target.isIPv6()
						&& d.toPrefixBlock().contains(target)).orElse(false))
				.max(Comparator.comparingInt(r -> Addresses.parse(r.destination())
						.map(d -> d.getNetworkPrefixLength() == null ? d.getBitCount() : d.getNetworkPrefixLength())
						.orElse(0)));
	}

	private static String string(JsonObject o, String key) {
		JsonElement e = o.get(key);
		return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
	}
}
