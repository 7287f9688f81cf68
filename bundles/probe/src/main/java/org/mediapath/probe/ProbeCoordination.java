package org.mediapath.probe;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.SweepMode;

/**
 * Keeps the full ICE probe and the cooperative UDP sweeps of one probe service off each other's
 * ports, so that the diagnosis can run them at the same time. A sampled sweep visits a known,
 * deterministic set of ports on both sides ({@link PortSelection#select}); the ICE agents bind ports
 * outside that set first (client side here, server side through the ports the probe asks the
 * responder's agent to use). A sweep that leaves no port outside its set (a full sweep, or a range
 * no larger than the sample) excludes ICE probes for its duration: they wait for each other, as
 * they did when the engine ran them one after the other.
 */
final class ProbeCoordination {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

	/**
	 * @return the lock a cooperative sweep over these ranges must hold, or null when its ports leave
	 *         room for an ICE agent on both sides
	 */
	Lock forSweep(PortRange server, PortRange client, SweepMode mode, int sampleSize) {
		boolean exclusive = mode == SweepMode.FULL || server.size() <= sampleSize || client.size() <= sampleSize;
		return exclusive ? lock.writeLock() : null;
	}

	/** @return the lock a sweep holds to probe ports an ICE agent may be using (the ports between samples) */
	Lock exclusive() {
		return lock.writeLock();
	}

		/** @return whether an ICE probe runs now (it holds its shared lock) */
	boolean iceRunning() {
		return lock.getReadLockCount() > 0;
	}

		/** @return the lock an ICE probe holds while it runs (shared among ICE probes) */
	Lock forIce() {
		return lock.readLock();
	}

	/** A probe's work, run while it holds its lock. */
	@FunctionalInterface
	interface Work<T> {
		T run() throws IOException, InterruptedException;
	}

	/**
	 * Runs the work holding the lock, waiting at most {@code millis} for it: keeping probes apart is
	 * a refinement, never a block, so when the wait runs out (or there is no lock) the work runs anyway.
	 */
	static <T> T holding(Lock lock, long millis, Work<T> work) throws IOException, InterruptedException {
		boolean locked = lock != null && lock.tryLock(millis, TimeUnit.MILLISECONDS);
		try {
			return work.run();
		} finally {
			if (locked) {
				lock.unlock();
			}
		}
	}

	/**
	 * The ports the responder's ICE agent may bind (the control channel carries ascending lists):
	 * those a sampled sweep of the range does not visit, or the whole range if it has no others.
	 */
	static int[] serverIcePorts(PortRange range, int sampleSize, int limit) {
		int[] sampled = PortSelection.select(range, SweepMode.SAMPLE, sampleSize);
		int[] others = range.ports().filter(p -> Arrays.binarySearch(sampled, p) < 0).limit(limit).toArray();
		return others.length > 0 ? others : range.ports().limit(limit).toArray();
	}

	/**
	 * The ports an ICE agent should try, in order: those a sampled sweep of the same range does not
	 * visit first, then the sampled ones (used only when every other port is taken).
	 *
	 * @param range the range
	 * @param sampleSize the sweeps' sample size
	 * @param limit at most this many ports
	 * @return the ports
	 */
	static int[] icePorts(PortRange range, int sampleSize, int limit) {
		int[] sampled = PortSelection.select(range, SweepMode.SAMPLE, sampleSize);
		int[] sortedSample = sampled.clone();
		Arrays.sort(sortedSample);
		int[] out = new int[Math.min(limit, range.size())];
		int n = 0;
		for (int p = range.first(); p <= range.last() && n < out.length; p++) {
			if (Arrays.binarySearch(sortedSample, p) < 0) {
				out[n++] = p;
			}
		}
		for (int i = 0; i < sampled.length && n < out.length; i++) {
			out[n++] = sampled[i];
		}
		return n == out.length ? out : Arrays.copyOf(out, n);
	}
}
