package org.mediapath.diagnosis.cli;

import java.util.List;

import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.pbx.PbxDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mediapath browser-test invite|results|invitations}. The browser-test service (probe bundle)
 * is optional, so the subcommand is listed and says what is missing rather than vanishing.
 */
@Component(property = { Subcommand.NAME + "=" + BrowserTestCommand.NAME,
		Subcommand.SUMMARY + "=a link that tests the media path from a user's own browser, and its results" })
public class BrowserTestSubcommand implements Subcommand {

	private final BrowserRunDiagnosis diagnosis;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile BrowserTestService service;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile PbxDirectory pbxs;

	@Activate
	public BrowserTestSubcommand(@Reference BrowserRunDiagnosis diagnosis) {
		this.diagnosis = diagnosis;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return BrowserTestCommand.run(service, diagnosis, pbxs, arguments, io, () -> System.nanoTime() / 1_000_000);
	}
}
