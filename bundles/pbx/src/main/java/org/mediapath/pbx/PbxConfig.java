package org.mediapath.pbx;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One PBX kept by name (a factory configuration: add one per PBX on the Configuration page). */
@ObjectClassDefinition(name = "mediapath PBX", description = "A PBX the console and `mediapath diagnose --pbx NAME` "
		+ "diagnose by name. The responder secret is moved to a file only the console's user can read as soon as it "
		+ "is saved, and is never shown again: leave the field empty to keep the stored secret.")
@interface PbxConfig {

	@AttributeDefinition(name = "Name", description = "The name the PBX is picked by (1-80 characters).")
	String name();

	@AttributeDefinition(name = "Server", description = "The PBX server's host name or address.")
	String server();

	@AttributeDefinition(name = "Signalling port", description = "The TCP signalling port.", min = "1", max = "65535")
	int signalling_port() default 2230;

	@AttributeDefinition(name = "Server media ports", description = "The server's UDP media ports, FIRST-LAST.")
	String server_ports() default "30000-33000";

	@AttributeDefinition(name = "Client media ports", description = "The client's UDP media ports, FIRST-LAST.")
	String client_ports() default "49152-65535";

	@AttributeDefinition(name = "Responder", description = "The responder's control address on the server, HOST:PORT (empty: none).")
	String responder() default "";

	@AttributeDefinition(name = "Responder secret", type = AttributeType.PASSWORD, description = "The responder's "
			+ "pre-shared secret (one line). Stored apart and removed from this configuration once saved; empty keeps "
			+ "the stored one.")
	String secret() default "";

	@AttributeDefinition(name = "Certificate fingerprint", description = "The SHA-256 fingerprint the responder's "
			+ "certificate must have (empty: not pinned). Kept for the control channel's TLS.")
	String fingerprint() default "";

	@AttributeDefinition(name = "VPN required", description = "Whether policy says the server is reachable only through a VPN.")
	boolean require_vpn() default false;
}
