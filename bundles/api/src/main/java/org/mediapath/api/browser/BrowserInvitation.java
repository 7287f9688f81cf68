package org.mediapath.api.browser;

import java.time.Instant;
import java.util.Objects;

/**
 * A link a user opens in their browser to test the media path from their PC to the PBX.
 *
 * @param token the unguessable token in the link (also the handle to read the runs made with it)
 * @param url the link to send, on the responder's web port
 * @param created when the responder made it
 * @param expires when it stops working
 * @param uses how many runs it allows
 * @param usesLeft how many are left
 * @param label the administrator's note, may be empty
 * @param policy the VPN policy its runs are judged by
 */
public record BrowserInvitation(String token, String url, Instant created, Instant expires, int uses, int usesLeft,
		String label, BrowserTestPolicy policy) {

	/** @throws NullPointerException if a component is null */
	public BrowserInvitation {
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(created, "created");
		Objects.requireNonNull(expires, "expires");
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(policy, "policy");
	}
}
