package org.mediapath.route.parse;

/** Small helpers shared by the parsers: warnings must quote the line without flooding the report. */
final class Lines {

	private Lines() {
	}

	static String quote(String line) {
		String stripped = line.strip();
		StringBuilder shown = new StringBuilder();
		for (int i = 0; i < stripped.length() && shown.length() < 60; i++) {
			char c = stripped.charAt(i);
			shown.append(Character.isISOControl(c) ? '?' : c);
		}
		return "'" + shown + (stripped.length() > 60 ? "...'" : "'");
	}

	static String[] tokens(String line) {
		String stripped = line.strip();
		return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
	}

	static int parseInt(String text, int fallback) {
		try {
			long value = Long.parseLong(text);
			return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
		} catch (NumberFormatException e) {
			return fallback;
		}
	}
}
