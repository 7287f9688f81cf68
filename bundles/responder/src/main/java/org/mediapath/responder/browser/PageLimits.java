package org.mediapath.responder.browser;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mediapath.protocol.TokenBucket;

/**
 * Request rates the web port allows: per kind of request, a token bucket per source address and
 * one for all sources together. The per-source map forgets its least recently seen address beyond
 * {@link #MAX_SOURCES}, so a flood from many addresses costs bounded memory while the shared
 * bucket still holds. Behind a reverse proxy every request has the proxy's address; the limits
 * then apply to all users together (no forwarded-for header is trusted: anyone can send one).
 */
final class PageLimits {

	/** The most source addresses remembered. */
	static final int MAX_SOURCES = 4096;

	/** What a request does; each has its own rates. */
	enum Kind {
		/** The page, its script and style, the refusal pages. */
		PAGE,
		/** Starting a run with a link's token (what guessing a token costs). */
		START,
		/** An SDP offer (each binds an ICE agent on the PBX). */
		OFFER,
		/** The page's counts, every few hundred milliseconds. */
		REPORT
	}

	/** Rates of one kind: per source and for all sources, each with its burst. */
	record Rate(double perSourcePerSecond, double perSourceBurst, double allPerSecond, double allBurst) {
	}

	/**
	 * A page loads 3 resources (and a refusal page 2); a user may reload. A start uses a link's use:
	 * 5 at once, then one every 2 s from one address. Offers: one per port (a run tests at most
	 * {@link PageJson#MAX_PAIRS}), so a burst of 64 and 16 a second. Reports: one every few hundred
	 * milliseconds per run.
	 */
	static PageLimits defaults() {
		Map<Kind, Rate> rates = new EnumMap<>(Kind.class);
		rates.put(Kind.PAGE, new Rate(5, 30, 200, 400));
		rates.put(Kind.START, new Rate(0.5, 5, 20, 40));
		rates.put(Kind.OFFER, new Rate(16, 64, 400, 800));
		rates.put(Kind.REPORT, new Rate(20, 40, 400, 800));
		return new PageLimits(rates);
	}

	private final Map<Kind, Rate> rates;
	private final Map<Kind, TokenBucket> all = new EnumMap<>(Kind.class);
	private final Map<String, Map<Kind, TokenBucket>> sources = new LinkedHashMap<>(256, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Map<Kind, TokenBucket>> eldest) {
			return size() > MAX_SOURCES;
		}
	};

	PageLimits(Map<Kind, Rate> rates) {
		this.rates = new EnumMap<>(rates);
		for (Kind kind : Kind.values()) {
			Rate rate = this.rates.get(kind);
			if (rate == null) {
				throw new IllegalArgumentException("no rate for " + kind);
			}
			all.put(kind, new TokenBucket(rate.allPerSecond(), rate.allBurst()));
		}
	}

	/**
	 * Takes one request of a kind from a source.
	 *
	 * @param source the source address as the container gives it (text, never resolved)
	 * @return whether it may be served
	 */
	synchronized boolean allow(Kind kind, String source) {
		Rate rate = rates.get(kind);
		TokenBucket own = sources.computeIfAbsent(source, s -> new EnumMap<>(Kind.class)).computeIfAbsent(kind,
				k -> new TokenBucket(rate.perSourcePerSecond(), rate.perSourceBurst()));
		// the source's own bucket first: one flooding source must not drain the shared one for the others
		return own.tryTake() && all.get(kind).tryTake();
	}

	synchronized int trackedSources() {
		return sources.size();
	}
}
