package org.mediapath.api.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfidenceLevelTest {

	@Test
	void theBandsMeetWithoutGapsAndSayTheKindOfEvidence() {
		assertEquals(ConfidenceLevel.PROVEN_BOTH_WAYS, ConfidenceLevel.of(1.0));
		assertEquals(ConfidenceLevel.PROVEN_BOTH_WAYS, ConfidenceLevel.of(0.85));
		assertEquals(ConfidenceLevel.ONE_DIRECTION_SEEN, ConfidenceLevel.of(0.8499));
		assertEquals(ConfidenceLevel.ONE_DIRECTION_SEEN, ConfidenceLevel.of(0.65));
		assertEquals(ConfidenceLevel.INFERRED, ConfidenceLevel.of(0.6));
		assertEquals(ConfidenceLevel.INFERRED, ConfidenceLevel.of(0));
		assertEquals("one direction seen", ConfidenceLevel.ONE_DIRECTION_SEEN.words());
	}
}
