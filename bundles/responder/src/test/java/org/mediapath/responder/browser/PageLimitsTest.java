package org.mediapath.responder.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediapath.responder.browser.PageLimits.Kind;
import org.mediapath.responder.browser.PageLimits.Rate;

/** The web port's request rates: per source, for all sources, and the memory they cost. */
class PageLimitsTest {

	@Test
	void aSourceGetsItsBurstThenWaitsWhileAnotherSourceIsServed() {
		PageLimits limits = PageLimits.defaults();
		int served = 0;
		for (int i = 0; i < 50; i++) {
			served += limits.allow(Kind.START, "192.0.2.1") ? 1 : 0;
		}
		assertEquals(5, served, "5 starts at once from one address (a slow refill of one every 2 s)");
		assertTrue(limits.allow(Kind.START, "192.0.2.2"), "another address is served");
		assertTrue(limits.allow(Kind.OFFER, "192.0.2.1"), "each kind has its own bucket");
	}

	@Test
	void allSourcesTogetherAreBoundedToo() {
		Map<Kind, Rate> rates = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			rates.put(kind, new Rate(0.001, 2, 0.001, 10));
		}
		PageLimits limits = new PageLimits(rates);
		int served = 0;
		for (int source = 0; source < 100; source++) {
			served += limits.allow(Kind.PAGE, "198.18.0." + source) ? 1 : 0;
		}
		assertEquals(10, served, "the shared bucket holds whatever the number of addresses");
	}

	@Test
	void aFloodFromManyAddressesCostsBoundedMemory() {
		PageLimits limits = PageLimits.defaults();
		for (int i = 0; i < 3 * PageLimits.MAX_SOURCES; i++) {
			limits.allow(Kind.START, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
		}
		assertEquals(PageLimits.MAX_SOURCES, limits.trackedSources());
	}

	@Test
	void everyKindNeedsARate() {
		Map<Kind, Rate> rates = new EnumMap<>(Kind.class);
		rates.put(Kind.PAGE, new Rate(1, 1, 1, 1));
		try {
			new PageLimits(rates);
			throw new AssertionError("accepted rates without START");
		} catch (IllegalArgumentException expected) {
			assertFalse(expected.getMessage().isEmpty());
		}
	}
}
