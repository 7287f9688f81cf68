package org.mediapath.diagnosis.cli;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.pbx.PbxDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code mediapath diagnose ...}: one diagnosis, printed; exit 0 OK, 1 cause found, 2 bad usage. */
@Component(property = { Subcommand.NAME + "=diagnose",
		Subcommand.SUMMARY + "=tell why a softphone call rings, is answered, and stays silent" })
public class DiagnoseSubcommand implements Subcommand {

	private final DiagnosisService service;
	private final FirewallAnalysisService firewall;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile PbxDirectory pbxs;

	/** @param firewall the firewall bundle's service, when installed: {@code --firewall-from} and the local ruleset */
	@Activate
	public DiagnoseSubcommand(@Reference DiagnosisService service,
			@Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) FirewallAnalysisService firewall) {
		this.service = service;
		this.firewall = firewall;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return DiagnoseCommand.run(service, pbxs, firewall, arguments, io);
	}
}
