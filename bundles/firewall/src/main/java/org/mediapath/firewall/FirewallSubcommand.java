package org.mediapath.firewall;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.firewall.command.FirewallCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** {@code mediapath firewall}: shares the firewall configuration, so its paste size limit is the service's. */
@Component(configurationPid = FirewallAnalysisComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
		property = { Subcommand.NAME + "=firewall", Subcommand.SUMMARY
				+ "=which firewall rule or policy decides each port of a range; --from FILE for a pasted ruleset" })
public class FirewallSubcommand implements Subcommand {

	private final FirewallCommand command;

	@Activate
	public FirewallSubcommand(@Reference FirewallAnalysisService service, FirewallConfig config) {
		this.command = new FirewallCommand(service, config.maxPasteBytes());
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return command.run(arguments, io);
	}
}
