package org.mediapath.api.probe;

import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;

/**
 * What a UDP range probe should do.
 *
 * @param server the server's host name or media address
 * @param serverPorts the server's media ports
 * @param clientPorts the client's media ports to send from (and to be reached on)
 * @param responder the cooperative responder's control address; without one the probe is
 *        uncooperative and can tell less
 * @param secretReference where the responder's secret is kept (a file path)
 * @param mode sample or full sweep
 * @param packetsPerSecond the packet-rate cap protecting the PBX; 0 means the service's configured default
 * @param responderFingerprint the pinned SHA-256 fingerprint of the responder's TLS certificate
 */
public record UdpRangeProbeRequest(String server, PortRange serverPorts, PortRange clientPorts,
		Optional<HostAndPort> responder, Optional<String> secretReference, SweepMode mode, int packetsPerSecond,
		Optional<String> responderFingerprint) {

	/** @throws IllegalArgumentException naming the field that is wrong */
	public UdpRangeProbeRequest {
		HostNames.requireValid("server", server);
		Objects.requireNonNull(serverPorts, "serverPorts");
		Objects.requireNonNull(clientPorts, "clientPorts");
		Objects.requireNonNull(responder, "responder");
		Objects.requireNonNull(secretReference, "secretReference");
		Objects.requireNonNull(mode, "mode");
		if (packetsPerSecond < 0) {
			throw new IllegalArgumentException("packets-per-second: " + packetsPerSecond + " is negative");
		}
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
	 * @param mode sample or full sweep
	 * @param packetsPerSecond the packet-rate cap
	 */
	public UdpRangeProbeRequest(String server, PortRange serverPorts, PortRange clientPorts,
			Optional<HostAndPort> responder, Optional<String> secretReference, SweepMode mode, int packetsPerSecond) {
		this(server, serverPorts, clientPorts, responder, secretReference, mode, packetsPerSecond, Optional.empty());
	}
}
