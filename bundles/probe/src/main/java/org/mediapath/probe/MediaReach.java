package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.mediapath.api.probe.TcpOutcome;

/**
 * A TCP connection attempt to the media address, started beside the UDP checks. Linux tells a UDP
 * socket nothing of ICMP network- or host-unreachable (they are soft errors there), but a connecting
 * TCP socket fails with "Network is unreachable" when a router has no route to the address. So when
 * every UDP check is silent, this attempt tells a routing fault from a filter: the SYN needs no
 * listener, a reset ("refused") proves the address reachable. One SYN, to the responder's own port.
 */
final class MediaReach implements AutoCloseable {

	private final Selector selector;
	private final SocketChannel channel;
	private final long deadline;
	private TcpOutcome outcome;
	private String detail = "";

	private MediaReach(InetAddress address, int port, Duration bound) throws IOException {
		this.deadline = System.nanoTime() + bound.toNanos();
		this.selector = Selector.open();
		this.channel = SocketChannel.open();
		channel.configureBlocking(false);
		try {
			if (channel.connect(new InetSocketAddress(address, port))) {
				outcome = TcpOutcome.OPEN;
			} else {
				channel.register(selector, SelectionKey.OP_CONNECT);
			}
		} catch (IOException e) {
			outcome = TcpProber.classify(e, new String[1]);
			detail = String.valueOf(e.getMessage());
		}
	}

	/** Starts the attempt; never throws: without it the sweep only knows less. */
	static MediaReach start(InetAddress address, int port, Duration bound) {
		try {
			return new MediaReach(address, port, bound);
		} catch (IOException e) {
			return null;
		}
	}

	/**
	 * Waits until the attempt ended or its bound passed.
	 *
	 * @return what the attempt met; FILTERED when nothing came back in time
	 */
	TcpOutcome outcome() {
		while (outcome == null) {
			long left = deadline - System.nanoTime();
			try {
				// what already came back counts, however long the checks beside it took
				if (left <= 0 || Thread.currentThread().isInterrupted()) {
					selector.selectNow();
				} else {
					selector.select(Math.max(1, left / 1_000_000));
				}
				if (selector.selectedKeys().isEmpty() && (left <= 0 || Thread.currentThread().isInterrupted())) {
					outcome = TcpOutcome.FILTERED;
				} else if (!selector.selectedKeys().isEmpty()) {
					selector.selectedKeys().clear();
					if (channel.finishConnect()) {
						outcome = TcpOutcome.OPEN;
					}
				}
			} catch (IOException e) {
				String[] text = new String[1];
				outcome = TcpProber.classify(e, text);
				detail = text[0];
			}
		}
		return outcome;
	}

	/** @return the error text the attempt ended with ("Network is unreachable"), or "" */
	String detail() {
		return detail;
	}

	@Override
	public void close() {
		UdpEndpoints.closeQuietly(channel);
		UdpEndpoints.closeQuietly(selector);
	}
}
