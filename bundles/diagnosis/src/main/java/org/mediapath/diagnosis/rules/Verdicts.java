package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.browser.PortState;
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
		if (findings.result(BuiltInChecks.BROWSER).isPresent()) {
			return browserRun(findings);
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

	/**
	 * A run in a user's browser with no proven cause: OK only when the run ended and every port it
	 * tested connected (the browser's own ICE proved media both ways); otherwise one line per thing not
	 * proven, saying what would settle it. Silence with no side is never OK and never a guessed side.
	 */
	private static Decision browserRun(Findings f) {
		List<String> open = new ArrayList<>();
		BrowserPorts ports = BrowserPorts.of(f);
		String media = f.string(BuiltInChecks.BROWSER_ICE, BuiltInChecks.MEDIA_ADDRESS).orElse(f.request().server());
		String seen = BrowserMediaRule.seenFrom(f);
		boolean abandoned = f.string(BuiltInChecks.BROWSER, BuiltInChecks.RUN_STATE).filter("ABANDONED"::equals).isPresent();
		if (abandoned) {
			List<Integer> pending = ports.in(PortState.PENDING);
			open.add("the user's page went away (closed, or offline) before the test decided"
					+ (pending.isEmpty() ? "" : " UDP " + BrowserPorts.list(pending))
					+ ": send the link again and ask the user to keep the page open until it says Done");
		}
		List<Integer> silent = ports.in(PortState.SILENT);
		String console = f.result(BuiltInChecks.CONSOLE_MEDIA).map(r -> " (" + lowerFirst(r.summary()) + ")").orElse("");
		if (!silent.isEmpty()) {
			open.add("media from the user's browser (seen from " + seen + ") does not arrive at the PBX: its checks to UDP "
					+ BrowserPorts.list(silent) + " of " + media + " never arrived, and nothing here tells whose side drops them"
					+ console + ". A diagnosis of this PBX from the console with its responder (Run on the mediapath page, or"
					+ " `mediapath diagnose --pbx NAME`) tells the side: if its media passes, the block is on the user's side,"
					+ " otherwise on the server's; then send the user a new link (the report of a run is made once)");
		}
		List<Integer> oneWay = ports.in(PortState.ONE_WAY);
		if (!oneWay.isEmpty()) {
			open.add("one way only on UDP " + BrowserPorts.list(oneWay) + " of " + media + ": the browser's checks arrived at"
					+ " the PBX and were answered, but no answer reached the browser (seen from " + seen + "), so either the PBX's"
					+ " outbound or the user's inbound drops them" + (silent.isEmpty() ? console : "")
					+ "; a diagnosis from the console with the responder (its server-to-client direction) tells which");
		}
		List<Integer> noChecks = ports.in(PortState.NO_CHECKS);
		if (!noChecks.isEmpty()) {
			open.add("the browser sent no ICE check to UDP " + BrowserPorts.list(noChecks) + ": its WebRTC did not start there"
					+ " (a browser policy or an extension that blocks WebRTC, or the page was closed at once); open the link in"
					+ " another browser");
		}
		List<Integer> pending = ports.in(PortState.PENDING);
		if (!abandoned && !pending.isEmpty()) {
			open.add("UDP " + BrowserPorts.list(pending) + " was not decided when the run ended: send the link again");
		}
		if (!ports.all().isEmpty() && ports.tried().isEmpty()) {
			open.add("no sampled port could be tested: other programs on the PBX hold UDP "
					+ BrowserPorts.list(ports.in(PortState.NOT_TRIED)) + "; send a new link (other ports are sampled)");
		}
		if (open.isEmpty() && !mediaProven(f)) {
			open.add("media from the user's browser was not proven to flow: the run tested no port");
		}
		return open.isEmpty() ? new Decision(Verdict.OK, Optional.empty())
				: new Decision(Verdict.INCONCLUSIVE, Optional.of(String.join("; ", dedupe(open))));
	}

	private static String lowerFirst(String s) {
		return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
	}

	/**
	 * @return whether media was exercised end to end: ICE connected, a responder saw both directions
	 *         pass, or a run in a user's browser ended with every port it tested connected
	 */
	public static boolean mediaProven(Findings f) {
		if (f.is(BuiltInChecks.ICE, CheckStatus.PASS)) {
			return true;
		}
		if (f.is(BuiltInChecks.BROWSER_ICE, CheckStatus.PASS)
				&& f.string(BuiltInChecks.BROWSER, BuiltInChecks.RUN_STATE).filter("DONE"::equals).isPresent()) {
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
