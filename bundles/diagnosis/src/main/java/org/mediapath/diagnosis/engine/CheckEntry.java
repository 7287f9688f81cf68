package org.mediapath.diagnosis.engine;

import java.util.List;
import java.util.Objects;

import org.mediapath.api.check.DiagnosticCheck;

/**
 * A registered check as the engine sees it: the service and what its properties say.
 *
 * @param id its {@code mediapath.check.id}
 * @param title its title (the id when none is given)
 * @param timeoutMillis its own timeout, or 0 for the engine's default
 * @param requires checks that must not FAIL for it to run
 * @param after checks that must finish before it starts
 * @param serviceId the service id, identifying this registration while it lives
 * @param check the service
 */
public record CheckEntry(String id, String title, long timeoutMillis, List<String> requires, List<String> after,
		long serviceId, DiagnosticCheck check) {

	/** @throws NullPointerException if a component is null */
	public CheckEntry {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(check, "check");
		requires = List.copyOf(requires);
		after = List.copyOf(after);
	}
}
