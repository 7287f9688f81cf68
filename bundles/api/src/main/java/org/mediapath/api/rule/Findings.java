package org.mediapath.api.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;

/**
 * What a rule sees: the request and the result of every check that took part, by check id.
 * Accessors read measurements leniently (a partner check may fill a key with another type), so a
 * rule never throws on unexpected data; it just does not see it.
 *
 * @param request what was diagnosed
 * @param results every check's result, by check id
 */
public record Findings(DiagnosisRequest request, Map<String, CheckResult> results) {

	/** @throws NullPointerException if a component is null */
	public Findings {
		Objects.requireNonNull(request, "request");
		results = Map.copyOf(results);
	}

	/**
	 * @param checkId a check id
	 * @return its result, if it took part
	 */
	public Optional<CheckResult> result(String checkId) {
		return Optional.ofNullable(results.get(checkId));
	}

	/**
	 * @param checkId a check id
	 * @param status a status
	 * @return whether the check took part and ended with that status
	 */
	public boolean is(String checkId, CheckStatus status) {
		return result(checkId).map(r -> r.status() == status).orElse(false);
	}

	/**
	 * @param checkId a check id
	 * @param key a measurement key
	 * @return the measurement, if present
	 */
	public Optional<Object> measurement(String checkId, String key) {
		return result(checkId).map(r -> r.measurements().get(key));
	}

	/** @return the measurement as a string, if it is one */
	public Optional<String> string(String checkId, String key) {
		return measurement(checkId, key).filter(String.class::isInstance).map(String.class::cast);
	}

	/** @return the measurement as a boolean, if it is one */
	public Optional<Boolean> bool(String checkId, String key) {
		return measurement(checkId, key).filter(Boolean.class::isInstance).map(Boolean.class::cast);
	}

	/** @return the measurement as a long, if it is a number */
	public Optional<Long> number(String checkId, String key) {
		return measurement(checkId, key).filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
	}

	/** @return the measurement's list of strings (other elements are skipped), empty if absent */
	public List<String> strings(String checkId, String key) {
		List<String> out = new ArrayList<>();
		measurement(checkId, key).filter(List.class::isInstance).ifPresent(list -> {
			for (Object o : (List<?>) list) {
				if (o instanceof String s) {
					out.add(s);
				}
			}
		});
		return out;
	}

	/** @return the measurement's list of maps (other elements are skipped), empty if absent */
	public List<Map<?, ?>> maps(String checkId, String key) {
		List<Map<?, ?>> out = new ArrayList<>();
		measurement(checkId, key).filter(List.class::isInstance).ifPresent(list -> {
			for (Object o : (List<?>) list) {
				if (o instanceof Map<?, ?> m) {
					out.add(m);
				}
			}
		});
		return out;
	}
}
