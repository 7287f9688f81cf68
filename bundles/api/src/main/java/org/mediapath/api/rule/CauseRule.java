package org.mediapath.api.rule;

import java.util.List;
import java.util.Set;

import org.mediapath.api.report.Cause;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns the check results of one diagnosis into causes. Implemented by the built-in rules and by
 * partner bundles (register it as a service; the engine applies every registered rule).
 *
 * <p>Promise expected of an implementation: it is a pure function of the findings (no I/O, no
 * waiting), returns quickly, and yields a cause only when a real call's media would fail; a finding
 * that would not stop media belongs in a check's WARN status, not in a cause. A rule that throws
 * is ignored for that report and named in the engine's log.
 */
@ConsumerType
public interface CauseRule {

	/** Service property: the rule's id, for logs ({@code String}, optional). */
	String RULE_ID = "mediapath.rule.id";

	/**
	 * @param findings the request and every check's result
	 * @return the causes this rule sees, possibly none
	 */
	List<Cause> evaluate(Findings findings);

	/**
	 * Which other causes a cause of this rule explains: the explaining cause ranks first, because
	 * fixing it may make the other go away (a VPN that is down explains blocked signalling).
	 *
	 * @param causeId a cause id this rule produced
	 * @return the ids it explains
	 */
	default Set<String> explains(String causeId) {
		return Set.of();
	}
}
