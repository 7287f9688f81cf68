package org.mediapath.api.net;

import java.util.Locale;

/**
 * SHA-256 certificate fingerprints as users type and read them: 32 bytes in hex, with or without
 * colons between the bytes, in either case ({@code openssl x509 -noout -fingerprint -sha256} prints
 * the colon form). The canonical form is upper case with colons.
 */
public final class Fingerprints {

	/** Bytes in a SHA-256 fingerprint. */
	public static final int SHA256_BYTES = 32;

	private Fingerprints() {
	}

	/**
	 * @param text the text
	 * @return whether it is a SHA-256 fingerprint in one of the accepted forms
	 */
	public static boolean isValid(String text) {
		if (text == null) {
			return false;
		}
		String hex = text.strip().replace(":", "");
		if (hex.length() != 2 * SHA256_BYTES || !hex.chars().allMatch(Fingerprints::isAsciiHexDigit)) {
			return false;
		}
		String stripped = text.strip();
		// colons, if any, stand between every pair of digits
		return stripped.indexOf(':') < 0 || stripped.length() == 3 * SHA256_BYTES - 1
				&& java.util.stream.IntStream.range(0, SHA256_BYTES - 1).allMatch(i -> stripped.charAt(3 * i + 2) == ':');
	}

	/**
	 * @param field the option or form field the text came from
	 * @param text the text
	 * @return the fingerprint in canonical form (upper case, colons between bytes)
	 * @throws IllegalArgumentException naming the field, if the text is no SHA-256 fingerprint
	 */
	public static String requireValid(String field, String text) {
		if (!isValid(text)) {
			String shown = text == null ? "" : text.length() > 100 ? text.substring(0, 100) + "..." : text;
			throw new IllegalArgumentException(field + ": '" + shown.replaceAll("\\p{Cntrl}", "?")
					+ "' is not a SHA-256 certificate fingerprint (64 hex digits, colons between the bytes allowed)");
		}
		return format(parseHex(text.strip().replace(":", "")));
	}

	/**
	 * @param sha256 the 32 bytes of a SHA-256 digest
	 * @return the canonical form
	 */
	public static String format(byte[] sha256) {
		if (sha256.length != SHA256_BYTES) {
			throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes, not " + sha256.length);
		}
		StringBuilder text = new StringBuilder(3 * SHA256_BYTES);
		for (byte b : sha256) {
			if (text.length() > 0) {
				text.append(':');
			}
			text.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
		}
		return text.toString();
	}

	/**
	 * @param canonical a fingerprint in canonical (or any accepted) form
	 * @return its 32 bytes
	 * @throws IllegalArgumentException if the text is no SHA-256 fingerprint
	 */
	public static byte[] bytes(String canonical) {
		return parseHex(requireValid("fingerprint", canonical).replace(":", ""));
	}

	private static byte[] parseHex(String hex) {
		byte[] bytes = new byte[hex.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
		}
		return bytes;
	}

	private static boolean isAsciiHexDigit(int c) {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
	}
}
