package org.mediapath.route;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.route.command.RoutesCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mediapath:routes} in the Gogo shell. Gogo gives each session its own System.out/err, so
 * printing there reaches the user's terminal or the Web Console's shell page.
 */
@Component(service = RoutesGogoCommand.class, configurationPid = RouteInspectionComponent.PID,
		configurationPolicy = ConfigurationPolicy.OPTIONAL,
		property = { "osgi.command.scope=mediapath", "osgi.command.function=routes" })
public class RoutesGogoCommand {

	private final RoutesCommand command;

	@Activate
	public RoutesGogoCommand(@Reference RouteInspectionService service, RouteConfig config) {
		this.command = new RoutesCommand(service, RoutesSubcommand.policy(config));
	}

	/**
	 * Returns nothing on purpose: Gogo prints a returned value after the command's own output, and
	 * the shell should show exactly what the command line shows. A usage error is on stderr.
	 *
	 * @param arguments as on the command line: {@code [--to HOST] [--from FILE] [--json]}
	 */
	public void routes(String... arguments) {
		command.run(List.of(arguments), new CommandIO(System.in, System.out, System.err));
	}
}
