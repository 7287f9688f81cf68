package org.mediapath.ui.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.DiagnosisRequest;

/**
 * The diagnosis form as typed: a PBX picked by name, or a server by hand (without a responder: a
 * responder needs a secret, and secrets live only in PBXs kept by name, never in a path typed into
 * a web form). Raw field values, and the request they make or a message per field. Messages come
 * from {@link PortRange#parse} and {@link HostNames}, which name the field.
 */
final class FormInput implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	static final String PBX = "pbx";
	static final String SERVER = "server";
	static final String SIGNALLING_PORT = "signalling-port";
	static final String SERVER_PORTS = "server-ports";
	static final String CLIENT_PORTS = "client-ports";
	static final String REQUIRE_VPN = "require-vpn";

	/** The fields of a server by hand, in form order (require-vpn is a checkbox). */
	static final String[] TEXT_FIELDS = { SERVER, SIGNALLING_PORT, SERVER_PORTS, CLIENT_PORTS };

	private static final int MAX_FIELD_LENGTH = 1024;

	private final Map<String, String> values;
	private final boolean requireVpn;
	private final String pbx;

	FormInput(Map<String, String> values, boolean requireVpn) {
		this(values, requireVpn, "");
	}

	FormInput(Map<String, String> values, boolean requireVpn, String pbx) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.requireVpn = requireVpn;
		this.pbx = pbx == null ? "" : pbx;
	}

	/** @return the PBX picked by name, "" for a server by hand */
	String pbx() {
		return pbx;
	}

	/** @return this form with a PBX picked */
	FormInput withPbx(String name) {
		return new FormInput(values, requireVpn, name);
	}

	/** @return the form filled with the configured defaults */
	static FormInput defaults(PluginConfig config) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put(SERVER, config.server());
		v.put(SIGNALLING_PORT, Integer.toString(config.signallingPort()));
		v.put(SERVER_PORTS, config.serverPorts());
		v.put(CLIENT_PORTS, config.clientPorts());
		return new FormInput(v, config.requireVpn(), config.pbx());
	}

	/** @return the form filled with what a report asked, so that it can be run again as it was */
	static FormInput of(DiagnosisRequest request) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put(SERVER, request.server());
		v.put(SIGNALLING_PORT, Integer.toString(request.signallingPort()));
		v.put(SERVER_PORTS, request.serverPorts().toString());
		v.put(CLIENT_PORTS, request.clientPorts().toString());
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
		String pbx = parameter.apply(PBX);
		return new FormInput(v, vpn != null && !vpn.isEmpty() && !"false".equalsIgnoreCase(vpn),
				pbx == null ? "" : pbx.strip());
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
		if (!errors.isEmpty()) {
			return null;
		}
		try {
			return new DiagnosisRequest(server, signalling, serverPorts, clientPorts, Optional.empty(), Optional.empty(),
					Optional.empty(), requireVpn);
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
