package org.mediapath.firewall;

import java.util.ArrayList;
import java.util.List;

import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.firewall.core.PortAnalyser;
import org.mediapath.firewall.parse.PasteReader;

/** The service's logic without OSGi: tests, the benchmark and the command use it directly. */
public final class FirewallAnalyser implements FirewallAnalysisService {

	private final LocalRuleset local;

	public FirewallAnalyser(LocalRuleset local) {
		this.local = local;
	}

	@Override
	public FirewallAnswer analysePasted(String pasted, FirewallQuestion question) {
		PasteReader.Parsed parsed = PasteReader.read(pasted == null ? "" : pasted);
		return PortAnalyser.analyse(parsed.rulesets(), parsed.formats(), parsed.warnings(), question);
	}

	@Override
	public FirewallAnswer analyseLocal(FirewallQuestion question) {
		LocalRuleset.Read read = local.read();
		if (read.text().isEmpty()) {
			List<String> warnings = new ArrayList<>(read.warnings());
			return PortAnalyser.analyse(List.of(), List.of(), warnings, question);
		}
		PasteReader.Parsed parsed = PasteReader.read(read.text().get());
		List<String> warnings = new ArrayList<>(read.warnings());
		warnings.addAll(parsed.warnings());
		return PortAnalyser.analyse(parsed.rulesets(), parsed.formats(), warnings, question);
	}
}
