package org.mediapath.ui.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The page's words, from {@code OSGI-INF/l10n/bundle.properties} (the bundle's localization, so a
 * fragment can add a language). Texts are resolved here rather than left to the Web Console's
 * {@code ${...}} filter so that the JSON endpoints, the Gogo commands and the unit tests see the
 * same words.
 */
final class Texts {

	static final String BASE_NAME = "OSGI-INF.l10n.bundle";

	private final ResourceBundle bundle;
	private final Locale locale;

	private Texts(ResourceBundle bundle, Locale locale) {
		this.bundle = bundle;
		this.locale = locale;
	}

	static Texts of(Locale locale) {
		Locale l = locale == null ? Locale.ENGLISH : locale;
		ResourceBundle b = ResourceBundle.getBundle(BASE_NAME, l, Texts.class.getClassLoader(),
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		return new Texts(b, l);
	}

	/** @return the text for the key, formatted with the arguments; the key itself if missing */
	String get(String key, Object... args) {
		String pattern;
		try {
			pattern = bundle.getString(key);
		} catch (MissingResourceException e) {
			return key;
		}
		return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
	}

	/** @return the text for the key, or the fallback when the bundle has none */
	String getOr(String key, String fallback) {
		return bundle.containsKey(key) ? bundle.getString(key) : fallback;
	}

	/** @return the keys that start with the prefix, sorted */
	java.util.List<String> keys(String prefix) {
		return bundle.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
	}

	boolean has(String key) {
		return bundle.containsKey(key);
	}
}
