package org.mediapath.route;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Editable on the Web Console's Configuration page (PID {@code org.mediapath.route}). */
@ObjectClassDefinition(name = "mediapath route inspection", description = "Interfaces, VPN detection, routing "
		+ "tables and the VPN policy the route analysis checks server addresses against.")
public @interface RouteConfig {

	@AttributeDefinition(name = "VPN-only networks", description = "Networks in CIDR notation (10.64.0.0/16) that "
			+ "are reachable only through the VPN; a server address in them routed outside a VPN is "
			+ "VPN_REQUIRED_NOT_CONNECTED.")
	String[] vpnOnlyNetworks() default {};

	@AttributeDefinition(name = "Require VPN", description = "The server is reachable only through a VPN.")
	boolean requireVpn() default false;

	@AttributeDefinition(name = "Command timeout (ms)", description = "How long ip, route or netstat may run before "
			+ "it is stopped and a warning recorded.", min = "100", max = "60000")
	int commandTimeoutMillis() default 3000;

	@AttributeDefinition(name = "Extra VPN patterns", description = "'Product name=regular expression' entries, "
			+ "matched case-insensitively against interface names and adapter descriptions before the bundled "
			+ "vpn-patterns.json.")
	String[] extraVpnPatterns() default {};

	@AttributeDefinition(name = "Largest pasted file (bytes)", description = "routes --from refuses larger files.",
			min = "1024")
	int maxPasteBytes() default 16 * 1024 * 1024;
}
