package org.mediapath.ui.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.DiagnosisRequest;

/**
 * The diagnosis form as typed: raw field values, and the request they make or a message per field.
 * Messages come from {@link PortRange#parse}, {@link HostNames} and {@link HostAndPort#parse},
 * which name the field.
 */
final class FormInput implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	static final String SERVER = "server";
	static final String SIGNALLING_PORT = "signalling-port";
	static final String SERVER_PORTS = "server-ports";
	static final String CLIENT_PORTS = "client-ports";
	static final String RESPONDER = "responder";
	static final String SECRET_FILE = "secret-file";
	static final String RESPONDER_FINGERPRINT = "responder-fingerprint";
	static final String PEER = "peer";
	static final String PEER_FINGERPRINT = "peer-fingerprint";
	static final String REQUIRE_VPN = "require-vpn";

	/** The text fields in form order (require-vpn is a checkbox). */
	static final String[] TEXT_FIELDS = { SERVER, SIGNALLING_PORT, SERVER_PORTS, CLIENT_PORTS, RESPONDER, SECRET_FILE,
			RESPONDER_FINGERPRINT, PEER, PEER_FINGERPRINT };

	private static final int MAX_FIELD_LENGTH = 1024;

	private final Map<String, String> values;
	private final boolean requireVpn;

	FormInput(Map<String, String> values, boolean requireVpn) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.requireVpn = requireVpn;
	}

	/** @return the form filled with the configured defaults */
	static FormInput defaults(PluginConfig config) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put(SERVER, config.server());
		v.put(SIGNALLING_PORT, Integer.toString(config.signallingPort()));
		v.put(SERVER_PORTS, config.serverPorts());
		v.put(CLIENT_PORTS, config.clientPorts());
		v.put(RESPONDER, config.responder());
		v.put(SECRET_FILE, config.secretFile());
		v.put(RESPONDER_FINGERPRINT, config.responderFingerprint());
		v.put(PEER, config.peer());
		v.put(PEER_FINGERPRINT, config.peerFingerprint());
		return new FormInput(v, config.requireVpn());
	}

	/** @return the form filled with what a report asked, so that it can be run again as it was */
	static FormInput of(DiagnosisRequest request) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put(SERVER, request.server());
		v.put(SIGNALLING_PORT, Integer.toString(request.signallingPort()));
		v.put(SERVER_PORTS, request.serverPorts().toString());
		v.put(CLIENT_PORTS, request.clientPorts().toString());
		v.put(RESPONDER, request.responder().map(HostAndPort::toString).orElse(""));
		v.put(SECRET_FILE, request.secretReference().orElse(""));
		v.put(RESPONDER_FINGERPRINT, request.responderFingerprint().orElse(""));
		v.put(PEER, request.peer().map(HostAndPort::toString).orElse(""));
		v.put(PEER_FINGERPRINT, request.peerFingerprint().orElse(""));
		return new FormInput(v, request.requireVpn());
	}

	/** @return the form as posted; a missing field is empty */
	static FormInput from(Function<String, String> parameter) {
		Map<String, String> v = new LinkedHashMap<>();
		for (String field : TEXT_FIELDS) {
			String value = parameter.apply(field);
			v.put(field, value == null ? "" : value);
		}
		String vpn = parameter.apply(REQUIRE_VPN);
		return new FormInput(v, vpn != null && !vpn.isEmpty() && !"false".equalsIgnoreCase(vpn));
	}

	String value(String field) {
		return values.getOrDefault(field, "");
	}

	boolean requireVpn() {
		return requireVpn;
	}

	/** @return field name to message, in form order; empty when the form makes a valid request */
	Map<String, String> validate() {
		Map<String, String> errors = new LinkedHashMap<>();
		parse(errors);
		return errors;
	}

	/** @return the request, if every field is valid */
	Optional<DiagnosisRequest> toRequest() {
		Map<String, String> errors = new LinkedHashMap<>();
		DiagnosisRequest request = parse(errors);
		return errors.isEmpty() ? Optional.ofNullable(request) : Optional.empty();
	}

	private DiagnosisRequest parse(Map<String, String> errors) {
		for (String field : TEXT_FIELDS) {
			if (value(field).length() > MAX_FIELD_LENGTH) {
				errors.put(field, field + ": longer than " + MAX_FIELD_LENGTH + " characters");
			}
		}
		if (!errors.isEmpty()) {
			return null;
		}
		String server = value(SERVER).strip();
		if (server.isEmpty()) {
			errors.put(SERVER, SERVER + ": a host name or IP address is required");
		} else if (!HostNames.isValid(server)) {
			errors.put(SERVER, message(() -> HostNames.requireValid(SERVER, server)));
		}
		int signalling = -1;
		try {
			PortRange p = PortRange.parse(SIGNALLING_PORT, value(SIGNALLING_PORT));
			if (p.size() != 1) {
				errors.put(SIGNALLING_PORT, SIGNALLING_PORT + ": '" + value(SIGNALLING_PORT).strip()
						+ "' is a range; one port is required, e.g. 2230");
			} else {
				signalling = p.first();
			}
		} catch (IllegalArgumentException e) {
			errors.put(SIGNALLING_PORT, e.getMessage());
		}
		PortRange serverPorts = range(SERVER_PORTS, errors);
		PortRange clientPorts = range(CLIENT_PORTS, errors);
		Optional<HostAndPort> responder = hostAndPort(RESPONDER, errors);
		Optional<HostAndPort> peer = hostAndPort(PEER, errors);
		String secret = value(SECRET_FILE).strip();
		if (secret.chars().anyMatch(c -> c < 0x20)) {
			errors.put(SECRET_FILE, SECRET_FILE + ": the path contains control characters");
		}
		Optional<String> responderPin = fingerprint(RESPONDER_FINGERPRINT, errors);
		Optional<String> peerPin = fingerprint(PEER_FINGERPRINT, errors);
		if (!errors.isEmpty()) {
			return null;
		}
		try {
			return new DiagnosisRequest(server, signalling, serverPorts, clientPorts, responder,
					secret.isEmpty() ? Optional.empty() : Optional.of(secret), peer, requireVpn, responderPin, peerPin);
		} catch (IllegalArgumentException e) {
			errors.put(SERVER, e.getMessage());
			return null;
		}
	}

	private PortRange range(String field, Map<String, String> errors) {
		try {
			return PortRange.parse(field, value(field));
		} catch (IllegalArgumentException e) {
			errors.put(field, e.getMessage());
			return null;
		}
	}

	private Optional<HostAndPort> hostAndPort(String field, Map<String, String> errors) {
		String text = value(field).strip();
		if (text.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(HostAndPort.parse(field, text, -1));
		} catch (IllegalArgumentException e) {
			errors.put(field, e.getMessage());
			return Optional.empty();
		}
	}

	private static String message(Runnable check) {
		try {
			check.run();
			return "";
		} catch (IllegalArgumentException e) {
			return e.getMessage();
		}
	}

	/** A certificate pin typed into the form: empty is none; anything else must be a SHA-256 fingerprint. */
	private Optional<String> fingerprint(String field, Map<String, String> errors) {
		String text = value(field).strip();
		if (text.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(org.mediapath.api.net.Fingerprints.requireValid(field, text));
		} catch (IllegalArgumentException e) {
			errors.put(field, e.getMessage());
			return Optional.empty();
		}
	}
}
