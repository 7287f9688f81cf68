package org.mediapath.diagnosis.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.DiagnosticReport;

/** Damaged report files that read must still read back equal once written (see ReportJsonJazzerTest). */
class ReportJsonMalformedTest {

	/**
	 * A measurement number beyond double range was read as Infinity, which write() stores as the
	 * string "Infinity": the report read back differed from the one read. Found while writing
	 * ReportJsonJazzerTest (its round-trip assertion; the input below is the reduced case).
	 */
	@Test
	void aNumberBeyondDoubleReadsBackAsItWasRead() throws IOException {
		String golden = Files.readString(Path.of("src/test/resources/golden/report-ok.json"));
		String damaged = golden.replace("\"ports\": \"2230\"", "\"ports\": 1e400");
		DiagnosticReport report = ReportJson.read(damaged);
		assertEquals(report, ReportJson.read(ReportJson.write(report)));
		assertEquals("1e400", report.checks().get(0).measurements().get("ports"), "kept as the text it was");
	}

	/** A refusal names the field that is wrong, whatever kind of damage it is. */
	@Test
	void damagedFieldsAreNamedInTheRefusal() throws IOException {
		String golden = Files.readString(Path.of("src/test/resources/golden/report-failed.json"));
		assertRefused(golden.replace("\"verdict\": \"FAILED\"", "\"verdict\": \"MAYBE\""), "'verdict' is 'MAYBE', not one of");
		assertRefused(golden.replace("\"durationMillis\": 1234", "\"durationMillis\": 12.5"),
				"'durationMillis' is not a whole number: 12.5");
		assertRefused(golden.replace("\"confidence\": 0.9", "\"confidence\": \"high\""),
				"'confidence' is missing or not a number");
	}

	private static void assertRefused(String damaged, String expected) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportJson.read(damaged));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}
}
