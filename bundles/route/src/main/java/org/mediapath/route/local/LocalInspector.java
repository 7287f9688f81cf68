package org.mediapath.route.local;

import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mediapath.route.model.Addresses;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.InterfaceData;
import org.mediapath.route.parse.Format;
import org.mediapath.route.parse.IfconfigParser;
import org.mediapath.route.parse.JsonOutputParser;
import org.mediapath.route.parse.NetstatParser;
import org.mediapath.route.parse.ProcNetIpv6RouteParser;
import org.mediapath.route.parse.ProcNetRouteParser;
import org.mediapath.route.parse.RoutePrintParser;
import org.mediapath.route.parse.Segment;
import org.mediapath.route.parse.SegmentParser;

/**
 * Reads this machine's interfaces and tables with the same parsers a paste goes through. On Linux
 * {@code ip -j} is asked for every table and the policy rules, because /proc/net/route shows only
 * the main table and would hide a wg-quick or Tailscale default; it runs in whatever network
 * namespace the JVM runs in. Everything that cannot be read becomes a warning.
 */
public final class LocalInspector {

	public enum Os {
		LINUX, WINDOWS, MAC, OTHER;

		public static Os current() {
			String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
			return name.contains("linux") ? LINUX
					: name.contains("windows") ? WINDOWS
							: name.contains("mac") || name.contains("darwin") ? MAC : OTHER;
		}
	}

	private final Os os;
	private final CommandRunner runner;
	private final Path procNet;
	private final List<String> ipCandidates;

	public LocalInspector(Os os, CommandRunner runner) {
		this(os, runner, Path.of("/proc/net"), List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"));
	}

	/** @param ipCandidates where ip may live: a fixed list, so PATH cannot substitute another program */
	LocalInspector(Os os, CommandRunner runner, Path procNet, List<String> ipCandidates) {
		this.os = os;
		this.runner = runner;
		this.procNet = procNet;
		this.ipCandidates = List.copyOf(ipCandidates);
	}

	public Os os() {
		return os;
	}

	public Capture read() {
		Capture capture = new Capture();
		switch (os) {
		case LINUX -> readLinux(capture);
		case WINDOWS -> readWindows(capture);
		case MAC -> readMac(capture);
		default -> {
			capture.warn("no routing table reader for " + System.getProperty("os.name") + ": interfaces only");
			readJavaInterfaces(capture, false);
		}
		}
		capture.resolveInterfaceReferences();
		return capture;
	}

	private void readLinux(Capture capture) {
		String ip = firstExisting(ipCandidates.toArray(String[]::new)).orElse(ipCandidates.get(0));
		List<CommandRunner.Result> results = runner.runAll(List.of(
				List.of(ip, "-j", "-4", "route", "show", "table", "all"),
				List.of(ip, "-j", "-6", "route", "show", "table", "all"),
				List.of(ip, "-d", "-j", "address", "show"),
				List.of(ip, "-j", "-4", "rule", "show"),
				List.of(ip, "-j", "-6", "rule", "show")));
		boolean routes4 = feed(results.get(0), new JsonOutputParser(4), capture);
		boolean routes6 = feed(results.get(1), new JsonOutputParser(6), capture);
		if (!routes4) {
			readProc("route", new ProcNetRouteParser(), capture);
		}
		if (!routes6) {
			readProc("ipv6_route", new ProcNetIpv6RouteParser(), capture);
		}
		if (!routes4 || !routes6) {
			capture.warn("ip is not usable: only the main table is visible; a VPN default route in another table "
					+ "(wg-quick 51820, Tailscale 52) would be missed");
		}
		boolean rules4 = feed(results.get(3), new JsonOutputParser(4), capture);
		boolean rules6 = feed(results.get(4), new JsonOutputParser(6), capture);
		capture.rulesKnown = rules4 && rules6;
		if (!feed(results.get(2), new JsonOutputParser(), capture)) {
			readJavaInterfaces(capture, false);
		}
	}

	private void readWindows(Capture capture) {
		String root = Optional.ofNullable(System.getenv("SystemRoot")).orElse("C:\\Windows");
		String route = firstExisting(root + "\\System32\\ROUTE.EXE").orElse("route");
		// route print writes in the console's OEM code page; its structure is ASCII, and names come from Java.
		feed(runner.runAll(List.of(List.of(route, "print"))).get(0), new RoutePrintParser(), capture);
		readJavaInterfaces(capture, true);
	}

	private void readMac(Capture capture) {
		List<CommandRunner.Result> results = runner.runAll(List.of(
				List.of(firstExisting("/usr/sbin/netstat").orElse("netstat"), "-rn"),
				List.of(firstExisting("/sbin/ifconfig").orElse("ifconfig"), "-a")));
		feed(results.get(0), new NetstatParser(), capture);
		if (!feed(results.get(1), new IfconfigParser(), capture)) {
			readJavaInterfaces(capture, false);
		}
	}

	private static boolean feed(CommandRunner.Result result, SegmentParser parser, Capture capture) {
		if (result.output().isEmpty()) {
			capture.warn(result.problem().orElse("no output"));
			return false;
		}
		String output = result.output().get();
		parser.parse(new Segment(parser instanceof JsonOutputParser ? Format.JSON : Format.ROUTE_PRINT, 1,
				List.of(output.split("\r?\n", -1))), capture);
		return true;
	}

	private void readProc(String file, SegmentParser parser, Capture capture) {
		Path path = procNet.resolve(file);
		try {
			parser.parse(new Segment(Format.PROC_NET_ROUTE, 1, Files.readAllLines(path, Charset.defaultCharset())),
					capture);
		} catch (IOException | RuntimeException e) {
			capture.warn(path + " cannot be read (" + e.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * Java's view of the interfaces: on Windows the only source of adapter descriptions (its names
	 * are synthesised: eth3, net7); elsewhere a fallback. Fills only what the outputs left open.
	 */
	static void readJavaInterfaces(Capture capture, boolean descriptionsMatter) {
		Enumeration<NetworkInterface> all;
		try {
			all = NetworkInterface.getNetworkInterfaces();
		} catch (SocketException e) {
			capture.warn("the interface list cannot be read (" + e.getMessage() + ")");
			return;
		}
		if (all == null) {
			return;
		}
		for (NetworkInterface ni : java.util.Collections.list(all)) {
			InterfaceData data = new InterfaceData(ni.getName());
			String display = ni.getDisplayName();
			data.displayName = display == null || display.isBlank() ? ni.getName() : display;
			try {
				data.up = ni.isUp();
				data.pointToPoint = ni.isPointToPoint();
				data.mtu = ni.getMTU();
				if (ni.isLoopback()) {
					data.linkType = "loopback";
				}
			} catch (SocketException e) {
				capture.warn("interface " + ni.getName() + ": " + e.getMessage());
			}
			data.virtual = ni.isVirtual();
			data.index = ni.getIndex();
			for (InterfaceAddress address : ni.getInterfaceAddresses()) {
				Addresses.hostWithPrefix(address.getAddress().getHostAddress(), address.getNetworkPrefixLength())
						.ifPresent(data::addAddress);
			}
			Optional<InterfaceData> existing = capture.find(ni.getName());
			if (existing.isPresent()) {
				existing.get().absorb(data);
			} else if (descriptionsMatter || capture.interfaces().stream().noneMatch(d -> d.index == ni.getIndex())) {
				capture.iface(ni.getName()).absorb(data);
			}
		}
	}

	private static Optional<String> firstExisting(String... paths) {
		for (String path : paths) {
			if (Files.isExecutable(Path.of(path))) {
				return Optional.of(path);
			}
		}
		return Optional.empty();
	}

}
