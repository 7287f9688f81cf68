package org.mediapath.api.probe;

import java.time.Duration;
import java.util.Objects;

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
 */
public record IceProbeRequest(HostAndPort responder, String secretReference, PortRange clientPorts,
		PortRange serverPorts, Duration failureBound) {

	/** @throws IllegalArgumentException if the bound is not positive */
	public IceProbeRequest {
		Objects.requireNonNull(responder, "responder");
		Objects.requireNonNull(secretReference, "secretReference");
		Objects.requireNonNull(clientPorts, "clientPorts");
		Objects.requireNonNull(serverPorts, "serverPorts");
		if (failureBound.isNegative() || failureBound.isZero()) {
			throw new IllegalArgumentException("failure bound must be positive, was " + failureBound);
		}
	}
}
