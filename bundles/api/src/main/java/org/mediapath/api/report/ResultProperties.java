package org.mediapath.api.report;

/**
 * Service properties of published results. The latest result of each probe, inspection and
 * check is registered as a service (of the result's record type) carrying these properties, so a
 * consumer can select with a filter such as
 * {@code (&(mediapath.check.id=signalling)(mediapath.status=FAIL))}.
 */
public final class ResultProperties {

	/** The check or probe id ({@code String}); the same key as {@code DiagnosticCheck.CHECK_ID}. */
	public static final String CHECK_ID = "mediapath.check.id";

	/** The target the result is about: a host name, address or {@code HOST:PORT} ({@code String}). */
	public static final String TARGET = "mediapath.target";

	/** The outcome, a {@link CheckStatus} name or the probe's own outcome name ({@code String}). */
	public static final String STATUS = "mediapath.status";

	/** When the result was produced, in epoch milliseconds ({@code Long}). */
	public static final String TIMESTAMP = "mediapath.timestamp";

	private ResultProperties() {
	}
}
