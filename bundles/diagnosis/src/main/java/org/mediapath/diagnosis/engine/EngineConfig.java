package org.mediapath.diagnosis.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the diagnosis engine (PID {@value DiagnosisEngineComponent#PID}). */
@ObjectClassDefinition(name = "mediapath diagnosis engine",
		description = "Time bounds and concurrency of a diagnosis, and whether check results are published as services.")
@interface EngineConfig {

	@AttributeDefinition(name = "Default check timeout (ms)", description = "Timeout of a check that names none (mediapath.check.timeout.millis).")
	long check_timeout_millis() default 15000;

	@AttributeDefinition(name = "Diagnosis bound (ms)", description = "Every diagnosis ends with a report within this bound; checks still running then are TIMEOUT.")
	long run_timeout_millis() default 60000;

	@AttributeDefinition(name = "Concurrent checks", description = "Checks run at once (bounds the engine's threads).")
	int max_concurrent_checks() default 4;

	@AttributeDefinition(name = "Publish results", description = "Register the latest result of each check and target as a service (CheckResult with mediapath.check.id, mediapath.target, mediapath.status, mediapath.timestamp).")
	boolean publish_results() default true;
}
