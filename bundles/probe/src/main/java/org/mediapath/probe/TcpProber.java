package org.mediapath.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.TcpOutcome;

/** The TCP signalling probe: a few connects at once, each classified, with their times. */
final class TcpProber {

	/** Name resolution, replaceable so that tests never ask a DNS server. */
	interface Resolver {
		InetAddress resolve(String host) throws UnknownHostException;
	}

	static final Resolver DNS = InetAddress::getByName;

	private TcpProber() {
	}

	static SignallingProbe probe(HostAndPort target, Duration timeout, int attempts, Resolver resolver) {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts: " + attempts + " must be at least 1");
		}
		if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("timeout: " + timeout + " must be positive");
		}
		InetAddress address;
		try {
			address = resolver.resolve(target.host());
		} catch (UnknownHostException e) {
			return new SignallingProbe(target, Optional.empty(), TcpOutcome.NAME_NOT_RESOLVED, List.of(), 0,
					"'" + target.host() + "' does not resolve: check the name or the DNS server");
		}
		List<Duration> times = new ArrayList<>();
		Map<TcpOutcome, Integer> counts = new EnumMap<>(TcpOutcome.class);
		String[] lastError = { "" };
		int made = attempts;
		// Every attempt starts at once, each with its own SYN (and the kernel's retransmission at 1 s):
		// a drop is known after one timeout instead of one timeout per attempt, and on an open port the
		// connects still give their times. A few parallel connects are what a softphone's reconnects do too.
		List<SocketChannel> channels = new ArrayList<>();
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		try (Selector selector = Selector.open()) {
			InetSocketAddress remote = new InetSocketAddress(address, target.port());
			for (int i = 0; i < attempts; i++) {
				SocketChannel channel = SocketChannel.open();
				channels.add(channel);
				channel.configureBlocking(false);
				try {
					if (channel.connect(remote)) {
						times.add(Duration.ofNanos(System.nanoTime() - start));
						counts.merge(TcpOutcome.OPEN, 1, Integer::sum);
						channel.close();
					} else {
						channel.register(selector, SelectionKey.OP_CONNECT);
					}
				} catch (IOException e) {
					counts.merge(classify(e, lastError), 1, Integer::sum);
					channel.close();
				}
			}
			while (!selector.keys().isEmpty()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
					break;
				}
				selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
				for (SelectionKey key : selector.selectedKeys()) {
					SocketChannel channel = (SocketChannel) key.channel();
					try {
						if (channel.finishConnect()) {
							times.add(Duration.ofNanos(System.nanoTime() - start));
							counts.merge(TcpOutcome.OPEN, 1, Integer::sum);
						} else {
							continue;
						}
					} catch (IOException e) {
						counts.merge(classify(e, lastError), 1, Integer::sum);
					}
					key.cancel();
					channel.close();
				}
				selector.selectedKeys().clear();
				selector.selectNow(); // flush the cancelled keys
			}
			int pending = selector.keys().size();
			if (pending > 0 && Thread.currentThread().isInterrupted()) {
				// A cancelled diagnosis: what did not answer yet was not given its time, so it is no evidence
				// of a filter. The interrupt stays set for the caller.
				throw new ProbeFailedException("TCP probe of " + target + " interrupted before every attempt had an answer",
						null);
			}
			if (pending > 0) {
				counts.merge(TcpOutcome.FILTERED, pending, Integer::sum);
				lastError[0] = "no answer within " + timeout.toMillis() + " ms";
			}
		} catch (IOException e) {
			counts.merge(TcpOutcome.UNREACHABLE, 1, Integer::sum);
			lastError[0] = String.valueOf(e.getMessage());
		} finally {
			channels.forEach(c -> {
				try {
					c.close();
				} catch (IOException ignored) {
					// closing is all we wanted
				}
			});
		}
		TcpOutcome overall = counts.containsKey(TcpOutcome.OPEN) ? TcpOutcome.OPEN
				: counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		if (overall == TcpOutcome.REJECTED && !locallyRoutable(address)) {
			overall = TcpOutcome.UNREACHABLE; // this machine's own routing table says "unreachable", not a firewall
		}
		String where = target + " (" + address.getHostAddress() + ")";
		String detail = switch (overall) {
			case OPEN -> where + " accepted " + times.size() + " of " + made + " connections, median "
					+ median(times).toMillis() + " ms";
			case REFUSED -> where + " refused the connection: the host is reachable but nothing listens on port "
					+ target.port() + " (" + lastError[0] + ")";
			case FILTERED -> where + " did not answer: a firewall drops TCP to port " + target.port() + " ("
					+ lastError[0] + ")";
			case UNREACHABLE -> where + " is unreachable: a router has no route to it (" + lastError[0] + ")";
			case REJECTED -> where + " rejected the connection with an ICMP error (" + lastError[0] + "): a firewall on the"
					+ " way rejects TCP to port " + target.port() + " (administratively prohibited), or the host is down";
			case BLOCKED_LOCALLY -> where + ": this machine's own firewall refused to send the connection (" + lastError[0]
					+ ")";
			case NAME_NOT_RESOLVED -> where + " did not resolve";
		};
		return new SignallingProbe(target, Optional.of(address.getHostAddress()), overall, times, made, detail);
	}

	/**
	 * Linux reports ICMP errors to a connecting socket as errno, and Java keeps its text: "Network is
	 * unreachable" (ICMP net-unreachable, or no local route) is routing; "No route to host" is ICMP
	 * host-unreachable or one of the administratively-prohibited codes a firewall's reject sends;
	 * "Operation not permitted" is this machine's own output filter (see the probe README's table).
	 */
	static TcpOutcome classify(IOException e, String[] lastError) {
		lastError[0] = String.valueOf(e.getMessage());
		String text = lastError[0].toLowerCase(java.util.Locale.ROOT);
		if (text.contains("operation not permitted")) {
			return TcpOutcome.BLOCKED_LOCALLY;
		}
		if (e instanceof NoRouteToHostException) {
			return text.contains("network is unreachable") ? TcpOutcome.UNREACHABLE : TcpOutcome.REJECTED;
		}
		if (e instanceof ConnectException) {
			return lastError[0].contains("refused") ? TcpOutcome.REFUSED : TcpOutcome.UNREACHABLE;
		}
		return TcpOutcome.UNREACHABLE;
	}

	/** @return whether this machine has a route to the address (a UDP connect consults only the local table) */
	static boolean locallyRoutable(InetAddress address) {
		try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
			probe.connect(new InetSocketAddress(address, 9));
			return true;
		} catch (IOException noRoute) {
			return false;
		}
	}

	private static Duration median(List<Duration> times) {
		List<Duration> sorted = new ArrayList<>(times);
		sorted.sort(null);
		return sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
	}
}
