package org.mediapath.responder;

import java.util.concurrent.atomic.AtomicLong;

/** Counters a test, the Gogo shell or a log line can read; all monotonic except the gauges. */
final class ResponderStats {
	final AtomicLong connections = new AtomicLong();
	final AtomicLong authFailures = new AtomicLong();
	/** Connections whose TLS handshake failed or never finished (a client that does not trust us ends here too). */
	final AtomicLong tlsFailures = new AtomicLong();
	/** Connections that spoke no TLS (a client of the plaintext version 1): told to update, then closed. */
	final AtomicLong notTls = new AtomicLong();
	final AtomicLong refusedBusy = new AtomicLong();
	final AtomicLong sessionsOpened = new AtomicLong();
	final AtomicLong answered = new AtomicLong();
	final AtomicLong errorsSent = new AtomicLong();
	final AtomicLong droppedOwnRange = new AtomicLong();
	final AtomicLong droppedMalformed = new AtomicLong();
	final AtomicLong droppedRateLimited = new AtomicLong();
	final AtomicLong checksSent = new AtomicLong();

	/** A snapshot for callers outside the package. */
	record Snapshot(long connections, long authFailures, long tlsFailures, long notTls, long refusedBusy, long sessionsOpened, long answered,
			long errorsSent, long droppedOwnRange, long droppedMalformed, long droppedRateLimited, long checksSent,
			int activeConnections, int activeSessions) {
	}

	Snapshot snapshot(int activeConnections, int activeSessions) {
		return new Snapshot(connections.get(), authFailures.get(), tlsFailures.get(), notTls.get(), refusedBusy.get(), sessionsOpened.get(),
				answered.get(), errorsSent.get(), droppedOwnRange.get(), droppedMalformed.get(),
				droppedRateLimited.get(), checksSent.get(), activeConnections, activeSessions);
	}
}
