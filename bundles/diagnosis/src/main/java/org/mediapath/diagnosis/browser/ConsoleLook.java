package org.mediapath.diagnosis.browser;

import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.report.DiagnosticReport;

/**
 * What the console itself saw of the same PBX, for a browser run: its own report when there is one,
 * and in plain words where it came from or why there is none.
 *
 * @param report the console's report, if one was found or made
 * @param how "its diagnosis of 00:12:03 (from history)", or why none is used
 */
public record ConsoleLook(Optional<DiagnosticReport> report, String how) {

	/** @throws NullPointerException if a component is null */
	public ConsoleLook {
		Objects.requireNonNull(report, "report");
		Objects.requireNonNull(how, "how");
	}

	/**
	 * @param why why the console's own evidence is not used
	 * @return no report, with the reason
	 */
	public static ConsoleLook none(String why) {
		return new ConsoleLook(Optional.empty(), why);
	}
}
