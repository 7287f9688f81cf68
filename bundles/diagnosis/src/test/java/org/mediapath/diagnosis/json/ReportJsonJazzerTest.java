package org.mediapath.diagnosis.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.mediapath.api.report.DiagnosticReport;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link ReportJson#read}, which the report store runs on every
 * file in its directory: a file cut short by a crash or damaged on disk must be refused the way the
 * Javadoc says, with an {@link IllegalArgumentException} carrying a message (the store logs it and
 * skips the file), never another exception or an error. A document that does read must be a report
 * that {@link ReportJson#write} writes and {@code read} reads back equal, in the same bytes again:
 * the store rewrites what it read, and history compares reports.
 *
 * <p>The golden reports are the seeds (ReportJsonJazzerTestInputs), so mutation starts from real
 * documents. Runs in the normal test phase for a bounded time ({@code JAZZER_FUZZ=1} is set by this
 * module's surefire configuration).
 */
class ReportJsonJazzerTest {

	/**
	 * {@code @Timeout} becomes libFuzzer's per-input timeout, so a hang fails; JUnit applies it to the
	 * whole bounded run too, so it must exceed maxDuration.
	 */
	@FuzzTest(maxDuration = "10s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void storedReportReadsBackOrIsRefused(byte[] file) {
		String json = new String(file, StandardCharsets.UTF_8);
		DiagnosticReport report;
		try {
			report = ReportJson.read(json);
		} catch (IllegalArgumentException refused) {
			assertNotNull(refused.getMessage(), "the store logs the reason");
			assertFalse(refused.getMessage().isBlank(), "the store logs the reason");
			return;
		} catch (RuntimeException | StackOverflowError e) {
			throw new AssertionError("read threw " + e + " instead of IllegalArgumentException on " + json, e);
		}
		String written = ReportJson.write(report);
		DiagnosticReport again;
		try {
			again = ReportJson.read(written);
		} catch (IllegalArgumentException e) {
			throw new AssertionError("a report that read cannot be read back once written: " + e.getMessage()
					+ "\nread from: " + json + "\nwritten: " + written, e);
		}
		assertEquals(report, again, () -> "read from: " + json + "\nwritten: " + written);
		assertEquals(written, ReportJson.write(again), "the same report gives the same bytes");
	}
}
