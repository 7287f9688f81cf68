package org.mediapath.api.pbx;

import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;

/**
 * One PBX kept by name. The secret is not part of it: an entry only says whether one is stored.
 *
 * @param name the name the user picks it by (1-80 characters, no control characters)
 * @param server the PBX server's host name or address
 * @param signallingPort the TCP signalling port
 * @param serverPorts the server's UDP media ports
 * @param clientPorts the client's UDP media ports
 * @param responder the cooperative responder's control address, if one runs on the server
 * @param fingerprint the SHA-256 fingerprint the responder's certificate must have, if pinned
 *        (kept for the control channel's TLS; not used by this version)
 * @param requireVpn whether policy says the server is reachable only through a VPN
 * @param secretStored whether a responder secret is stored for it
 * @param builtIn whether the runtime itself provides it (the standalone console's loopback
 *        responder); a built-in entry is not stored and cannot be edited
 */
public record PbxEntry(String name, String server, int signallingPort, PortRange serverPorts, PortRange clientPorts,
		Optional<HostAndPort> responder, Optional<String> fingerprint, boolean requireVpn, boolean secretStored,
		boolean builtIn) {

	/** The longest name kept. */
	public static final int MAX_NAME_LENGTH = 80;

	/** @throws IllegalArgumentException naming the field that is wrong */
	public PbxEntry {
		requireValidName(name);
		HostNames.requireValid("server", server);
		if (signallingPort < PortRange.MIN_PORT || signallingPort > PortRange.MAX_PORT) {
			throw new IllegalArgumentException("signalling-port: " + signallingPort + " is outside 1-65535");
		}
		Objects.requireNonNull(serverPorts, "serverPorts");
		Objects.requireNonNull(clientPorts, "clientPorts");
		Objects.requireNonNull(responder, "responder");
		Objects.requireNonNull(fingerprint, "fingerprint");
		if (fingerprint.isPresent() && fingerprint.get().chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
			throw new IllegalArgumentException("fingerprint: only printable ASCII is allowed");
		}
	}

	/**
	 * @param name a PBX name as typed
	 * @return the name
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	public static String requireValidName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name: a name is required");
		}
		if (!name.equals(name.strip())) {
			throw new IllegalArgumentException("name: no leading or trailing spaces");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("name: longer than " + MAX_NAME_LENGTH + " characters");
		}
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("name: contains control characters");
		}
		return name;
	}
}
