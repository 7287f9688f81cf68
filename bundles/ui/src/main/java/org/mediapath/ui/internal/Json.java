package org.mediapath.ui.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal JSON writer for the page's endpoints: maps, lists, strings, numbers, booleans.
 *
 * <p>{@code <}, {@code >}, {@code &}, {@code '} and {@code $} are written as {@code \\u} escapes,
 * so a document can sit inside a {@code <script type="application/json">} element of the page and
 * survives the Web Console's {@code ${...}} output filter unchanged.
 */
final class Json {

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, true);
		return out.toString();
	}

	/** @return a measurement value as readable text: strings as they are, the rest as plain JSON (to be HTML-escaped by the caller) */
	static String plain(Object value) {
		if (value instanceof String s) {
			return s;
		}
		StringBuilder out = new StringBuilder();
		write(out, value, false);
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private static void write(StringBuilder out, Object value, boolean safe) {
		if (value instanceof Optional<?> optional) {
			value = optional.orElse(null);
		}
		if (value == null) {
			out.append("null");
		} else if (value instanceof Boolean) {
			out.append(value);
		} else if (value instanceof Double d) {
			out.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
		} else if (value instanceof Float f) {
			out.append(f.isNaN() || f.isInfinite() ? "null" : f.toString());
		} else if (value instanceof Number) {
			out.append(value);
		} else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : map.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(out, String.valueOf(e.getKey()), safe);
				out.append(':');
				write(out, e.getValue(), safe);
			}
			out.append('}');
		} else if (value instanceof Collection<?> list) {
			out.append('[');
			boolean first = true;
			for (Object o : list) {
				if (!first) {
					out.append(',');
				}
				first = false;
				write(out, o, safe);
			}
			out.append(']');
		} else if (value instanceof Object[] array) {
			write(out, java.util.Arrays.asList(array), safe);
		} else {
			string(out, String.valueOf(value), safe);
		}
	}

	private static void string(StringBuilder out, String s, boolean safe) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> {
				if (c < 0x20 || safe && (c == '<' || c == '>' || c == '&' || c == '\'' || c == '$' || c == 0x2028
						|| c == 0x2029)) {
					out.append(String.format("\\u%04x", (int) c));
				} else {
					out.append(c);
				}
			}
			}
		}
		out.append('"');
	}
}
