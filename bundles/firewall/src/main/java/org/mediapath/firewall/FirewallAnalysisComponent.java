package org.mediapath.firewall;

import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** The {@link FirewallAnalysisService}; all logic is in {@link FirewallAnalyser}, usable without OSGi. */
@Component(configurationPid = FirewallAnalysisComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FirewallConfig.class)
public class FirewallAnalysisComponent implements FirewallAnalysisService {

	public static final String PID = "org.mediapath.firewall";

	private final FirewallAnalyser analyser;

	@Activate
	public FirewallAnalysisComponent(FirewallConfig config) {
		this.analyser = new FirewallAnalyser(new LocalRuleset(java.time.Duration.ofMillis(config.commandTimeoutMillis())));
	}

	@Override
	public FirewallAnswer analysePasted(String pasted, FirewallQuestion question) {
		return analyser.analysePasted(pasted, question);
	}

	@Override
	public FirewallAnswer analyseLocal(FirewallQuestion question) {
		return analyser.analyseLocal(question);
	}
}
