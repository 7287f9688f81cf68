package org.mediapath.api.probe;

import java.time.Duration;
import java.util.Objects;

import java.util.Optional;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;

/**
 * What a packet-stream probe should do: send voice-like packets at a steady rate from one client
 * media port to one server media port through a cooperative responder, which answers each one,
 * so that loss, round-trip time and jitter are measured on the media path itself.
 *
 * @param server the server's host name or media address
 * @param serverPorts the server's media ports; the stream uses one of them
 * @param clientPorts the client's media ports; the stream is sent from one of them
 * @param responder the responder's control address
 * @param secretReference where the responder's secret is kept (a file path)
 * @param packetsPerSecond the stream's rate, 1-{@value #MAX_PACKETS_PER_SECOND} (50 is one packet
 *        every 20 ms, as a voice call sends)
 * @param length how long the stream runs, up to {@value #MAX_LENGTH_SECONDS} s
 * @param packetBytes the size of each packet above UDP, {@value #MIN_PACKET_BYTES}-{@value #MAX_PACKET_BYTES}
 *        (an RTP packet of 20 ms G.711 voice is {@value #RTP_VOICE_PACKET_BYTES}); rounded up to a
 *        multiple of 4, as STUN requires
 * @param responderFingerprint the pinned SHA-256 fingerprint of the responder's TLS certificate
 */
public record StreamProbeRequest(String server, PortRange serverPorts, PortRange clientPorts, HostAndPort responder,
		String secretReference, int packetsPerSecond, Duration length, int packetBytes,
		Optional<String> responderFingerprint) {

	/** The highest stream rate. */
	public static final int MAX_PACKETS_PER_SECOND = 200;
	/** The longest stream. */
	public static final int MAX_LENGTH_SECONDS = 30;
	/** The smallest packet: a signed STUN check with an (empty) PADDING, so that it is answered in kind. */
	public static final int MIN_PACKET_BYTES = 108;
	/** The largest packet: fits any path's MTU. */
	public static final int MAX_PACKET_BYTES = 1200;
	/** 12 bytes of RTP header and 160 bytes of G.711 voice, one packet per 20 ms. */
	public static final int RTP_VOICE_PACKET_BYTES = 172;

	/** @throws IllegalArgumentException naming the field that is wrong */
	public StreamProbeRequest {
		HostNames.requireValid("server", server);
		Objects.requireNonNull(serverPorts, "serverPorts");
		Objects.requireNonNull(clientPorts, "clientPorts");
		Objects.requireNonNull(responder, "responder");
		Objects.requireNonNull(secretReference, "secretReference");
		Objects.requireNonNull(length, "length");
		if (packetsPerSecond < 1 || packetsPerSecond > MAX_PACKETS_PER_SECOND) {
			throw new IllegalArgumentException("packets-per-second: " + packetsPerSecond + " is outside 1-"
					+ MAX_PACKETS_PER_SECOND);
		}
		if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofSeconds(MAX_LENGTH_SECONDS)) > 0) {
			throw new IllegalArgumentException("length: " + length.toMillis() + " ms is outside 1 ms-"
					+ MAX_LENGTH_SECONDS + " s");
		}
		if (packetBytes < MIN_PACKET_BYTES || packetBytes > MAX_PACKET_BYTES) {
			throw new IllegalArgumentException("packet-bytes: " + packetBytes + " is outside " + MIN_PACKET_BYTES + "-"
					+ MAX_PACKET_BYTES);
		}
		packetBytes = (packetBytes + 3) & ~3;
		responderFingerprint = Objects.requireNonNull(responderFingerprint, "responderFingerprint")
				.map(f -> Fingerprints.requireValid("responder-fingerprint", f));
	}

	/**
	 * A request without a certificate pin (as before 1.2).
	 *
	 * @param server the server's host name or media address
	 * @param serverPorts the server's media ports
	 * @param clientPorts the client's media ports
	 * @param responder the responder's control address
	 * @param secretReference where the responder's secret is kept
	 * @param packetsPerSecond the stream's rate
	 * @param length how long the stream runs
	 * @param packetBytes the size of each packet above UDP
	 */
	public StreamProbeRequest(String server, PortRange serverPorts, PortRange clientPorts, HostAndPort responder,
			String secretReference, int packetsPerSecond, Duration length, int packetBytes) {
		this(server, serverPorts, clientPorts, responder, secretReference, packetsPerSecond, length, packetBytes,
				Optional.empty());
	}

	/** @return how many packets the stream sends: rate times length, at least one */
	public int plannedPackets() {
		return (int) Math.max(1, length.toMillis() * packetsPerSecond / 1000);
	}
}
