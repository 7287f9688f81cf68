package org.mediapath.api.browser;

import java.time.Duration;
import java.util.Objects;

/**
 * What the administrator asks for when creating a link.
 *
 * @param uses how many runs the link allows (1 for one user; more for a campaign), 1-1000
 * @param validFor how long the link works, 1 minute to 30 days
 * @param label a note shown with the runs ("ticket 4711, Anna"), at most 200 characters, may be empty
 * @param policy the VPN policy the runs are judged by
 */
public record InvitationRequest(int uses, Duration validFor, String label, BrowserTestPolicy policy) {

	/** One use. */
	public static final int DEFAULT_USES = 1;
	/** The most uses one link may have. */
	public static final int MAX_USES = 1000;
	/** A day. */
	public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
	/** The longest a link may be valid. */
	public static final Duration MAX_VALIDITY = Duration.ofDays(30);
	/** The longest label. */
	public static final int MAX_LABEL = 200;

	/** @throws IllegalArgumentException naming the field that is out of bounds */
	public InvitationRequest {
		if (uses < 1 || uses > MAX_USES) {
			throw new IllegalArgumentException("uses: " + uses + " is outside 1-" + MAX_USES);
		}
		Objects.requireNonNull(validFor, "validFor");
		if (validFor.compareTo(Duration.ofMinutes(1)) < 0 || validFor.compareTo(MAX_VALIDITY) > 0) {
			throw new IllegalArgumentException("expires: " + validFor + " is outside 1 minute to 30 days");
		}
		Objects.requireNonNull(label, "label");
		if (label.length() > MAX_LABEL) {
			throw new IllegalArgumentException("label: longer than " + MAX_LABEL + " characters");
		}
		if (label.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("label: holds a control character");
		}
		Objects.requireNonNull(policy, "policy");
	}

	/** @return one use, valid for a day, no label, no policy */
	public static InvitationRequest defaults() {
		return new InvitationRequest(DEFAULT_USES, DEFAULT_VALIDITY, "", BrowserTestPolicy.NONE);
	}
}
