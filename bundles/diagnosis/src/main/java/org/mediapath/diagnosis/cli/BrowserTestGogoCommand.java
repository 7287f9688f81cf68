package org.mediapath.diagnosis.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.pbx.PbxDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo: {@code mediapath:browsertest invite|results|invitations ...}, the options of {@code mediapath browser-test}. */
@Component(service = BrowserTestGogoCommand.class,
		property = { "osgi.command.scope=mediapath", "osgi.command.function=browsertest" })
public class BrowserTestGogoCommand {

	private final BrowserRunDiagnosis diagnosis;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile BrowserTestService service;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile PbxDirectory pbxs;

	@Activate
	public BrowserTestGogoCommand(@Reference BrowserRunDiagnosis diagnosis) {
		this.diagnosis = diagnosis;
	}

	/**
	 * @param arguments as for {@code mediapath browser-test}
	 * @return the output (and, for bad input, the one-line reason) followed by the exit code
	 */
	@Descriptor("test the media path from a user's own browser: invite|results|invitations (--pbx NAME | --responder H:P --secret-file F --responder-fingerprint SHA256) [options; --help after the action]")
	public String browsertest(@Descriptor("invite|results|invitations and options as for 'mediapath browser-test'") String... arguments) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
		int code = BrowserTestCommand.run(service, diagnosis, pbxs, List.of(arguments),
				new CommandIO(new ByteArrayInputStream(new byte[0]), out, out), () -> System.nanoTime() / 1_000_000);
		out.println("(exit " + code + ")");
		return buffer.toString(StandardCharsets.UTF_8);
	}
}
