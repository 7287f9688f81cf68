package org.mediapath.responder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.SecretFiles;

/** Turns configuration and options into checked {@link ResponderSettings}, naming the field that is wrong. */
final class Settings {

	private Settings() {
	}

	/**
	 * @param config the configuration
	 * @param dataFolder the bundle's own data folder, where a generated identity is kept by default
	 * @return the checked settings
	 */
	static ResponderSettings from(ResponderConfig config, Path dataFolder) {
		if (config.secret_file() == null || config.secret_file().isBlank()) {
			throw new IllegalArgumentException("secret.file: no secret configured; the responder refuses to start without one");
		}
		InetAddress bind = address("bind.address", config.bind_address());
		InetAddress media = config.media_address() == null || config.media_address().isBlank() ? bind
				: address("media.address", config.media_address());
		ResponderSettings.Limits limits = new ResponderSettings.Limits(config.max_connections(),
				config.max_connections_per_source(), config.max_sessions(), config.max_ports_per_session(),
				Duration.ofMillis(config.handshake_timeout_millis()), Duration.ofSeconds(config.idle_timeout_seconds()),
				Duration.ofSeconds(config.session_timeout_seconds()), config.max_frame_bytes(),
				config.errors_per_source_per_second(), config.errors_per_second(), config.max_check_rate(),
				config.max_answer_rate());
		byte[] secret = SecretFiles.read("secret.file", Path.of(config.secret_file()));
		ResponderIdentity identity = blank(config.keystore_path())
				? ResponderIdentity.loadOrCreate("identity.dir",
						blank(config.identity_dir()) ? dataFolder : Path.of(config.identity_dir()))
				: ResponderIdentity.fromKeyStore("keystore.path", Path.of(config.keystore_path()),
						config.keystore_password() == null ? new char[0] : config.keystore_password().toCharArray());
		return new ResponderSettings(bind, media, PortRange.parse("udp.ports", config.udp_ports()),
				controlPort("control.port", config.control_port()), secret, identity, limits,
				config.public_address() == null || config.public_address().isBlank() ? Optional.empty()
						: Optional.of(literal("public.address", config.public_address())));
	}

	static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	static InetAddress address(String field, String text) {
		HostNames.requireValid(field, text);
		try {
			return InetAddress.getByName(text);
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException(field + ": '" + text + "' does not resolve to an address of this host");
		}
	}

	/** A public address is what this PBX announces, not one of its own: it must be an address, not a name. */
	static InetAddress literal(String field, String text) {
		String t = text.strip();
		if (!t.matches("[0-9.]+|[0-9a-fA-F:]+") || !t.matches(".*[.:].*")) {
			throw new IllegalArgumentException(field + ": '" + text + "' is not an IP address");
		}
		try {
			return InetAddress.getByName(t);
		} catch (UnknownHostException e) {
			throw new IllegalArgumentException(field + ": '" + text + "' is not an IP address");
		}
	}

	static int controlPort(String field, int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(field + ": " + port + " is outside 1-65535");
		}
		return port;
	}
}
