package org.mediapath.diagnosis.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the report store (PID {@value ReportStoreComponent#PID}). */
@ObjectClassDefinition(name = "mediapath report store",
		description = "Where diagnostic reports are kept as JSON files, and for how long.")
@interface ReportStoreConfig {

	@AttributeDefinition(name = "Directory", description = "Directory of the report files. Empty: the bundle's own data area (kept across restarts).")
	String directory() default "";

	@AttributeDefinition(name = "Maximum reports", description = "How many reports are kept at most; the oldest go first.")
	int retention_max_reports() default 500;

	@AttributeDefinition(name = "Maximum age (days)", description = "Reports older than this are deleted.")
	int retention_max_age_days() default 90;
}
