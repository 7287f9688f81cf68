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

	@AttributeDefinition(name = "PBX", description = "The PBX kept by name the form starts with (empty: the first one, "
			+ "the built-in loopback responder in the standalone console).")
	String pbx() default "";

	@AttributeDefinition(name = "VPN required", description = "Whether policy says the server is reachable only through a VPN.")
	boolean requireVpn() default false;

	@AttributeDefinition(name = "History size", description = "How many past reports the page lists.", min = "1", max = "500")
	int historySize() default 50;

	@AttributeDefinition(name = "Runs at a time", description = "How many diagnoses started from the page run at once; "
			+ "the rest wait in a queue, their position shown.", min = "1", max = "16")
	int maxConcurrentRuns() default 2;
}
