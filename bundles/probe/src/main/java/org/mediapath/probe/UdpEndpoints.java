package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ice.IceAgents;

/** Small helpers shared by the UDP probes. */
final class UdpEndpoints {

	private UdpEndpoints() {
	}

	static InetAddress resolve(String field, String host) throws UnknownHostException {
		return InetAddress.getByName(host);
	}

	/**
	 * Binds a channel on a free port of the client range, starting at a random port so that two
	 * probes at once rarely collide; a softphone's checks leave from that range too, and client
	 * firewalls filter by it.
	 */
	static DatagramChannel bindInRange(InetAddress local, PortRange range, int avoid) throws IOException {
		int start = ThreadLocalRandom.current().nextInt(range.size());
		IOException last = null;
		for (int i = 0; i < Math.min(range.size(), 256); i++) {
			int port = range.first() + (start + i) % range.size();
			if (port == avoid) {
				continue;
			}
			DatagramChannel channel = DatagramChannel.open();
			try {
				channel.bind(new InetSocketAddress(local, port));
				return channel;
			} catch (IOException inUse) {
				channel.close();
				last = inUse;
			}
		}
		throw new IOException("no free UDP port in the client range " + range + " on " + local.getHostAddress()
				+ (last == null ? "" : " (" + last.getMessage() + ")"));
	}

	/**
	 * Where a softphone's media would go: the address the responder's ports are bound on (what a
	 * multi-homed server offers in its ICE candidates), which may differ from the address asked for
	 * (signalling). A wildcard or loopback binding listens on the asked address too, so that one stays.
	 *
	 * @param asked the server address the probe was given
	 * @param mediaAddress the responder's word, never resolved through DNS
	 * @return the address to send the checks to
	 */
	static InetAddress mediaTarget(InetAddress asked, String mediaAddress) {
		if (mediaAddress.equals(asked.getHostAddress())) {
			return asked;
		}
		try {
			InetAddress media = IceAgents.literal(mediaAddress);
			return media.isAnyLocalAddress() || (media.isLoopbackAddress() && !asked.isLoopbackAddress()) ? asked : media;
		} catch (IllegalArgumentException notALiteral) {
			return asked;
		}
	}

	/**
	 * @return whether this machine has a route from {@code local} to {@code to} (a UDP connect asks the
	 *         routing table and sends nothing)
	 */
	static boolean routable(InetAddress local, InetAddress to, int port) {
		try (DatagramChannel probe = DatagramChannel.open()) {
			probe.bind(new InetSocketAddress(local, 0));
			probe.connect(new InetSocketAddress(to, port));
			return true;
		} catch (IOException noRoute) {
			return false;
		}
	}

	static void closeQuietly(AutoCloseable c) {
		if (c == null) {
			return;
		}
		try {
			c.close();
		} catch (Exception ignored) {
			// closing is all we wanted
		}
	}
}
