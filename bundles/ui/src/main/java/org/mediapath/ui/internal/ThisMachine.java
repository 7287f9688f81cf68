package org.mediapath.ui.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the page's diagnoses probe from, in words for the form: this machine's name and its own
 * addresses. The report then names the exact source address the route to the server used.
 */
final class ThisMachine {

	private static final int SHOWN_ADDRESSES = 2;

	private ThisMachine() {
	}

	/** @return "HOST, ADDR[, ADDR]" (no DNS lookup: a slow resolver must not delay the page) */
	static String describe() {
		List<String> parts = new ArrayList<>();
		parts.add(hostName());
		parts.addAll(addresses());
		return String.join(", ", parts);
	}

	static String hostName() {
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			name = System.getenv("COMPUTERNAME");
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
				name = "this machine";
			}
		}
		return name.strip();
	}

	static List<String> addresses() {
		List<String> v4 = new ArrayList<>();
		List<String> v6 = new ArrayList<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (!nic.isUp() || nic.isLoopback()) {
					continue;
				}
				for (InetAddress a : Collections.list(nic.getInetAddresses())) {
					if (!a.isLinkLocalAddress()) {
						(a.getAddress().length == 4 ? v4 : v6).add(a.getHostAddress().replaceFirst("%.*$", ""));
					}
				}
			}
		} catch (java.net.SocketException | RuntimeException e) {
			// no interfaces to list: the host name alone
		}
		v4.addAll(v6);
		return v4.size() > SHOWN_ADDRESSES ? v4.subList(0, SHOWN_ADDRESSES) : v4;
	}
}
