package org.mediapath.route.parse;

import java.util.List;

/**
 * One command's output found in a paste.
 *
 * @param format what it is
 * @param firstLine its first line's number in the paste, 1-based, for warnings
 * @param lines its lines
 */
public record Segment(Format format, int firstLine, List<String> lines) {

	public Segment {
		lines = List.copyOf(lines);
	}

	public String text() {
		return String.join("\n", lines);
	}
}
