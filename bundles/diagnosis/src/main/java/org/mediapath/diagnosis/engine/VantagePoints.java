package org.mediapath.diagnosis.engine;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/**
 * Where a diagnosis ran: this machine's name and system, and the local addresses the probes
 * used. The route check's decision names the source address towards the server; without it (no
 * route service, or a name that did not resolve) the machine's own non-loopback addresses stand in.
 */
public final class VantagePoints {

	/** The route check's measurement of the source address it decided (see {@code RouteCheck}). */
	static final String SOURCE_ADDRESS = "sourceAddress";
	private static final int MAX_ADDRESSES = 8;

	private VantagePoints() {
	}

	/**
	 * @param report the report as the run made it
	 * @param origin who asked for the run
	 * @param productVersion mediapath's version
	 * @return where it ran
	 */
	public static VantagePoint of(DiagnosticReport report, String origin, String productVersion) {
		return new VantagePoint(hostName(), clientAddresses(report), operatingSystem(), productVersion, origin);
	}

	static List<String> clientAddresses(DiagnosticReport report) {
		List<String> fromRoute = new ArrayList<>();
		for (CheckResult check : report.checks()) {
			if (check.checkId().equals(BuiltInChecks.ROUTE) && check.measurements().get(SOURCE_ADDRESS) instanceof String s
					&& !s.isBlank()) {
				fromRoute.add(s);
			}
		}
		return fromRoute.isEmpty() ? ownAddresses() : fromRoute;
	}

	private static List<String> ownAddresses() {
		List<String> out = new ArrayList<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (!nic.isUp() || nic.isLoopback()) {
					continue;
				}
				for (InetAddress a : Collections.list(nic.getInetAddresses())) {
					if (!a.isLinkLocalAddress() && out.size() < MAX_ADDRESSES) {
						out.add(a.getHostAddress().replaceFirst("%.*$", ""));
					}
				}
			}
		} catch (SocketException | RuntimeException e) {
			// no interfaces to list: the report says so by an empty list
		}
		return out;
	}

	/** The kernel's name for this machine; no DNS lookup (a slow resolver must not delay the report). */
	static String hostName() {
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			name = System.getenv("COMPUTERNAME"); // Windows
		}
		if (name == null || name.isBlank()) {
			try {
				name = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
			} catch (java.io.IOException | RuntimeException e) {
				name = "";
			}
		}
		if (name.isBlank()) {
			try {
				name = InetAddress.getLocalHost().getHostName();
			} catch (java.io.IOException | RuntimeException e) {
				name = "unknown";
			}
		}
		return name.strip();
	}

	static String operatingSystem() {
		return System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " ("
				+ System.getProperty("os.arch", "?").toLowerCase(Locale.ROOT) + ")";
	}
}
