package org.mediapath.route;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.route.command.RoutesCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** {@code mediapath routes}: shares the route configuration, so its size limit and policy are the service's. */
@Component(configurationPid = RouteInspectionComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
		property = { Subcommand.NAME + "=routes", Subcommand.SUMMARY
				+ "=show interfaces, routes and the route decision for a target; --from FILE for a user's pasted output" })
public class RoutesSubcommand implements Subcommand {

	private final RoutesCommand command;

	@Activate
	public RoutesSubcommand(@Reference RouteInspectionService service, RouteConfig config) {
		this.command = new RoutesCommand(service, policy(config));
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return command.run(arguments, io);
	}

	static RoutesCommand.Policy policy(RouteConfig config) {
		RouteSettings settings = RouteSettings.of(config);
		return new RoutesCommand.Policy(settings.vpnOnlyNetworks(), settings.requireVpn(), settings.maxPasteBytes());
	}
}
