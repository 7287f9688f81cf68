package org.mediapath.responder.browser;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.InvitationRequest;

/**
 * The responder's user's-browser test: what the web port's servlet and the control channel call.
 * Thread-safe. (Skeleton: the lead fills it in; the servlet codes against these signatures.)
 */
public final class BrowserTests implements AutoCloseable {

	/** Whether the page for this token may run (nothing is used up). */
	public Admission admission(String token) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The page starts a run: uses one of the link's uses.
	 *
	 * @param token the link's token
	 * @param pageAddress the address the page's request came from
	 * @param userAgent the User-Agent header ("" if none)
	 */
	public RunStart start(String token, InetAddress pageAddress, String userAgent) throws BrowserTestException {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The page's SDP offer for one port: an ICE agent (controlled) is bound on that port and answers.
	 *
	 * @return the SDP answer
	 */
	public String answer(String runId, String runKey, int port, String offerSdp) throws BrowserTestException {
		throw new UnsupportedOperationException("not yet");
	}

	/** The page's counts: judged with the PBX's own; the reply says whether the run is decided. */
	public RunProgress report(String runId, String runKey, PageReport report) throws BrowserTestException {
		throw new UnsupportedOperationException("not yet");
	}

	/** Control channel: a new link. */
	public BrowserInvitation invite(InvitationRequest request) {
		throw new UnsupportedOperationException("not yet");
	}

	/** Control channel: the runs kept, newest first, optionally of one link. */
	public List<BrowserRun> runs(Optional<String> token) {
		throw new UnsupportedOperationException("not yet");
	}

	/** Control channel: the links kept, newest first. */
	public List<BrowserInvitation> invitations() {
		throw new UnsupportedOperationException("not yet");
	}

	@Override
	public void close() {
	}
}
