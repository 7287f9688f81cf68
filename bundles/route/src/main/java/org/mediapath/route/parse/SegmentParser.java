package org.mediapath.route.parse;

import org.mediapath.route.model.Capture;

/** Reads one command's output into a capture; anything it cannot understand becomes a warning. */
public interface SegmentParser {

	/**
	 * @param segment the output
	 * @param capture where interfaces, routes and warnings go
	 */
	void parse(Segment segment, Capture capture);
}
