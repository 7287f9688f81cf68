package org.mediapath.responder.browser;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.InvitationRequest;

/**
 * The links this responder made: unguessable tokens (24 random bytes), each with an expiry and a use
 * count. Kept in memory: a responder restart ends every link (the page then says so), which is the
 * safe side for a credential that travels by e-mail or chat. Bounded: the oldest expired links go first,
 * then the oldest.
 */
final class Invitations {

	/** Links kept at most. */
	static final int MAX_KEPT = 10_000;
	/** How long an expired or used-up link is still listed (its runs stay readable anyway). */
	static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(7);
	private static final SecureRandom RANDOM = new SecureRandom();

	private final Clock clock;
	private final String urlBase;
	private final Map<String, Entry> byToken = new LinkedHashMap<>();

	/** A link and how many uses it has left. */
	private static final class Entry {
		final BrowserInvitation made;
		int usesLeft;

		Entry(BrowserInvitation made) {
			this.made = made;
			this.usesLeft = made.uses();
		}

		BrowserInvitation now() {
			BrowserInvitation m = made;
			return new BrowserInvitation(m.token(), m.url(), m.created(), m.expires(), m.uses(), usesLeft, m.label(), m.policy());
		}
	}

	/**
	 * @param clock the clock expiry is measured on
	 * @param urlBase the link's base as users reach the web port, e.g. {@code http://203.0.113.7:8443}
	 */
	Invitations(Clock clock, String urlBase) {
		this.clock = clock;
		this.urlBase = urlBase.endsWith("/") ? urlBase.substring(0, urlBase.length() - 1) : urlBase;
	}

	synchronized BrowserInvitation create(InvitationRequest request) {
		purge();
		byte[] random = new byte[24];
		RANDOM.nextBytes(random);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Instant now = clock.instant();
		BrowserInvitation made = new BrowserInvitation(token, urlBase + "/browser-test/t/" + token, now,
				now.plus(request.validFor()), request.uses(), request.uses(), request.label(), request.policy());
		byToken.put(token, new Entry(made));
		return made;
	}

	synchronized Admission admission(String token) {
		Entry e = token == null ? null : byToken.get(token);
		if (e == null) {
			return Admission.UNKNOWN;
		}
		if (!clock.instant().isBefore(e.made.expires())) {
			return Admission.EXPIRED;
		}
		return e.usesLeft > 0 ? Admission.VALID : Admission.USED_UP;
	}

	/**
	 * Uses one of the link's uses.
	 *
	 * @return the link as it was made
	 * @throws BrowserTestException when it cannot be used (unknown, expired, used up)
	 */
	synchronized BrowserInvitation use(String token) throws BrowserTestException {
		switch (admission(token)) {
			case UNKNOWN -> throw new BrowserTestException(BrowserTestException.TOKEN_UNKNOWN, 404,
					"This test link is not known to the PBX: check that the whole link was copied, or ask your administrator for a new one.");
			case EXPIRED -> throw new BrowserTestException(BrowserTestException.TOKEN_EXPIRED, 410,
					"This test link has expired: ask your administrator for a new one.");
			case USED_UP -> throw new BrowserTestException(BrowserTestException.TOKEN_USED, 410,
					"This test link has been used already: ask your administrator for a new one.");
			case VALID -> {
				// below
			}
		}
		Entry e = byToken.get(token);
		e.usesLeft--;
		return e.made;
	}

	/** Gives a use back: the run could not start (the responder was busy). */
	synchronized void giveBack(String token) {
		Entry e = byToken.get(token);
		if (e != null && e.usesLeft < e.made.uses()) {
			e.usesLeft++;
		}
	}

	synchronized List<BrowserInvitation> list() {
		purge();
		List<BrowserInvitation> all = new ArrayList<>();
		for (Entry e : byToken.values()) {
			all.add(e.now());
		}
		all.sort(Comparator.comparing(BrowserInvitation::created).reversed());
		return all;
	}

	private void purge() {
		Instant forgetBefore = clock.instant().minus(KEPT_AFTER_EXPIRY);
		byToken.values().removeIf(e -> e.made.expires().isBefore(forgetBefore));
		// Still too many: the first in insertion order is the oldest
		var it = byToken.entrySet().iterator();
		while (byToken.size() >= MAX_KEPT && it.hasNext()) {
			it.next();
			it.remove();
		}
	}
}
