package org.mediapath.firewall.parse;

import java.util.List;

/**
 * One command output cut from a paste.
 *
 * @param format its format
 * @param firstLine the paste's line number of its first line, 1-based
 * @param lines its lines
 */
public record Segment(Format format, int firstLine, List<String> lines) {

	public Segment {
		lines = List.copyOf(lines);
	}
}
