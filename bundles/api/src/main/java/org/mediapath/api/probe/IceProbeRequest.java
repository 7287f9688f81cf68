package org.mediapath.api.probe;

import java.time.Duration;
import java.util.Objects;

import java.util.Optional;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;

/**
 * What a full ICE probe should do: an ICE agent in the controlling role on the client's ports
 * against the responder's agent (controlled) on the server's, as a softphone after "Accept".
 *
 * @param responder the responder's control address (the server's, or a peer client's)
 * @param secretReference where the responder's secret is kept (a file path)
 * @param clientPorts the local ports the agent may bind
 * @param serverPorts the ports the responder's agent should bind
 * @param failureBound the time after which the probe declares failure (default 3 s)
 * @param responderFingerprint the pinned SHA-256 fingerprint of the responder's TLS certificate
 */
public record IceProbeRequest(HostAndPort responder, String secretReference, PortRange clientPorts,
		PortRange serverPorts, Duration failureBound, Optional<String> responderFingerprint) {

	/** @throws IllegalArgumentException if the bound is not positive */
	public IceProbeRequest {
		Objects.requireNonNull(responder, "responder");
		Objects.requireNonNull(secretReference, "secretReference");
		Objects.requireNonNull(clientPorts, "clientPorts");
		Objects.requireNonNull(serverPorts, "serverPorts");
		if (failureBound.isNegative() || failureBound.isZero()) {
			throw new IllegalArgumentException("failure bound must be positive, was " + failureBound);
		}
		responderFingerprint = Objects.requireNonNull(responderFingerprint, "responderFingerprint")
				.map(f -> Fingerprints.requireValid("responder-fingerprint", f));
	}

	/**
	 * A request without a certificate pin (as before 1.2).
	 *
	 * @param responder the responder's control address
	 * @param secretReference where the responder's secret is kept
	 * @param clientPorts the local ports the agent may bind
	 * @param serverPorts the ports the responder's agent should bind
	 * @param failureBound the failure bound
	 */
	public IceProbeRequest(HostAndPort responder, String secretReference, PortRange clientPorts, PortRange serverPorts,
			Duration failureBound) {
		this(responder, secretReference, clientPorts, serverPorts, failureBound, Optional.empty());
	}
}
