package org.mediapath.ui.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The per-session form token every state-changing POST must carry, as the form field
 * {@code mp-csrf} or the header {@code X-Mediapath-CSRF}. Compared in constant time.
 */
final class Csrf {

	static final String SESSION_ATTRIBUTE = "org.mediapath.ui.csrf";
	static final String PARAMETER = "mp-csrf";
	static final String HEADER = "X-Mediapath-CSRF";

	private final SecureRandom random = new SecureRandom();

	/** @return the session's token, created (with the session) on first use */
	String token(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		synchronized (session) {
			Object existing = session.getAttribute(SESSION_ATTRIBUTE);
			if (existing instanceof String s) {
				return s;
			}
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			session.setAttribute(SESSION_ATTRIBUTE, token);
			return token;
		}
	}

	/** @return whether the request carries its session's token; false without a session */
	boolean valid(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return false;
		}
		Object expected = session.getAttribute(SESSION_ATTRIBUTE);
		String given = request.getHeader(HEADER);
		if (given == null || given.isEmpty()) {
			given = request.getParameter(PARAMETER);
		}
		if (!(expected instanceof String e) || given == null || given.isEmpty()) {
			return false;
		}
		return MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
	}
}
