package org.mediapath.diagnosis.browser;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the reports of runs in a user's browser (PID {@value BrowserRunDiagnosisComponent#PID}). */
@ObjectClassDefinition(name = "mediapath browser-run reports",
		description = "How a run in a user's browser finds the console's own evidence of the server's side.")
@interface BrowserDiagnosisConfig {

	@AttributeDefinition(name = "Console evidence window (minutes)", description = "A diagnosis of the same PBX from the"
			+ " console (not from a browser) that started this close to the run tells the server's side; without one, a"
			+ " diagnosis is made now when the PBX names a responder and the run is no older than this.")
	long console_evidence_window_minutes() default 15;

	@AttributeDefinition(name = "Console diagnosis timeout (s)", description = "How long the diagnosis made for a report may take.")
	long console_diagnosis_timeout_seconds() default 90;
}
