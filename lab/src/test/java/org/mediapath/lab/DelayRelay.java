package org.mediapath.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The lab's long-haul link: a UDP datagram relay between two fixed ends that holds every datagram for a fixed time
 * before passing it on, in each direction. The lab puts it in the carrier of a socat TUN tunnel between two router
 * namespaces ({@code tunnel.N = ... delay MILLIS}), so every packet routed through that tunnel, whatever its protocol,
 * arrives that much later: a healthy path with a 300-600 ms round trip, built without {@code tc netem} (not in this
 * kernel) and without touching anything outside the namespaces.
 *
 * <p>A constant delay keeps the order of the datagrams, so one FIFO queue serves both directions: a receiving thread
 * stamps each datagram with its due time, a sending thread waits for the head's due time and sends it. A full queue
 * drops the datagram, as a router's full buffer does. Datagrams from any address other than the two ends are ignored.
 *
 * <pre>java -cp LAB-TEST-CLASSES org.mediapath.lab.DelayRelay BIND:PORT A:PORT B:PORT DELAY_MILLIS</pre>
 *
 * It prints {@link #READY} once bound, and runs until it is killed.
 */
public final class DelayRelay implements AutoCloseable {

	/** The line the relay prints once it is bound and relaying. */
	static final String READY = "mediapath lab delay relay: ready";
	/** Datagrams held at once; at 20,000 datagrams/s and 300 ms that is 6,000, well below. */
	private static final int QUEUE = 65_536;

	private record Held(byte[] data, InetSocketAddress to, long dueNanos) {
	}

	private final DatagramSocket socket;
	private final InetSocketAddress a;
	private final InetSocketAddress b;
	private final long delayNanos;
	private final BlockingQueue<Held> queue = new ArrayBlockingQueue<>(QUEUE);
	private final AtomicLong relayed = new AtomicLong();
	private final AtomicLong dropped = new AtomicLong();
	private final Thread receiver;
	private final Thread sender;
	private volatile boolean closed;

	DelayRelay(InetSocketAddress bind, InetSocketAddress a, InetSocketAddress b, long delayMillis) throws SocketException {
		if (delayMillis < 0) {
			throw new IllegalArgumentException("delay " + delayMillis + " ms: must not be negative");
		}
		this.socket = new DatagramSocket(bind);
		this.socket.setReceiveBufferSize(4 << 20);
		this.socket.setSendBufferSize(4 << 20);
		this.a = a;
		this.b = b;
		this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
		this.receiver = new Thread(this::receive, "delay-relay-receive");
		this.sender = new Thread(this::send, "delay-relay-send");
		receiver.start();
		sender.start();
	}

	/** The address the relay listens on (the two ends send their datagrams here). */
	InetSocketAddress address() {
		return (InetSocketAddress) socket.getLocalSocketAddress();
	}

	long relayed() {
		return relayed.get();
	}

	long dropped() {
		return dropped.get();
	}

	private void receive() {
		byte[] buffer = new byte[65_535];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		while (!closed) {
			try {
				packet.setLength(buffer.length);
				socket.receive(packet);
			} catch (IOException e) {
				if (!closed) {
					System.err.println("delay relay: receive failed: " + e);
				}
				return;
			}
			long now = System.nanoTime();
			InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
			InetSocketAddress to = from.equals(a) ? b : from.equals(b) ? a : null;
			if (to == null) {
				continue;
			}
			byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
			if (!queue.offer(new Held(data, to, now + delayNanos))) {
				dropped.incrementAndGet();
			}
		}
	}

	private void send() {
		while (!closed) {
			Held held;
			try {
				held = queue.take();
			} catch (InterruptedException e) {
				return;
			}
			for (long wait = held.dueNanos() - System.nanoTime(); wait > 0 && !closed; wait = held.dueNanos() - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			try {
				socket.send(new DatagramPacket(held.data(), held.data().length, held.to()));
				relayed.incrementAndGet();
			} catch (IOException e) {
				// the end is not there yet (ICMP port-unreachable came back): that datagram is lost, as on a real link
				dropped.incrementAndGet();
			}
		}
	}

	@Override
	public void close() {
		closed = true;
		socket.close();
		sender.interrupt();
		try {
			receiver.join(2000);
			sender.join(2000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The folder (or jar) this class was loaded from: the class path the lab gives the relay's own JVM. */
	static Path classpath() {
		try {
			return Path.of(DelayRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException("cannot locate the lab's classes: " + e.getMessage(), e);
		}
	}

	static InetSocketAddress parse(String what, String hostPort) {
		int colon = hostPort.lastIndexOf(':');
		if (colon <= 0 || !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
			throw new IllegalArgumentException(what + ": expected ADDRESS:PORT, got '" + hostPort + "'");
		}
		String host = hostPort.substring(0, colon);
		if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			throw new IllegalArgumentException(what + ": '" + host + "' is not an IPv4 address");
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(hostPort.substring(colon + 1)));
		} catch (IOException e) {
			throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
		}
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 4 || !args[3].matches("\\d{1,5}")) {
			System.err.println("usage: DelayRelay BIND:PORT A:PORT B:PORT DELAY_MILLIS");
			System.exit(2);
		}
		InetSocketAddress bind = parse("BIND", args[0]);
		InetSocketAddress a = parse("A", args[1]);
		InetSocketAddress b = parse("B", args[2]);
		DelayRelay relay = new DelayRelay(bind, a, b, Long.parseLong(args[3]));
		System.out.println(READY + " on " + args[0] + " between " + args[1] + " and " + args[2] + ", " + args[3]
				+ " ms each way");
		System.out.flush();
		// runs until killed; a line a minute says what it did, for a scenario's logs
		while (true) {
			Thread.sleep(60_000);
			System.out.println("delay relay: " + relay.relayed() + " datagrams relayed, " + relay.dropped() + " dropped");
			System.out.flush();
		}
	}
}
