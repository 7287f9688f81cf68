package org.mediapath.responder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlMessage.TriggeredSent;
import org.mediapath.protocol.ProtocolException;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;
import org.mediapath.protocol.TokenBucket;

/**
 * The UDP side of one probe session: the session's ports, one thread that answers the session's
 * checks on all of them, and the record of which ports saw a valid check. Everything is released
 * by {@link #close()}.
 */
final class UdpSession implements AutoCloseable {

	/** The credentials agreed on the control channel. */
	record Credentials(String serverUfrag, String serverPassword, String clientUfrag, String clientPassword) {
	}

	private static final int MAX_PACKETS_PER_KEY = 64;

	private final InetAddress clientAddress;
	private final PortRange ownRange;
	private final Credentials credentials;
	private final SourceLimiter strangers;
	private final ResponderStats stats;
	private final TokenBucket answers;
	private final Selector selector;
	private final List<DatagramChannel> channels = new ArrayList<>();
	private final int[] bound;
	private final int[] inUse;
	private final BitSet received = new BitSet(65536);
	/**
	 * The most recent authenticated checks by transaction id: the port each arrived on and where it
	 * came from, for triggered checks back along that path. Bounded, so a busy session cannot grow it.
	 */
	private final Map<ByteBuffer, Arrival> arrivals = new LinkedHashMap<>(256, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Arrival> eldest) {
			return size() > MAX_REMEMBERED_CHECKS;
		}
	};

	/** Where one authenticated check arrived, and from where. */
	private record Arrival(int port, InetSocketAddress from) {
	}

	private static final int MAX_REMEMBERED_CHECKS = 16_384;
	/** Written by the session thread only, read by the control connection. */
	private volatile long checksReceived;
	private volatile long answersSent;
	private final Thread thread;
	private volatile boolean running = true;

	UdpSession(InetAddress media, int[] ports, PortRange ownRange, InetAddress clientAddress, Credentials credentials,
			SourceLimiter strangers, ResponderStats stats, int maxAnswerRate, String name) throws IOException {
		this.clientAddress = clientAddress;
		this.ownRange = ownRange;
		this.credentials = credentials;
		this.strangers = strangers;
		this.stats = stats;
		this.answers = new TokenBucket(maxAnswerRate, maxAnswerRate);
		this.selector = Selector.open();
		List<Integer> boundPorts = new ArrayList<>();
		List<Integer> inUsePorts = new ArrayList<>();
		try {
			for (int port : ports) {
				DatagramChannel channel = DatagramChannel.open();
				try {
					channel.bind(new InetSocketAddress(media, port));
					channel.configureBlocking(false);
					channel.register(selector, SelectionKey.OP_READ, port);
					channels.add(channel);
					boundPorts.add(port);
				} catch (IOException taken) {
					// Another program (the PBX) holds it: report IN_USE, not a block.
					channel.close();
					inUsePorts.add(port);
				}
			}
		} catch (IOException | RuntimeException e) {
			closeChannels();
			throw e;
		}
		this.bound = boundPorts.stream().mapToInt(Integer::intValue).toArray();
		this.inUse = inUsePorts.stream().mapToInt(Integer::intValue).toArray();
		this.thread = new Thread(this::loop, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	int[] bound() {
		return bound.clone();
	}

	int[] inUse() {
		return inUse.clone();
	}

	int[] received() {
		synchronized (received) {
			return received.stream().toArray();
		}
	}

	/** @return valid checks received from the client and answers sent back, for loss per direction */
	long[] counts() {
		return new long[] { checksReceived, answersSent };
	}

	/**
	 * Sends one server-to-client check to each client port, from the session's ports in turn,
	 * to the control peer's address and nowhere else.
	 */
	int sendChecks(int[] clientPorts, int rate) throws IOException, InterruptedException {
		if (channels.isEmpty()) {
			return 0;
		}
		TokenBucket pace = new TokenBucket(rate, Math.max(1, Math.min(rate / 100, 64)));
		String username = credentials.clientUfrag() + ":" + credentials.serverUfrag();
		int sent = 0;
		for (int i = 0; i < clientPorts.length && running; i++) {
			int port = clientPorts[i];
			if (ownRange.contains(port) && isLocal(clientAddress)) {
				continue; // two of our own ranges on one host could bounce packets forever
			}
			pace.take();
			byte[] check = Stun.bindingRequest(Stun.newTransactionId(), username, credentials.clientPassword());
			channels.get(i % channels.size()).send(ByteBuffer.wrap(check), new InetSocketAddress(clientAddress, port));
			sent++;
		}
		stats.checksSent.addAndGet(sent);
		return sent;
	}

	/**
	 * Sends one triggered check back along the path of each listed check: from the session port it
	 * arrived on to the address and port it came from (the client's NAT mapping). Each remembered check
	 * is answered once, and only checks from the control peer's address were remembered.
	 *
	 * @param prefix the first ten bytes of the checks' transaction ids
	 * @param clientPorts the client ports that end the transaction ids
	 * @param rate checks per second
	 * @return the client ports whose check had arrived, and the first one's source
	 */
	TriggeredSent sendTriggered(byte[] prefix, int[] clientPorts, int rate) throws IOException, InterruptedException {
		TokenBucket pace = new TokenBucket(rate, Math.max(1, Math.min(rate / 100, 64)));
		String username = credentials.clientUfrag() + ":" + credentials.serverUfrag();
		List<Integer> arrived = new ArrayList<>();
		String seenAs = "";
		for (int clientPort : clientPorts) {
			if (!running) {
				break;
			}
			byte[] id = Arrays.copyOf(prefix, 12);
			id[10] = (byte) (clientPort >>> 8);
			id[11] = (byte) clientPort;
			Arrival arrival;
			synchronized (received) {
				arrival = arrivals.remove(ByteBuffer.wrap(id));
			}
			DatagramChannel channel = arrival == null ? null : channelOf(arrival.port());
			if (channel == null) {
				continue;
			}
			if (seenAs.isEmpty()) {
				seenAs = arrival.from().getAddress().getHostAddress() + ":" + arrival.from().getPort();
			}
			arrived.add(clientPort);
			pace.take();
			byte[] check = Stun.bindingRequest(Stun.newTransactionId(), username, credentials.clientPassword());
			channel.send(ByteBuffer.wrap(check), arrival.from());
		}
		stats.checksSent.addAndGet(arrived.size());
		return new TriggeredSent(arrived.stream().mapToInt(Integer::intValue).toArray(), seenAs);
	}

	private DatagramChannel channelOf(int port) {
		int index = Arrays.binarySearch(bound, port);
		return index >= 0 && index < channels.size() ? channels.get(index) : null;
	}

	private static boolean isLocal(InetAddress address) {
		return address.isLoopbackAddress() || address.isAnyLocalAddress();
	}

	private void loop() {
		ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
		try {
			while (running) {
				selector.select(250);
				for (SelectionKey key : selector.selectedKeys()) {
					DatagramChannel channel = (DatagramChannel) key.channel();
					for (int n = 0; n < MAX_PACKETS_PER_KEY; n++) {
						buffer.clear();
						SocketAddress from = channel.receive(buffer);
						if (from == null) {
							break;
						}
						buffer.flip();
						handle(channel, (Integer) key.attachment(), (InetSocketAddress) from, buffer);
					}
				}
				selector.selectedKeys().clear();
			}
		} catch (IOException | RuntimeException e) {
			// The session ends with its selector (close() closed it); nothing to keep alive.
		}
	}

	private void handle(DatagramChannel channel, int port, InetSocketAddress from, ByteBuffer packet)
			throws IOException {
		if (ownRange.contains(from.getPort())) {
			// Never answer our own ports: two responders (or one looped back) would ping-pong forever.
			stats.droppedOwnRange.incrementAndGet();
			return;
		}
		byte[] data = packet.array();
		int length = packet.limit();
		if (!Stun.looksLikeStun(data, 0, length)) {
			stats.droppedMalformed.incrementAndGet();
			return;
		}
		StunMessage message;
		try {
			message = Stun.decode(data, 0, length);
		} catch (ProtocolException malformed) {
			stats.droppedMalformed.incrementAndGet();
			return;
		}
		if (message.type() != Stun.BINDING_REQUEST) {
			return; // responses to our own server-to-client checks, indications: nothing to answer
		}
		Optional<String> username = message.username();
		boolean ours = username.isPresent()
				&& username.get().equals(credentials.serverUfrag() + ":" + credentials.clientUfrag())
				&& Stun.hasValidIntegrity(message, credentials.serverPassword());
		if (ours) {
			synchronized (received) {
				received.set(port);
				if (from.getAddress().equals(clientAddress)) {
					arrivals.put(ByteBuffer.wrap(message.transactionId().clone()), new Arrival(port, from));
				}
			}
			checksReceived++;
			// Authenticated by MESSAGE-INTEGRITY, but only the control peer's address gets an answer.
			if (from.getAddress().equals(clientAddress) && answers.tryTake()) {
				channel.send(ByteBuffer.wrap(Stun.bindingSuccess(message, from, credentials.serverPassword())), from);
				stats.answered.incrementAndGet();
				answersSent++;
			} else {
				stats.droppedRateLimited.incrementAndGet();
			}
			return;
		}
		if (!strangers.allow(from.getAddress())) {
			stats.droppedRateLimited.incrementAndGet();
			return;
		}
		Optional<byte[]> error = Stun.smallError(message, username.isPresent() ? 401 : 400);
		if (error.isPresent()) {
			channel.send(ByteBuffer.wrap(error.get()), from);
			stats.errorsSent.incrementAndGet();
		}
	}

	@Override
	public void close() {
		running = false;
		selector.wakeup();
		try {
			thread.join(2000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		closeChannels();
	}

	private void closeChannels() {
		for (DatagramChannel channel : channels) {
			try {
				channel.close();
			} catch (IOException ignored) {
				// closing is all we wanted
			}
		}
		channels.clear();
		try {
			selector.close();
		} catch (IOException ignored) {
			// closing is all we wanted
		}
	}
}
