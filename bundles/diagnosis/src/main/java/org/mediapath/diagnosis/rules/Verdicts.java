package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Verdict;
import org.mediapath.api.rule.Findings;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/**
 * The one place where a diagnosis is judged conclusive. A report says OK only when media was seen
 * to flow end to end: a full ICE exchange connected, or a responder confirmed both directions. A
 * proven cause makes it FAILED. Everything else is INCONCLUSIVE, with one line saying what was not
 * proven and what would settle it: a tool that says OK when nothing was tested sends the
 * administrator away from a real fault.
 */
public final class Verdicts {

	/**
	 * A verdict and, when INCONCLUSIVE, what was not proven.
	 *
	 * @param verdict the verdict
	 * @param unproven what was not proven and what would settle it; present exactly for INCONCLUSIVE
	 */
	public record Decision(Verdict verdict, Optional<String> unproven) {
	}

	private Verdicts() {
	}

	/**
	 * @param findings every check's result
	 * @param causes the causes the rules proved
	 * @param ended why the run ended early (cancelled, its bound reached), if it did
	 * @return the verdict of the report
	 */
	public static Decision decide(Findings findings, List<Cause> causes, Optional<String> ended) {
		if (!causes.isEmpty()) {
			return new Decision(Verdict.FAILED, Optional.empty());
		}
		List<String> open = new ArrayList<>();
		ended.ifPresent(why -> open.add("the run " + why + " before every check ended: run it again without cancelling"));
		responderProblem(findings).ifPresent(open::add);
		for (CheckResult r : findings.results().values()) {
			if (r.status() == CheckStatus.ERROR || r.status() == CheckStatus.TIMEOUT) {
				if (ended.isEmpty() && !mentioned(open, r)) {
					open.add(r.title() + " " + (r.status() == CheckStatus.TIMEOUT ? "did not finish in time" : "could not run")
							+ " (" + r.summary() + "): run again" + (r.checkId().equals(BuiltInChecks.PEER)
									? " once the peer's responder runs" : ""));
				}
			}
		}
		if (findings.request().peer().isPresent() && !findings.result(BuiltInChecks.PEER)
				.map(r -> r.status().isConclusive()).orElse(false) && open.stream().noneMatch(s -> s.contains("peer"))) {
			open.add("softphone-to-softphone media to the peer " + findings.request().peer().get()
					+ " was not proven: start the responder on the peer");
		}
		// A check that saw media stopped while no rule named a cause: the evidence disagrees, and OK would hide it
		findings.results().values().stream().filter(r -> r.status() == CheckStatus.FAIL).findFirst()
				.ifPresent(r -> open.add(r.title() + " failed (" + r.summary() + ") though no cause could be proven from it:"
						+ " the checks disagree; run again, and look at its evidence"));
		if (!mediaProven(findings)) {
			open.add(findings.request().responder().isEmpty()
					? "media was not proven to flow: without a responder, silence on UDP " + findings.request().serverPorts()
							+ " cannot be told from a drop; run `mediapath responder` on the PBX and diagnose again with --responder"
							+ " and --secret-file"
					: "media was not proven to flow: neither a full ICE exchange nor the responder's checks in both"
							+ " directions got through, and no cause could be proven");
		}
		if (open.isEmpty()) {
			return new Decision(Verdict.OK, Optional.empty());
		}
		return new Decision(Verdict.INCONCLUSIVE, Optional.of(String.join("; ", dedupe(open))));
	}

	/** @return whether media was exercised end to end: ICE connected, or a responder saw both directions pass */
	public static boolean mediaProven(Findings f) {
		if (f.is(BuiltInChecks.ICE, CheckStatus.PASS)) {
			return true;
		}
		boolean cooperative = f.bool(BuiltInChecks.SERVER_UDP, BuiltInChecks.COOPERATIVE).orElse(false);
		return cooperative && f.is(BuiltInChecks.SERVER_UDP, CheckStatus.PASS) && f.is(BuiltInChecks.CLIENT_UDP, CheckStatus.PASS);
	}

	/** A responder that was named but did not take part: said as such, it is what the administrator fixes first. */
	private static Optional<String> responderProblem(Findings f) {
		return f.string(BuiltInChecks.SERVER_UDP, BuiltInChecks.RESPONDER_PROBLEM)
				.map(problem -> problem + ": start `mediapath responder` on the PBX (check --responder and --secret-file)"
						+ " and diagnose again");
	}

	private static boolean mentioned(List<String> open, CheckResult r) {
		return open.stream().anyMatch(s -> s.contains(r.summary()));
	}

	private static List<String> dedupe(List<String> lines) {
		return lines.stream().distinct().toList();
	}
}
