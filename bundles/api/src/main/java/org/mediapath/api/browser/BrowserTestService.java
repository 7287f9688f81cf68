package org.mediapath.api.browser;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.report.DiagnosisRequest;

/**
 * The console's side of the user's-browser test: talks to a PBX's responder over its authenticated
 * TLS control channel (the request's responder, secret file and certificate fingerprint).
 */
public interface BrowserTestService {

	/**
	 * Asks the PBX's responder for a new link.
	 *
	 * @param pbx the PBX: its responder, secret file and fingerprint are used
	 * @param request uses, validity, label, policy
	 * @return the invitation
	 * @throws IOException when the responder cannot be reached or refuses (the message says why, e.g.
	 *         that its web port is not enabled)
	 * @throws IllegalArgumentException when the request names no responder or secret file
	 */
	BrowserInvitation invite(DiagnosisRequest pbx, InvitationRequest request) throws IOException;

	/**
	 * Reads the runs the responder keeps, newest first.
	 *
	 * @param pbx the PBX
	 * @param token only the runs of this invitation, or all that the responder keeps
	 * @return the runs, running ones included (their state says so)
	 * @throws IOException when the responder cannot be reached or refuses
	 */
	List<BrowserRun> runs(DiagnosisRequest pbx, Optional<String> token) throws IOException;

	/**
	 * Reads the invitations the responder keeps (expired ones are dropped after a while).
	 *
	 * @param pbx the PBX
	 * @return the invitations, newest first
	 * @throws IOException when the responder cannot be reached or refuses
	 */
	List<BrowserInvitation> invitations(DiagnosisRequest pbx) throws IOException;
}
