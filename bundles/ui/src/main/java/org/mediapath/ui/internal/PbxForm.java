package org.mediapath.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxEntry;

/**
 * The page's small PBX editor as posted: the PBX it makes, its new secret if one was typed, or a
 * message per field. The secret is never echoed back: after a refused post every field but the
 * secret is shown as typed.
 */
final class PbxForm {

	static final String NAME = "name";
	static final String SERVER = "server";
	static final String SIGNALLING_PORT = "signalling-port";
	static final String SERVER_PORTS = "server-ports";
	static final String CLIENT_PORTS = "client-ports";
	static final String RESPONDER = "responder";
	static final String SECRET = "secret";
	static final String FINGERPRINT = "fingerprint";
	static final String REQUIRE_VPN = "require-vpn";

	/** The text fields in form order (require-vpn is a checkbox). */
	static final String[] TEXT_FIELDS = { NAME, SERVER, SIGNALLING_PORT, SERVER_PORTS, CLIENT_PORTS, RESPONDER, FINGERPRINT,
			SECRET };

	private static final int MAX_FIELD_LENGTH = 1024;

	record Parsed(Optional<PbxEntry> entry, Optional<String> secret, Map<String, String> errors,
			Map<String, String> typed) {
	}

	private PbxForm() {
	}

	static String defaultOf(String field) {
		return switch (field) {
		case SIGNALLING_PORT -> Integer.toString(2230);
		case SERVER_PORTS -> "30000-33000";
		case CLIENT_PORTS -> "49152-65535";
		default -> "";
		};
	}

	static Parsed parse(Function<String, String> parameter) {
		Map<String, String> typed = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : new String[] { NAME, SERVER, SIGNALLING_PORT, SERVER_PORTS, CLIENT_PORTS, RESPONDER, FINGERPRINT }) {
			String v = parameter.apply(field);
			typed.put(field, v == null ? "" : v);
			if (typed.get(field).length() > MAX_FIELD_LENGTH) {
				errors.put(field, field + ": longer than " + MAX_FIELD_LENGTH + " characters");
			}
		}
		String vpn = parameter.apply(REQUIRE_VPN);
		boolean requireVpn = vpn != null && !vpn.isEmpty() && !"false".equalsIgnoreCase(vpn);
		typed.put(REQUIRE_VPN, Boolean.toString(requireVpn));
		String secret = parameter.apply(SECRET) == null ? "" : parameter.apply(SECRET);
		if (secret.length() > MAX_FIELD_LENGTH) {
			errors.put(SECRET, SECRET + ": longer than " + MAX_FIELD_LENGTH + " characters");
		} else if (secret.chars().anyMatch(c -> c == '\n' || c == '\r')) {
			errors.put(SECRET, SECRET + ": must be one line");
		}
		if (!errors.isEmpty()) {
			return new Parsed(Optional.empty(), Optional.empty(), errors, typed);
		}
		String name = typed.get(NAME).strip();
		try {
			PbxEntry.requireValidName(name);
		} catch (IllegalArgumentException e) {
			errors.put(NAME, e.getMessage());
		}
		String server = typed.get(SERVER).strip();
		if (server.isEmpty()) {
			errors.put(SERVER, SERVER + ": a host name or IP address is required");
		} else if (!HostNames.isValid(server)) {
			try {
				HostNames.requireValid(SERVER, server);
			} catch (IllegalArgumentException e) {
				errors.put(SERVER, e.getMessage());
			}
		}
		int signalling = -1;
		try {
			PortRange p = PortRange.parse(SIGNALLING_PORT, typed.get(SIGNALLING_PORT));
			if (p.size() != 1) {
				errors.put(SIGNALLING_PORT, SIGNALLING_PORT + ": one port is required, e.g. 2230");
			} else {
				signalling = p.first();
			}
		} catch (IllegalArgumentException e) {
			errors.put(SIGNALLING_PORT, e.getMessage());
		}
		PortRange serverPorts = range(SERVER_PORTS, typed, errors);
		PortRange clientPorts = range(CLIENT_PORTS, typed, errors);
		Optional<HostAndPort> responder = Optional.empty();
		String r = typed.get(RESPONDER).strip();
		if (!r.isEmpty()) {
			try {
				responder = Optional.of(HostAndPort.parse(RESPONDER, r, -1));
			} catch (IllegalArgumentException e) {
				errors.put(RESPONDER, e.getMessage());
			}
		}
		String fingerprint = typed.get(FINGERPRINT).strip();
		if (!fingerprint.isEmpty()) {
			try {
				fingerprint = Fingerprints.requireValid(FINGERPRINT, fingerprint);
			} catch (IllegalArgumentException e) {
				errors.put(FINGERPRINT, e.getMessage());
			}
		} else if (responder.isPresent()) {
			// the control channel trusts only a pinned certificate: a responder without its pin could never be asked
			errors.put(FINGERPRINT, FINGERPRINT + ": needed with a responder (the SHA-256 fingerprint it prints at its start)");
		}
		if (!errors.isEmpty()) {
			return new Parsed(Optional.empty(), Optional.empty(), errors, typed);
		}
		try {
			PbxEntry entry = new PbxEntry(name, server, signalling, serverPorts, clientPorts, responder,
					fingerprint.isEmpty() ? Optional.empty() : Optional.of(fingerprint), requireVpn, false, false);
			return new Parsed(Optional.of(entry), secret.isEmpty() ? Optional.empty() : Optional.of(secret), errors, typed);
		} catch (IllegalArgumentException e) {
			String m = e.getMessage();
			errors.put(NAME, m);
			return new Parsed(Optional.empty(), Optional.empty(), errors, typed);
		}
	}

	private static PortRange range(String field, Map<String, String> typed, Map<String, String> errors) {
		try {
			return PortRange.parse(field, typed.get(field));
		} catch (IllegalArgumentException e) {
			errors.put(field, e.getMessage());
			return null;
		}
	}
}
