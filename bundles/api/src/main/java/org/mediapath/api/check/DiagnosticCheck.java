package org.mediapath.api.check;

import org.mediapath.api.report.CheckResult;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One check that the diagnosis engine runs against the path to a server. Implemented by partner
 * bundles (a consumer type: adding a method here is a major change).
 *
 * <p>Promise expected of an implementation: it returns within the time it is given, honours
 * {@link CheckContext#isCancelled()}, sends traffic only to the addresses of the request, and
 * reports what it saw in a {@link CheckResult} rather than by throwing. The engine still guards
 * against checks that throw or hang: they become ERROR or TIMEOUT results.
 */
@ConsumerType
public interface DiagnosticCheck {

	/** Service property: the check's id, unique among checks ({@code String}, required). */
	String CHECK_ID = "mediapath.check.id";

	/** Service property: the check's short human title ({@code String}, defaults to the id). */
	String CHECK_TITLE = "mediapath.check.title";

	/** Service property: the check's timeout in milliseconds ({@code Long}, optional; the engine has a default). */
	String CHECK_TIMEOUT_MILLIS = "mediapath.check.timeout.millis";

	/**
	 * Service property: ids of checks that must finish before this one starts ({@code String} or
	 * {@code String[]}, optional); when one of them ends FAIL, this check is SKIPPED, because its
	 * result would say nothing a real call could use (signalling blocked hides media results).
	 * Ids of checks that do not run are ignored. The built-in ids are {@code signalling},
	 * {@code server-udp}, {@code client-udp}, {@code ice}, {@code route} and {@code peer}.
	 *
	 * @since 1.1
	 */
	String CHECK_REQUIRES = "mediapath.check.requires";

	/**
	 * Service property: ids of checks that must finish before this one starts, whatever their
	 * outcome ({@code String} or {@code String[]}, optional): for a check whose traffic would disturb
	 * theirs, or be disturbed by it. Ids of checks that do not run are ignored.
	 *
	 * @since 1.1
	 */
	String CHECK_AFTER = "mediapath.check.after";

	/**
	 * Runs the check once.
	 *
	 * @param context the request, the time left, progress reporting and cancellation
	 * @return the result; its {@code checkId} must equal this service's {@link #CHECK_ID}
	 * @throws Exception if the check cannot run; the engine turns it into an ERROR result
	 */
	CheckResult run(CheckContext context) throws Exception;
}
