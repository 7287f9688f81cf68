package org.mediapath.responder;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.PortRange;

/**
 * Everything a responder runs with, checked once, whether it came from the command line or from
 * Config Admin.
 *
 * @param bind the control channel's address
 * @param media the address the UDP ports and the ICE agent bind
 * @param udpPorts the ports sessions may bind; packets from these ports are never answered
 * @param controlPort the control channel's TCP port (0: any free port, for tests)
 * @param secret the pre-shared secret
 * @param identity the TLS key and certificate of the control channel
 * @param limits the abuse limits
 * @param publicAddress the address the PBX announces for its media when it sits behind NAT (a port
 *        forward on an edge in front of it), as PBXs are configured with an external media address;
 *        clients send their checks there
 */
public record ResponderSettings(InetAddress bind, InetAddress media, PortRange udpPorts, int controlPort,
		byte[] secret, ResponderIdentity identity, Limits limits, Optional<InetAddress> publicAddress) {

	/** Settings of a PBX that announces the address its media ports bind on. */
	public ResponderSettings(InetAddress bind, InetAddress media, PortRange udpPorts, int controlPort, byte[] secret,
			ResponderIdentity identity, Limits limits) {
		this(bind, media, udpPorts, controlPort, secret, identity, limits, Optional.empty());
	}

	/** @return the media address clients are told to send to: the public one behind NAT, else the bound one */
	public InetAddress announced() {
		return publicAddress.orElse(media);
	}

	/**
	 * The limits that keep the responder from being a reflector, an amplifier or a memory sink.
	 *
	 * @param maxConnections control connections at once (authenticated or not)
	 * @param maxConnectionsPerSource control connections at once from one address
	 * @param maxSessions probe sessions at once
	 * @param maxPortsPerSession UDP ports one session may bind
	 * @param handshakeTimeout time a new connection has to finish TLS and authenticate
	 * @param idleTimeout time a session may stay silent on its control channel
	 * @param sessionTimeout the longest a session may live
	 * @param maxFrameBytes the largest control frame accepted
	 * @param errorsPerSourcePerSecond STUN errors sent to one unauthenticated source per second
	 * @param errorsPerSecond STUN errors sent to all unauthenticated sources together per second
	 * @param maxCheckRate server-to-client checks per second one session may ask for
	 * @param maxAnswerRate answers per second to one session's authenticated checks
	 */
	public record Limits(int maxConnections, int maxConnectionsPerSource, int maxSessions, int maxPortsPerSession,
			Duration handshakeTimeout, Duration idleTimeout, Duration sessionTimeout, int maxFrameBytes,
			int errorsPerSourcePerSecond, int errorsPerSecond, int maxCheckRate, int maxAnswerRate) {

		/** The defaults, sized for one administrator probing one PBX. */
		public static final Limits DEFAULT = new Limits(16, 4, 4, 4096, Duration.ofSeconds(3), Duration.ofSeconds(30),
				Duration.ofMinutes(2), 64 * 1024, 5, 200, 20_000, 20_000);

		/** @throws IllegalArgumentException naming the limit that is not positive */
		public Limits {
			positive("max-connections", maxConnections);
			positive("max-connections-per-source", maxConnectionsPerSource);
			positive("max-sessions", maxSessions);
			positive("max-ports-per-session", maxPortsPerSession);
			positive("max-frame-bytes", maxFrameBytes);
			positive("errors-per-source-per-second", errorsPerSourcePerSecond);
			positive("errors-per-second", errorsPerSecond);
			positive("max-check-rate", maxCheckRate);
			positive("max-answer-rate", maxAnswerRate);
			for (Duration d : new Duration[] { handshakeTimeout, idleTimeout, sessionTimeout }) {
				if (d.isNegative() || d.isZero()) {
					throw new IllegalArgumentException("timeouts must be positive, was " + d);
				}
			}
		}

		private static void positive(String name, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(name + ": " + value + " must be at least 1");
			}
		}
	}

	/** @throws NullPointerException if a component is null */
	public ResponderSettings {
		Objects.requireNonNull(bind, "bind");
		Objects.requireNonNull(media, "media");
		Objects.requireNonNull(udpPorts, "udpPorts");
		Objects.requireNonNull(secret, "secret");
		Objects.requireNonNull(identity, "identity");
		Objects.requireNonNull(limits, "limits");
		Objects.requireNonNull(publicAddress, "publicAddress");
		if (controlPort < 0 || controlPort > 65535) {
			throw new IllegalArgumentException("control-port: " + controlPort + " is outside 1-65535");
		}
		secret = secret.clone();
	}
}
