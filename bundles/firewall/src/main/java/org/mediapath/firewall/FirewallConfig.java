package org.mediapath.firewall;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Editable on the Web Console's Configuration page (PID {@code org.mediapath.firewall}). */
@ObjectClassDefinition(name = "mediapath firewall analysis", description = "Which firewall rule decides a port "
		+ "range: pasted rulesets, or this host's own.")
public @interface FirewallConfig {

	@AttributeDefinition(name = "Command timeout (ms)", description = "How long nft or iptables-save may run when "
			+ "this host's ruleset is read before it is stopped and a warning recorded.", min = "100", max = "60000")
	int commandTimeoutMillis() default 5000;

	@AttributeDefinition(name = "Largest pasted file (bytes)", description = "firewall --from refuses larger files.",
			min = "1024")
	int maxPasteBytes() default 16 * 1024 * 1024;
}
