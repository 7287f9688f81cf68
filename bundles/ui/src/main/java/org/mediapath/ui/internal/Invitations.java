package org.mediapath.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.browser.BrowserInvitation;

/**
 * What the page remembers of the browser tests it started: the links made here (newest last, at
 * most {@link #MAX_INVITATIONS}) with the PBX each belongs to, and the report made of each
 * finished run, so that a poll does not ask the diagnosis again for a run it has reported.
 * In memory only: after a restart the page asks the responder for the link again
 * ({@code BrowserTestService.invitations}) and the diagnosis returns the stored report of a run.
 */
final class Invitations {

	static final int MAX_INVITATIONS = 50;
	static final int MAX_REPORTS = 2000;

	/** A link made here and the PBX (by name) whose responder serves it. */
	record Made(String pbx, BrowserInvitation invitation) {
	}

	private final Map<String, Made> byToken = new LinkedHashMap<>(16, 0.75f, false) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Made> eldest) {
			return size() > MAX_INVITATIONS;
		}
	};
	/** The report of a finished run: its id and verdict. */
	record Reported(String reportId, String verdict) {
	}

	private final Map<String, Reported> reports = new LinkedHashMap<>(16, 0.75f, false) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Reported> eldest) {
			return size() > MAX_REPORTS;
		}
	};

	synchronized void remember(String pbx, BrowserInvitation invitation) {
		byToken.remove(invitation.token());
		byToken.put(invitation.token(), new Made(pbx, invitation));
	}

	synchronized Optional<Made> get(String token) {
		return Optional.ofNullable(byToken.get(token));
	}

	/** @return the links made here, newest first */
	synchronized List<Made> recent() {
		List<Made> out = new ArrayList<>(byToken.values());
		java.util.Collections.reverse(out);
		return out;
	}

	/** @return the report made of a run of a PBX, if this page made it */
	synchronized Optional<Reported> reportOf(String pbx, String runId) {
		return Optional.ofNullable(reports.get(pbx + "\n" + runId));
	}

	synchronized void reported(String pbx, String runId, Reported report) {
		reports.put(pbx + "\n" + runId, report);
	}
}
