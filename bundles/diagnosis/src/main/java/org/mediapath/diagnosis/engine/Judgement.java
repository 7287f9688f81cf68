package org.mediapath.diagnosis.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;
import org.mediapath.diagnosis.rules.BuiltInRules;
import org.mediapath.diagnosis.rules.CauseRanking;
import org.mediapath.diagnosis.rules.Verdicts;

/**
 * From check results to a report: the rules (built-in and the whiteboard's partner rules), their
 * ranking and the verdict. One piece shared by the engine's runs and the reports of runs in a user's
 * browser, so that both are judged by exactly the same machinery.
 */
public final class Judgement {

	private Judgement() {
	}

	/**
	 * @param partnerRules the rules registered as services now
	 * @return the built-in rules followed by the partner rules
	 */
	public static List<CauseRule> rules(Collection<CauseRule> partnerRules) {
		List<CauseRule> rules = new ArrayList<>(BuiltInRules.all());
		rules.addAll(partnerRules);
		return rules;
	}

	/**
	 * @param id the report's id
	 * @param request what was diagnosed
	 * @param started when it started
	 * @param duration how long it took
	 * @param checks every check's result, in report order (ids unique)
	 * @param rules the rules to apply ({@link #rules})
	 * @param endedEarly why the run ended before its checks did, if it did
	 * @param ruleFailed told of a rule that threw (it is ignored for this report)
	 * @return the report, without a vantage point
	 */
	public static DiagnosticReport report(String id, DiagnosisRequest request, Instant started, Duration duration,
			List<CheckResult> checks, List<CauseRule> rules, Optional<String> endedEarly, Consumer<String> ruleFailed) {
		Map<String, CheckResult> byId = new LinkedHashMap<>();
		checks.forEach(c -> byId.put(c.checkId(), c));
		Findings findings = new Findings(request, byId);
		List<Cause> causes = CauseRanking.evaluate(rules, findings, ruleFailed);
		Verdicts.Decision verdict = Verdicts.decide(findings, causes, endedEarly);
		return new DiagnosticReport(id, request, started, duration, verdict.verdict(), causes, List.copyOf(byId.values()),
				verdict.unproven());
	}
}
