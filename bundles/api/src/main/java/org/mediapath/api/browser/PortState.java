package org.mediapath.api.browser;

/** What one media port of the PBX saw of the browser's ICE checks, judged with both sides' counts. */
public enum PortState {
	/** The browser's checks arrived and the PBX's answers came back: media would flow on this port. */
	CONNECTED,
	/** The browser's checks arrived at the PBX and were answered, but no answer reached the browser. */
	ONE_WAY,
	/** The browser sent checks and none arrived at the PBX. */
	SILENT,
	/** The browser sent no check to this port (its ICE agent never started on it). */
	NO_CHECKS,
	/** The PBX could not offer this port: another program (the PBX itself) holds it. Not a block. */
	NOT_TRIED,
	/** Not decided yet (the run is still going). */
	PENDING
}
