package org.mediapath.responder;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The responder's configuration (PID {@value ResponderComponent#PID}); without a secret file it does not start. */
@ObjectClassDefinition(name = "mediapath responder",
		description = "The cooperative far end of a probe: answers authenticated STUN checks on the media ports and reports what arrived.")
@interface ResponderConfig {

	@AttributeDefinition(name = "Bind address", description = "Address of the TCP control channel.")
	String bind_address() default "127.0.0.1";

	@AttributeDefinition(name = "Media address", description = "Address the UDP media ports bind; empty means the bind address.")
	String media_address() default "";

	@AttributeDefinition(name = "Public address", description = "The address this PBX announces for its media when it"
			+ " sits behind NAT (an edge forwards the media range to the media address); clients send their checks"
			+ " there. Empty: the media address.")
	String public_address() default "";

	@AttributeDefinition(name = "Browser test URL", description = "When set, this responder also serves the user's-browser"
			+ " test on the runtime's own HTTP service (the console's port, or a port configured for it), and this is its"
			+ " base as users reach it, e.g. http://127.0.0.1:8080; links are BASE/browser-test/t/TOKEN. Empty: no browser test.")
	String web_url() default "";

	@AttributeDefinition(name = "UDP ports", description = "Media port range sessions may bind, e.g. 30000-33000. Packets from these ports are never answered.")
	String udp_ports() default "30000-33000";

	@AttributeDefinition(name = "Control port", description = "TCP port of the control channel.")
	int control_port() default 2231;

	@AttributeDefinition(name = "Secret file", description = "File whose first line is the pre-shared secret (at least 16 bytes). Required.")
	String secret_file();

	@AttributeDefinition(name = "Identity folder", description = "Folder where the responder keeps the TLS key and self-signed certificate it generates on first start (owner-only files); empty means the bundle's own data folder. Ignored when a key store is configured.")
	String identity_dir() default "";

	@AttributeDefinition(name = "Key store", description = "An operator's own PKCS#12 or JKS key store for the control channel's TLS (its first key entry); empty means the generated identity.")
	String keystore_path() default "";

	@AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD, description = "Password of the key store and its key.")
	String keystore_password() default "";

	@AttributeDefinition(name = "Max connections", description = "Control connections at once.")
	int max_connections() default 16;

	@AttributeDefinition(name = "Max connections per source", description = "Control connections at once from one address.")
	int max_connections_per_source() default 4;

	@AttributeDefinition(name = "Max sessions", description = "Probe sessions at once.")
	int max_sessions() default 4;

	@AttributeDefinition(name = "Max ports per session", description = "UDP ports one session may bind or send to.")
	int max_ports_per_session() default 4096;

	@AttributeDefinition(name = "Handshake timeout (ms)", description = "Time a new connection has to finish its TLS handshake and authenticate.")
	int handshake_timeout_millis() default 3000;

	@AttributeDefinition(name = "Idle timeout (s)", description = "Time a session may stay silent on its control channel.")
	int idle_timeout_seconds() default 30;

	@AttributeDefinition(name = "Session timeout (s)", description = "The longest a session may live.")
	int session_timeout_seconds() default 120;

	@AttributeDefinition(name = "Max frame bytes", description = "Largest control frame accepted.")
	int max_frame_bytes() default 65536;

	@AttributeDefinition(name = "Errors per source per second", description = "STUN errors sent to one unauthenticated source per second.")
	int errors_per_source_per_second() default 5;

	@AttributeDefinition(name = "Errors per second", description = "STUN errors sent to all unauthenticated sources together per second.")
	int errors_per_second() default 200;

	@AttributeDefinition(name = "Max check rate", description = "Server-to-client checks per second one session may ask for.")
	int max_check_rate() default 20000;

	@AttributeDefinition(name = "Max answer rate", description = "Answers per second to one session's authenticated checks.")
	int max_answer_rate() default 20000;
}
