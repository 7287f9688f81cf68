package org.mediapath.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.TcpOutcome;

/**
 * A cancelled diagnosis interrupts a TCP probe that is still waiting: the attempts that had no answer yet
 * were cut short, so they must not read as FILTERED (a firewall that drops TCP) but as a probe that did
 * not finish.
 */
class TcpProberInterruptTest {

	/**
	 * A loopback port whose accept queue is full: Linux drops further SYNs silently (tcp_abort_on_overflow
	 * is 0), so a connect gets no answer, as behind a dropping firewall, without leaving loopback.
	 */
	@Test
	void anInterruptedProbeIsNoEvidenceOfAFilter() throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
			List<Socket> queued = new ArrayList<>();
			try {
				for (int i = 0; i < 8; i++) {
					Socket s = new Socket();
					try {
						s.connect(new InetSocketAddress(loopback, full.getLocalPort()), 200);
						queued.add(s);
					} catch (java.io.IOException e) {
						s.close();
						break; // the queue is full: this SYN was dropped
					}
				}
				HostAndPort target = new HostAndPort(loopback.getHostAddress(), full.getLocalPort());
				// Without an interrupt the attempt waits out its timeout and reads FILTERED.
				assertEquals(TcpOutcome.FILTERED, TcpProber.probe(target, Duration.ofMillis(300), 1, TcpProber.DNS).outcome());

				CompletableFuture<Throwable> outcome = new CompletableFuture<>();
				Thread prober = new Thread(() -> {
					try {
						TcpProber.probe(target, Duration.ofSeconds(20), 2, TcpProber.DNS);
						outcome.complete(null);
					} catch (Throwable t) {
						outcome.complete(t);
					}
				}, "interrupted-tcp-probe");
				prober.start();
				Thread.sleep(300);
				long interrupted = System.nanoTime();
				prober.interrupt();
				Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
				long millis = (System.nanoTime() - interrupted) / 1_000_000;
				assertTrue(thrown instanceof ProbeFailedException, "not a FILTERED result but: " + thrown);
				assertTrue(thrown.getMessage().contains("interrupted"), thrown.getMessage());
				assertTrue(millis < 2_000, "the interrupt ends the wait at once, not after the timeout: " + millis + " ms");
				assertThrows(IllegalArgumentException.class, () -> TcpProber.probe(target, Duration.ZERO, 1, TcpProber.DNS));
			} finally {
				for (Socket s : queued) {
					s.close();
				}
			}
		}
	}
}
