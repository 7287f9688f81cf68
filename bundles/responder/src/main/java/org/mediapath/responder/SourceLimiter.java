package org.mediapath.responder;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mediapath.protocol.TokenBucket;

/**
 * Rate limits for what the responder sends to strangers: a bucket per source address and one
 * for all of them. The per-source map forgets its least recently seen source beyond a fixed
 * size, so a flood from many spoofed addresses costs bounded memory (and the global bucket still
 * holds).
 */
final class SourceLimiter {

	static final int MAX_SOURCES = 4096;

	private final int perSource;
	private final TokenBucket global;
	private final Map<InetAddress, TokenBucket> sources = new LinkedHashMap<>(256, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
			return size() > MAX_SOURCES;
		}
	};

	SourceLimiter(int perSourcePerSecond, int globalPerSecond) {
		this.perSource = perSourcePerSecond;
		this.global = new TokenBucket(globalPerSecond, globalPerSecond);
	}

	synchronized boolean allow(InetAddress source) {
		TokenBucket bucket = sources.computeIfAbsent(source, s -> new TokenBucket(perSource, perSource));
		return bucket.tryTake() && global.tryTake();
	}

	synchronized int trackedSources() {
		return sources.size();
	}
}
