package org.mediapath.responder;

import java.time.Clock;
import java.util.Optional;

import org.mediapath.responder.browser.BrowserTests;
import org.mediapath.responder.browser.PortGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.mediapath.protocol.ChallengeResponse;
import org.mediapath.protocol.ice.Ice4jSettings;

/**
 * The responder engine: a control listener and its sessions. Started by the DS component (from
 * configuration) or by the {@code responder} subcommand; {@link #close()} stops every thread it
 * started and releases every port before it returns.
 */
public final class Responder implements AutoCloseable {

	/** Connections waiting to be accepted. */
	static final int ACCEPT_QUEUE = 1024;

	private final ResponderSettings settings;
	private final ChallengeResponse auth;
	private final SSLContext tls;
	private final ResponderStats stats = new ResponderStats();
	private final SourceLimiter strangers;
	private final ServerSocket listener;
	private final ThreadPoolExecutor connections;
	private final ScheduledExecutorService deadlines;
	private final Map<InetAddress, AtomicInteger> perSource = new ConcurrentHashMap<>();
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private final AtomicInteger sessions = new AtomicInteger();
	private final Thread acceptor;
	private volatile boolean running = true;
	private volatile BrowserTests browserTests;

	/**
	 * Binds the control port and starts accepting.
	 *
	 * @param settings the settings
	 * @throws IOException if the control port cannot be bound
	 */
	public Responder(ResponderSettings settings) throws IOException {
		this.settings = settings;
		this.auth = new ChallengeResponse(settings.secret());
		this.tls = settings.identity().serverContext();
		// ice4j reads these once, JVM-wide; a responder must require MESSAGE-INTEGRITY.
		Ice4jSettings.apply();
		ResponderSettings.Limits limits = settings.limits();
		this.strangers = new SourceLimiter(limits.errorsPerSourcePerSecond(), limits.errorsPerSecond());
		this.listener = new ServerSocket();
		try {
			listener.setReuseAddress(true);
			// a deep accept queue: a flood of connections from one address is closed at accept (per-source
			// limit), and a legitimate client's connection waits in the queue behind it instead of being dropped
			listener.bind(new InetSocketAddress(settings.bind(), settings.controlPort()), ACCEPT_QUEUE);
		} catch (IOException e) {
			listener.close();
			throw new IOException("control port " + settings.bind().getHostAddress() + ":" + settings.controlPort()
					+ " cannot be bound: " + e.getMessage(), e);
		}
		AtomicInteger threadNumber = new AtomicInteger();
		this.connections = new ThreadPoolExecutor(0, limits.maxConnections(), 5, TimeUnit.SECONDS,
				new SynchronousQueue<>(), r -> daemon(r, "mediapath-responder-control-" + threadNumber.incrementAndGet()));
		this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mediapath-responder-deadlines"));
		this.acceptor = daemon(this::accept, "mediapath-responder-accept");
		this.acceptor.start();
	}

	/** @return the bound control address (its port, when 0 was asked for) */
	public InetSocketAddress controlAddress() {
		return (InetSocketAddress) listener.getLocalSocketAddress();
	}

	/** @return the settings it runs with */
	public ResponderSettings settings() {
		return settings;
	}

	/** @return a one-line summary: the certificate's fingerprint and the counters, for logs and the shell */
	public String summary() {
		return "certificate SHA-256 fingerprint " + settings.identity().fingerprint() + "; " + snapshot();
	}

	SSLContext tls() {
		return tls;
	}

	/**
	 * Turns on the user's-browser test: the web port's servlet serves it, and the control channel makes
	 * its links and reads its runs. Its agents take ports no session holds, and hold them while they live.
	 *
	 * @param urlBase the web port as users reach it, e.g. {@code http://203.0.113.7:8089}
	 * @return the test, for the servlet
	 */
	public synchronized BrowserTests enableBrowserTests(String urlBase) {
		if (browserTests == null) {
			PortGuard guard = new PortGuard() {
				@Override
				public int[] notHeld(int[] ports) {
					return notHeldBySessions(ports);
				}

				@Override
				public void hold(int[] ports) {
					holdPorts(ports);
				}

				@Override
				public void release(int[] ports) {
					releasePorts(ports);
				}
			};
			browserTests = new BrowserTests(new BrowserTests.Site(settings.media(), settings.announced(),
					settings.udpPorts(), urlBase), BrowserTests.Limits.DEFAULT, guard, Clock.systemUTC());
		}
		return browserTests;
	}

	/** @return the user's-browser test, when turned on */
	Optional<BrowserTests> browserTests() {
		return Optional.ofNullable(browserTests);
	}

	ResponderStats.Snapshot snapshot() {
		return stats.snapshot(open.size(), sessions.get());
	}

	ResponderStats stats() {
		return stats;
	}

	SourceLimiter strangers() {
		return strangers;
	}

	private void accept() {
		while (running) {
			Socket socket;
			try {
				socket = listener.accept();
			} catch (IOException e) {
				if (!running) {
					return;
				}
				continue;
			}
			stats.connections.incrementAndGet();
			InetAddress source = socket.getInetAddress();
			AtomicInteger count = perSource.computeIfAbsent(source, s -> new AtomicInteger());
			if (count.incrementAndGet() > settings.limits().maxConnectionsPerSource()) {
				stats.refusedBusy.incrementAndGet();
				connectionEnded(source);
				closeQuietly(socket);
				continue;
			}
			open.add(socket);
			try {
				connections.execute(new ControlConnection(this, socket, settings, auth));
			} catch (RejectedExecutionException full) {
				stats.refusedBusy.incrementAndGet();
				open.remove(socket);
				connectionEnded(source);
				closeQuietly(socket);
			}
		}
	}

	void connectionEnded(InetAddress source) {
		perSource.computeIfPresent(source, (s, count) -> count.decrementAndGet() <= 0 ? null : count);
		open.removeIf(Socket::isClosed);
	}

	boolean takeSessionSlot() {
		while (true) {
			int now = sessions.get();
			if (now >= settings.limits().maxSessions()) {
				return false;
			}
			if (sessions.compareAndSet(now, now + 1)) {
				return true;
			}
		}
	}

	void releaseSessionSlot() {
		sessions.decrementAndGet();
	}

	/** Ports the sessions of this responder hold now: an ICE session does not try them (they are ours, not IN_USE). */
	private final Set<Integer> sessionPorts = ConcurrentHashMap.newKeySet();

	void holdPorts(int[] ports) {
		for (int p : ports) {
			sessionPorts.add(p);
		}
	}

	void releasePorts(int[] ports) {
		for (int p : ports) {
			sessionPorts.remove(p);
		}
	}

	/** @return the ports of {@code wanted}, in order, that no session of this responder holds */
	int[] notHeldBySessions(int[] wanted) {
		return java.util.Arrays.stream(wanted).filter(p -> !sessionPorts.contains(p)).toArray();
	}

	ScheduledFuture<?> closeAfter(Socket socket, Duration delay) {
		return deadlines.schedule(() -> closeQuietly(socket), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Stops accepting, ends every session, releases every port, and waits for its threads. */
	@Override
	public void close() {
		running = false;
		BrowserTests tests = browserTests;
		if (tests != null) {
			tests.close();
		}
		closeQuietly(listener);
		open.forEach(Responder::closeQuietly);
		connections.shutdown();
		deadlines.shutdownNow();
		try {
			acceptor.join(2000);
			if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
				connections.shutdownNow();
				connections.awaitTermination(2, TimeUnit.SECONDS);
			}
			deadlines.awaitTermination(2, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		} catch (Exception ignored) {
			// closing is all we wanted
		}
	}
}
