package org.mediapath.check.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VoiceStatsTest {

	@Test
	void lossIsTheLostShareInPercent() {
		assertEquals(0.0, VoiceStats.lossPercent(150, 150));
		assertEquals(2.0, VoiceStats.lossPercent(150, 147), 1e-9);
		assertEquals(100.0, VoiceStats.lossPercent(150, 0));
		assertThrows(IllegalArgumentException.class, () -> VoiceStats.lossPercent(0, 0));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VoiceStats.lossPercent(10, 11));
		assertTrue(e.getMessage().startsWith("arrived"), e.getMessage());
	}

	@Test
	void medianOfOddAndEvenCountsIgnoresOrder() {
		assertEquals(3.0, VoiceStats.median(List.of(9.0, 1.0, 3.0)));
		assertEquals(2.5, VoiceStats.median(List.of(4.0, 1.0, 2.0, 3.0)));
		assertEquals(7.0, VoiceStats.median(List.of(7.0)));
		assertThrows(IllegalArgumentException.class, () -> VoiceStats.median(List.of()));
	}

	@Test
	void jitterIsTheMeanVariationBetweenConsecutiveSamples() {
		assertEquals(0.0, VoiceStats.jitter(List.of(20.0, 20.0, 20.0)));
		// |30-10| + |10-30| + |30-10| = 60 over 3 differences
		assertEquals(20.0, VoiceStats.jitter(List.of(10.0, 30.0, 10.0, 30.0)), 1e-9);
		// a steady drift is variation too: 1 ms per packet
		assertEquals(1.0, VoiceStats.jitter(List.of(1.0, 2.0, 3.0, 4.0)), 1e-9);
		assertThrows(IllegalArgumentException.class, () -> VoiceStats.jitter(List.of(1.0)));
	}

	@Test
	void rfc3550EstimatorConvergesToTheMeanVariation() {
		List<Double> alternating = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			alternating.add(i % 2 == 0 ? 10.0 : 30.0);
		}
		assertEquals(20.0, VoiceStats.rfc3550Jitter(alternating), 0.01);
		assertEquals(VoiceStats.jitter(alternating), VoiceStats.rfc3550Jitter(alternating), 0.01);
		// one step: J = |D| / 16
		assertEquals(1.0, VoiceStats.rfc3550Jitter(List.of(0.0, 16.0)), 1e-9);
	}

	@Test
	void thresholdsWarnOnlyStrictlyAboveAndNameWhatIsWrong() {
		VoiceStats.Thresholds voice = new VoiceStats.Thresholds(1.0, 30.0, 300.0);
		assertEquals(List.of(), voice.exceeded(1.0, 30.0, 300.0));
		assertEquals(List.of(), voice.exceeded(0.0, Double.NaN, Double.NaN));
		List<String> all = voice.exceeded(1.5, 31.0, 301.0);
		assertEquals(3, all.size());
		assertTrue(all.get(0).startsWith("packet loss 1.5 %"), all.get(0));
		assertTrue(all.get(1).startsWith("jitter 31.0 ms"), all.get(1));
		assertTrue(all.get(2).startsWith("round-trip time 301.0 ms"), all.get(2));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new VoiceStats.Thresholds(1, -1, 300));
		assertTrue(e.getMessage().startsWith("warn.jitter.millis"), e.getMessage());
	}

	@Test
	void roundsToTwoDecimals() {
		assertEquals(1.23, VoiceStats.round2(1.234));
		assertEquals(1.24, VoiceStats.round2(1.235001));
	}
}
