package org.mediapath.probe;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.probe.PortProbeService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code mediapath probe tcp|udp|ice ...}. */
@Component(property = { Subcommand.NAME + "=probe",
		Subcommand.SUMMARY + "=run one probe by hand: tcp (signalling), udp (media ranges), ice (full ICE), stream (voice packets)" })
public class ProbeSubcommand implements Subcommand {

	private final PortProbeService service;

	@Activate
	public ProbeSubcommand(@Reference PortProbeService service) {
		this.service = service;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return ProbeCommand.run(service, arguments, io.out(), io.err());
	}
}
