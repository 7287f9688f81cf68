package org.mediapath.protocol;

/**
 * A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. Used both to cap
 * what we send (the packet-rate cap that protects a PBX) and what the responder answers to
 * strangers. Not thread-safe on its own; callers that share one synchronize on it.
 */
public final class TokenBucket {

	private final double ratePerNano;
	private final double burst;
	private double tokens;
	private long last;

	/**
	 * @param ratePerSecond tokens added per second (positive)
	 * @param burst the most tokens saved up (at least 1)
	 */
	public TokenBucket(double ratePerSecond, double burst) {
		if (!(ratePerSecond > 0) || burst < 1) {
			throw new IllegalArgumentException("rate must be positive and burst at least 1");
		}
		this.ratePerNano = ratePerSecond / 1e9;
		this.burst = burst;
		this.tokens = burst;
		this.last = System.nanoTime();
	}

	/** @return whether a token was available (and took it) */
	public boolean tryTake() {
		refill();
		if (tokens >= 1) {
			tokens -= 1;
			return true;
		}
		return false;
	}

	/**
	 * Takes a token, sleeping until one is available: the pacing of a sweep.
	 *
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void take() throws InterruptedException {
		while (!tryTake()) {
			long waitNanos = (long) Math.ceil((1 - tokens) / ratePerNano);
			if (waitNanos > 1_000_000) {
				Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
			} else {
				Thread.onSpinWait();
				if (Thread.interrupted()) {
					throw new InterruptedException();
				}
			}
		}
	}

	private void refill() {
		long now = System.nanoTime();
		tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
		last = now;
	}
}
