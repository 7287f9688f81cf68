package org.mediapath.probe;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.mediapath.api.probe.PortProbeService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo: {@code mediapath:probe tcp pbx:2230}, {@code mediapath:probe udp --server ...}, {@code mediapath:probe ice ...}. */
@Component(service = ProbeGogoCommands.class,
		property = { "osgi.command.scope=mediapath", "osgi.command.function=probe" })
public class ProbeGogoCommands {

	private final PortProbeService service;

	@Activate
	public ProbeGogoCommands(@Reference PortProbeService service) {
		this.service = service;
	}

	/**
	 * @param arguments as for {@code mediapath probe}
	 * @return what the probe printed
	 */
	@Descriptor("run one probe: tcp HOST[:PORT] | udp --server HOST [--responder H:P --secret-file F --responder-fingerprint SHA256] [--full] | ice --responder H:P --secret-file F --responder-fingerprint SHA256")
	public String probe(@Descriptor("probe and options") String... arguments) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
		int code = ProbeCommand.run(service, List.of(arguments), out, out);
		out.println("(exit " + code + ")");
		return buffer.toString(StandardCharsets.UTF_8);
	}
}
