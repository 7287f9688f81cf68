package org.mediapath.api.browser;

/** How far a browser run got. */
public enum RunState {
	/** The page is testing. */
	RUNNING,
	/** Every port is decided (or the run's deadline passed); the result is final. */
	DONE,
	/** The page went away (closed, offline) before the run was decided; what was seen is kept. */
	ABANDONED
}
