package org.mediapath.api.report;

import java.util.List;
import java.util.Objects;

/**
 * A named reason why the call's media does not flow, with what supports it and what to change.
 *
 * @param id a cause id, one of {@link CauseIds} or a partner's own
 * @param confidence how sure the rule is, from 0 (a guess) to 1 (seen directly)
 * @param evidence the observations that support the cause; never empty
 * @param remediation what to change, on which side
 */
public record Cause(String id, double confidence, List<Evidence> evidence, Remediation remediation) {

	/**
	 * @throws NullPointerException if a component is null
	 * @throws IllegalArgumentException if confidence is outside [0, 1] or there is no evidence: a
	 *         cause without evidence is exactly the empty "Failed" mediapath exists to avoid
	 */
	public Cause {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(remediation, "remediation");
		evidence = List.copyOf(evidence);
		if (!(confidence >= 0 && confidence <= 1)) {
			throw new IllegalArgumentException("confidence must lie in [0, 1], was " + confidence);
		}
		if (evidence.isEmpty()) {
			throw new IllegalArgumentException("cause " + id + " has no evidence");
		}
	}
}
