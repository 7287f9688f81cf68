package org.mediapath.api.diagnosis;

import java.util.concurrent.CompletionStage;

import org.mediapath.api.report.DiagnosticReport;
import org.osgi.annotation.versioning.ProviderType;

/** A diagnosis in progress. Implemented by the engine. */
@ProviderType
public interface DiagnosisRun {

	/** @return the id the finished report will carry */
	String id();

	/** @return completes with the report; a cancelled run still completes, with what it had */
	CompletionStage<DiagnosticReport> report();

	/** Asks the running checks to stop; the report then completes with their partial results. */
	void cancel();
}
