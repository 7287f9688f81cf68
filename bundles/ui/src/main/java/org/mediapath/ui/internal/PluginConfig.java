package org.mediapath.ui.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The defaults of the page's diagnosis form, editable on the Web Console's Configuration page. */
@ObjectClassDefinition(name = "mediapath console page", description = "Defaults of the diagnosis form on "
		+ "/system/console/mediapath and how much history the page shows.")
public @interface PluginConfig {

	@AttributeDefinition(name = "Server", description = "The PBX server's host name or address the form starts with (may be empty).")
	String server() default "";

	@AttributeDefinition(name = "Signalling port", description = "The TCP signalling port (2230 in the reference case).", min = "1", max = "65535")
	int signallingPort() default 2230;

	@AttributeDefinition(name = "Server media ports", description = "The server's UDP media ports, FIRST-LAST.")
	String serverPorts() default "30000-33000";

	@AttributeDefinition(name = "Client media ports", description = "The client's UDP media ports, FIRST-LAST.")
	String clientPorts() default "49152-65535";

	@AttributeDefinition(name = "Responder", description = "The cooperative responder's control address, HOST:PORT (may be empty).")
	String responder() default "";

	@AttributeDefinition(name = "Secret file", description = "Path of the file holding the responder's pre-shared secret (may be empty). The secret itself is never shown.")
	String secretFile() default "";

	@AttributeDefinition(name = "Responder fingerprint", description = "SHA-256 fingerprint of the responder's TLS certificate, as the responder prints it at its start (may be empty).")
	String responderFingerprint() default "";

	@AttributeDefinition(name = "Peer fingerprint", description = "SHA-256 fingerprint of the peer's responder certificate (may be empty).")
	String peerFingerprint() default "";

	@AttributeDefinition(name = "Console's own responder", description = "Set by the standalone console: the control address of the responder it runs itself (127.0.0.1:2231). A diagnosis against it without a fingerprint is pinned to the next setting.")
	String ownResponder() default "";

	@AttributeDefinition(name = "Console's own responder fingerprint", description = "Set by the standalone console: the SHA-256 fingerprint of its own responder's certificate, read from the responder's file.")
	String ownResponderFingerprint() default "";

	@AttributeDefinition(name = "Peer", description = "Another client's responder, HOST:PORT, for softphone-to-softphone media (may be empty).")
	String peer() default "";

	@AttributeDefinition(name = "VPN required", description = "Whether policy says the server is reachable only through a VPN.")
	boolean requireVpn() default false;

	@AttributeDefinition(name = "History size", description = "How many past reports the page lists.", min = "1", max = "500")
	int historySize() default 50;
}
