package org.mediapath.diagnosis.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo: {@code mediapath:diagnose --server pbx [--responder pbx:2231 --secret-file F] [--json]}. */
@Component(service = DiagnoseGogoCommand.class,
		property = { "osgi.command.scope=mediapath", "osgi.command.function=diagnose" })
public class DiagnoseGogoCommand {

	private final DiagnosisService service;

	@Activate
	public DiagnoseGogoCommand(@Reference DiagnosisService service) {
		this.service = service;
	}

	/**
	 * @param arguments as for {@code mediapath diagnose}
	 * @return the report (and, for bad input, the one-line reason) followed by the exit code
	 */
	@Descriptor("diagnose the media path to a PBX: --server HOST [--signalling-port P] [--server-ports R] [--client-ports R] [--responder H:P --secret-file F --responder-fingerprint SHA256] [--peer H:P [--peer-fingerprint SHA256]] [--require-vpn] [--json]")
	public String diagnose(@Descriptor("options as for 'mediapath diagnose'") String... arguments) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
		int code = DiagnoseCommand.run(service, List.of(arguments),
				new CommandIO(new ByteArrayInputStream(new byte[0]), out, out));
		out.println("(exit " + code + ")");
		return buffer.toString(StandardCharsets.UTF_8);
	}
}
