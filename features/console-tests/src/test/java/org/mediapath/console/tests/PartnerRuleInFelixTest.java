package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.api.rule.Findings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * A partner adds a cause through the registry: a check service and a cause rule service, found by
 * the running engine, ranked against the built-in causes, and gone again when unregistered.
 */
@ExtendWith(BundleContextExtension.class)
class PartnerRuleInFelixTest {

	private static final String CHECK = "partner-sbc";
	private static final String CAUSE = "SBC_MEDIA_RELAY_DOWN";

	@InjectBundleContext
	BundleContext context;

	@Test
	void aPartnerRuleAddsItsCauseRanksByWhatItExplainsAndLeavesWithItsService() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		DiagnosticCheck check = c -> new CheckResult(CHECK, "Session border controller", CheckStatus.FAIL,
				"the SBC's media relay does not answer", Map.of("relayUp", false),
				List.of(new Evidence(CHECK, "relay 198.18.7.1 down")), Duration.ofMillis(1));
		CauseRule rule = new CauseRule() {
			@Override
			public List<Cause> evaluate(Findings findings) {
				return findings.is(CHECK, CheckStatus.FAIL)
						? List.of(new Cause(CAUSE, 0.8, List.of(new Evidence(CHECK, "relay 198.18.7.1 down")),
								new Remediation(Side.SERVER, "Restart the SBC's media relay")))
						: List.of();
			}

			@Override
			public Set<String> explains(String causeId) {
				// a relay that is down takes the PBX's signalling with it in this partner's product
				return CAUSE.equals(causeId) ? Set.of("SIGNALLING_BLOCKED") : Set.of();
			}
		};
		Hashtable<String, Object> checkProperties = new Hashtable<>();
		checkProperties.put(DiagnosticCheck.CHECK_ID, CHECK);
		Hashtable<String, Object> ruleProperties = new Hashtable<>();
		ruleProperties.put(CauseRule.RULE_ID, "partner-sbc-rule");
		ServiceRegistration<DiagnosticCheck> checkRegistration = context.registerService(DiagnosticCheck.class, check,
				checkProperties);
		ServiceRegistration<CauseRule> ruleRegistration = context.registerService(CauseRule.class, rule, ruleProperties);
		try {
			DiagnosticReport report = Diagnoses.run(context, null);
			assertThat(report.causes()).extracting(Cause::id).containsExactly(CAUSE, "SIGNALLING_BLOCKED");
			assertThat(report.causes().get(0).remediation().action()).isEqualTo("Restart the SBC's media relay");
		} finally {
			ruleRegistration.unregister();
			checkRegistration.unregister();
		}
		DiagnosticReport after = Diagnoses.run(context, null);
		assertThat(after.causes()).extracting(Cause::id).containsExactly("SIGNALLING_BLOCKED");
		assertThat(after.checks()).extracting(CheckResult::checkId).doesNotContain(CHECK);
	}
}
