package org.mediapath.api.report;

import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;

/**
 * What the administrator asked to diagnose: the options of {@code mediapath diagnose}.
 *
 * @param server the PBX server's host name or address
 * @param signallingPort the TCP signalling port (2230 in the reference case)
 * @param serverPorts the server's UDP media ports (30000-33000)
 * @param clientPorts the client's UDP media ports (49152-65535)
 * @param responder the cooperative responder's control address, if one runs on the server
 * @param secretReference where the responder's pre-shared secret is kept (a file path), if any;
 *        the secret itself never travels in a request or a report
 * @param peer another client's responder, for softphone-to-softphone media, if given
 * @param requireVpn whether policy says the server is reachable only through a VPN
 * @param responderFingerprint the SHA-256 fingerprint of the responder's TLS certificate the client pins
 *        (canonical form, see {@link Fingerprints}); without it the control channel refuses the responder
 * @param peerFingerprint the same for the peer's responder
 */
public record DiagnosisRequest(String server, int signallingPort, PortRange serverPorts, PortRange clientPorts,
		Optional<HostAndPort> responder, Optional<String> secretReference, Optional<HostAndPort> peer,
		boolean requireVpn, Optional<String> responderFingerprint, Optional<String> peerFingerprint) {

	/** The signalling port of the reference case. */
	public static final int DEFAULT_SIGNALLING_PORT = 2230;
	/** The server media range of the reference case. */
	public static final PortRange DEFAULT_SERVER_PORTS = new PortRange(30000, 33000);
	/** The client media range of the reference case (the dynamic port range browsers use). */
	public static final PortRange DEFAULT_CLIENT_PORTS = new PortRange(49152, 65535);

	/** @throws IllegalArgumentException naming the field that is wrong */
	public DiagnosisRequest {
		HostNames.requireValid("server", server);
		if (signallingPort < PortRange.MIN_PORT || signallingPort > PortRange.MAX_PORT) {
			throw new IllegalArgumentException("signalling-port: " + signallingPort + " is outside 1-65535");
		}
		Objects.requireNonNull(serverPorts, "serverPorts");
		Objects.requireNonNull(clientPorts, "clientPorts");
		Objects.requireNonNull(responder, "responder");
		Objects.requireNonNull(secretReference, "secretReference");
		Objects.requireNonNull(peer, "peer");
		responderFingerprint = Objects.requireNonNull(responderFingerprint, "responderFingerprint")
				.map(f -> Fingerprints.requireValid("responder-fingerprint", f));
		peerFingerprint = Objects.requireNonNull(peerFingerprint, "peerFingerprint")
				.map(f -> Fingerprints.requireValid("peer-fingerprint", f));
	}

	/**
	 * A request without certificate pins (as before 1.1).
	 *
	 * @param server the PBX server's host name or address
	 * @param signallingPort the TCP signalling port
	 * @param serverPorts the server's UDP media ports
	 * @param clientPorts the client's UDP media ports
	 * @param responder the responder's control address, if any
	 * @param secretReference where the responder's secret is kept, if any
	 * @param peer another client's responder, if given
	 * @param requireVpn whether the server is reachable only through a VPN
	 */
	public DiagnosisRequest(String server, int signallingPort, PortRange serverPorts, PortRange clientPorts,
			Optional<HostAndPort> responder, Optional<String> secretReference, Optional<HostAndPort> peer,
			boolean requireVpn) {
		this(server, signallingPort, serverPorts, clientPorts, responder, secretReference, peer, requireVpn,
				Optional.empty(), Optional.empty());
	}

	/**
	 * A request with the reference case's defaults for everything but the server.
	 *
	 * @param server the PBX server's host name or address
	 * @return the request
	 */
	public static DiagnosisRequest forServer(String server) {
		return new DiagnosisRequest(server, DEFAULT_SIGNALLING_PORT, DEFAULT_SERVER_PORTS, DEFAULT_CLIENT_PORTS,
				Optional.empty(), Optional.empty(), Optional.empty(), false);
	}
}
