package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.SendTriggered;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ControlMessage.TriggeredSent;
import org.mediapath.protocol.ProtocolException;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;
import org.mediapath.protocol.TokenBucket;

/**
 * The server-to-client direction, measured as ICE makes it work: from each client port a check goes
 * to a server port that passes, and the responder answers with a check of its own back along the path
 * that check came (a triggered check). Behind a NAT or a stateful firewall, that is the path a call's
 * media takes; unsolicited checks to the client's own port numbers die there on every healthy home
 * network, so they prove nothing. A client port whose check arrived but whose triggered check never
 * came back is blocked on the client's side: the proof CLIENT_UDP_BLOCKED needs.
 */
final class ReversePass {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** One reverse pass's outcomes; client ports whose own check never reached the server are not judged. */
	record Result(Map<Integer, PortOutcome> outcomes, int sent, int arrived, int unjudged, String seenAs) {
	}

	private final ControlClient client;
	private final InetAddress local;
	private final InetAddress media;
	private final SessionOpened session;
	private final String ufrag;
	private final String password;
	private final PortRange clientRange;
	private final Duration answerWait;
	private final int batchSize;
	private final int rate;

	ReversePass(ControlClient client, InetAddress local, InetAddress media, SessionOpened session, String ufrag,
			String password, PortRange clientRange, Duration answerWait, int batchSize, int rate) {
		this.client = client;
		this.local = local;
		this.media = media;
		this.session = session;
		this.ufrag = ufrag;
		this.password = password;
		this.clientRange = clientRange;
		this.answerWait = answerWait;
		this.batchSize = batchSize;
		this.rate = rate;
	}

	/**
	 * @param clientPorts the client ports to judge
	 * @param passingServerPorts server ports the client's checks are known to reach
	 */
	Result run(int[] clientPorts, int[] passingServerPorts) throws IOException, InterruptedException {
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		if (passingServerPorts.length == 0 || clientPorts.length == 0) {
			return new Result(outcomes, 0, 0, clientPorts.length, "");
		}
		int[] ports = Arrays.stream(clientPorts).sorted().distinct().toArray();
		byte[] prefix = new byte[10];
		RANDOM.nextBytes(prefix);
		int unjudged = 0;
		String seenAs = "";
		for (int from = 0; from < ports.length; from += batchSize) {
			int[] batch = Arrays.copyOfRange(ports, from, Math.min(ports.length, from + batchSize));
			Batch b = batch(prefix, batch, passingServerPorts, outcomes, rate);
			// Ports whose check back did not come are asked once more, gently: where others passed, a
			// lost packet on a loaded path must not read as the client's firewall
			int[] silent = Arrays.stream(batch).filter(p -> outcomes.get(p) == PortOutcome.SILENT).toArray();
			if (silent.length > 0 && silent.length < batch.length) {
				RANDOM.nextBytes(prefix);
				batch(prefix, silent, passingServerPorts, outcomes, Math.max(500, rate / 4));
			}
			unjudged += b.unjudged;
			if (seenAs.isEmpty()) {
				seenAs = b.seenAs;
			}
		}
		// one count per judged client port, however often it was asked
		int judged = (int) outcomes.values().stream().filter(o -> o == PortOutcome.PASS || o == PortOutcome.SILENT).count();
		int passed = (int) outcomes.values().stream().filter(o -> o == PortOutcome.PASS).count();
		return new Result(outcomes, judged, passed, unjudged, seenAs);
	}

	private record Batch(int sent, int got, int unjudged, String seenAs) {
	}

	private Batch batch(byte[] prefix, int[] batch, int[] serverPorts, Map<Integer, PortOutcome> outcomes, int rate)
			throws IOException, InterruptedException {
		List<DatagramChannel> channels = new ArrayList<>();
		String toServer = session.serverUfrag() + ":" + ufrag;
		String expected = ufrag + ":" + session.serverUfrag();
		try (Selector selector = Selector.open()) {
			List<Integer> punched = new ArrayList<>();
			TokenBucket pace = new TokenBucket(rate, Math.max(1, Math.min(rate / 100, 64)));
			for (int port : batch) {
				if (!clientRange.contains(port)) {
					continue;
				}
				DatagramChannel channel = DatagramChannel.open();
				try {
					channel.bind(new InetSocketAddress(local, port));
				} catch (IOException inUse) {
					channel.close();
					outcomes.put(port, PortOutcome.IN_USE);
					continue;
				}
				channels.add(channel);
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ, port);
				byte[] id = Arrays.copyOf(prefix, 12);
				id[10] = (byte) (port >>> 8);
				id[11] = (byte) port;
				pace.take();
				try {
					channel.send(ByteBuffer.wrap(Stun.bindingRequest(id, toServer, session.serverPassword())),
							new InetSocketAddress(media, serverPorts[punched.size() % serverPorts.length]));
					punched.add(port);
				} catch (IOException refusedLocally) {
					// this client's own filter refused the check to the server: the forward pass judges that
				}
			}
			if (punched.isEmpty()) {
				return new Batch(0, 0, batch.length, "");
			}
			// The checks travel ahead of the control request, but a busy responder may not have read them all
			// yet: ask for those that arrived, then again, within the answer wait, for the ones still missing
			// (the responder answers each arrived check once, so asking again never doubles a check).
			BitSet arrived = new BitSet(65536);
			String seenAs = "";
			long askUntil = System.nanoTime() + answerWait.toNanos();
			List<Integer> missing = new ArrayList<>(punched);
			for (int round = 0; !missing.isEmpty(); round++) {
				Thread.sleep(round == 0 ? Math.min(100, Math.max(10, answerWait.toMillis() / 4))
						: Math.max(10, answerWait.toMillis() / 3));
				TriggeredSent triggered = client.call(new SendTriggered(prefix,
						missing.stream().mapToInt(Integer::intValue).sorted().toArray()), TriggeredSent.class);
				Arrays.stream(triggered.arrived()).forEach(arrived::set);
				if (seenAs.isEmpty()) {
					seenAs = triggered.seenAs();
				}
				missing.removeIf(arrived::get);
				if (System.nanoTime() > askUntil) {
					break;
				}
			}
			BitSet got = new BitSet(65536);
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			long deadline = System.nanoTime() + answerWait.toNanos();
			while (got.cardinality() < arrived.cardinality()) {
				boolean last = System.nanoTime() >= deadline;
				if (last) {
					selector.selectNow();
				} else {
					selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				}
				for (SelectionKey key : selector.selectedKeys()) {
					DatagramChannel channel = (DatagramChannel) key.channel();
					while (true) {
						buffer.clear();
						if (channel.receive(buffer) == null) {
							break;
						}
						try {
							StunMessage m = Stun.decode(buffer.array(), 0, buffer.position());
							if (m.type() == Stun.BINDING_REQUEST && m.username().filter(expected::equals).isPresent()
									&& Stun.hasValidIntegrity(m, password)) {
								got.set((Integer) key.attachment());
							}
						} catch (ProtocolException junk) {
							// answers to our own checks and anything unauthenticated: not the server's check
						}
					}
				}
				selector.selectedKeys().clear();
				if (last) {
					break;
				}
			}
			int unjudged = batch.length - arrived.cardinality();
			for (int port : punched) {
				if (arrived.get(port)) {
					outcomes.put(port, got.get(port) ? PortOutcome.PASS : PortOutcome.SILENT);
				}
			}
			return new Batch(arrived.cardinality(), got.cardinality(), unjudged, seenAs);
		} finally {
			channels.forEach(UdpEndpoints::closeQuietly);
		}
	}
}
