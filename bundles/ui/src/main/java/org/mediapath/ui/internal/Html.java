package org.mediapath.ui.internal;

import org.owasp.encoder.Encode;

/**
 * Escaping for every value that came from a user or the network, on its way into HTML.
 *
 * <p>The OWASP encoder does the HTML work. On top, {@code $} becomes {@code &#36;}: the Web
 * Console filters a plugin's HTML output and replaces {@code ${name}} with variables and
 * localised strings, so a pasted text or a partner's evidence holding {@code ${...}} would
 * otherwise be rewritten by the console.
 */
final class Html {

	private Html() {
	}

	/** @return the text, safe as HTML element content (null becomes empty) */
	static String text(Object value) {
		if (value == null) {
			return "";
		}
		return Encode.forHtml(String.valueOf(value)).replace("$", "&#36;");
	}

	/** @return the text, safe inside a quoted HTML attribute value (null becomes empty) */
	static String attr(Object value) {
		if (value == null) {
			return "";
		}
		return Encode.forHtml(String.valueOf(value)).replace("$", "&#36;");
	}

	/** @return the text, safe as one component of a URL query */
	static String query(Object value) {
		return value == null ? "" : Encode.forUriComponent(String.valueOf(value));
	}
}
