package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.StreamProbe;
import org.mediapath.api.probe.StreamProbeRequest;
import org.mediapath.api.probe.StreamSample;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.Counts;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryCounts;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ProtocolException;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;

/**
 * The packet-stream probe: signed STUN checks padded to the size of a voice packet, sent on a
 * fixed clock from one client port to one responder port, each answered by a packet of about the
 * same size. Every check's round trip is timed; the responder's count of arrivals splits the loss
 * into the two directions.
 *
 * <p>Pacing follows the clock of the first packet (packet n leaves at start + n × interval), so a
 * late wake-up does not shift every later packet, as an RTP sender keeps its timestamps.
 */
final class StreamProber {

	private static final SecureRandom RANDOM = new SecureRandom();
	/** How many server ports one session offers, in case the PBX holds some of them. */
	private static final int SERVER_PORT_CHOICES = 8;
	private static final int SESSION_ATTEMPTS = 4;
	private static final Duration SESSION_RETRY_PAUSE = Duration.ofMillis(300);
	private static final Duration MIN_LINGER = Duration.ofMillis(200);
	private static final Duration MAX_LINGER = Duration.ofSeconds(1);

	private final StreamProbeRequest request;
	private final ProbeSettings settings;
	private final String ufrag = token(4);
	private final String password = token(12);

	StreamProber(StreamProbeRequest request, ProbeSettings settings) {
		this.request = request;
		this.settings = settings;
	}

	StreamProbe run() throws IOException, InterruptedException {
		long start = System.nanoTime();
		byte[] secret = CooperativeSweep.secret("secretReference", Optional.of(request.secretReference()));
		InetAddress server = UdpEndpoints.resolve("server", request.server());
		InetSocketAddress control = new InetSocketAddress(UdpEndpoints.resolve("responder", request.responder().host()),
				request.responder().port());
		List<String> caveats = new ArrayList<>();
		int rate = request.packetsPerSecond();
		if (rate > settings.packetsPerSecond()) {
			rate = settings.packetsPerSecond();
			caveats.add("the stream ran at " + rate + " packets/s, the probe's configured cap, not the "
					+ request.packetsPerSecond() + " asked for");
		}
		for (int attempt = 1;; attempt++) {
			try (ControlClient client = ControlClient.connect(control, secret, request.responderFingerprint().orElse(null),
					settings.controlTimeout())) {
				client.setTimeout(settings.controlTimeout().plus(request.length()).plus(MAX_LINGER));
				InetAddress local = client.localAddress().getAddress();
				SessionOpened session = client.call(new OpenSession(SessionKind.UDP,
						serverPortChoices(request.serverPorts()), ufrag, password), SessionOpened.class);
				if (session.bound().length == 0) {
					client.call(new CloseSession(), SessionClosed.class);
					if (attempt < SESSION_ATTEMPTS) {
						// Held by another probe session of this responder (a sweep, an ICE agent),
						// which ends soon, or by the PBX: try other ports in a moment.
						Thread.sleep(SESSION_RETRY_PAUSE.toMillis());
						continue;
					}
					caveats.add("every server port tried in " + SESSION_ATTEMPTS + " attempts was in use on the server"
							+ " (by the PBX or by other probe sessions; the last: " + Arrays.toString(session.inUse())
							+ "); no stream was sent");
					return new StreamProbe(request, 0, 0, 0, List.of(), OptionalInt.empty(), caveats, since(start));
				}
				return stream(client, local, server, session, rate, caveats, start);
			}
		}
	}

	private StreamProbe stream(ControlClient client, InetAddress local, InetAddress server, SessionOpened session,
			int rate, List<String> caveats, long start) throws IOException, InterruptedException {
		int serverPort = session.bound()[0];
		InetAddress media = UdpEndpoints.mediaTarget(server, session.mediaAddress());
		if (!UdpEndpoints.routable(local, media, serverPort)) {
			caveats.add("no route from this client to " + media.getHostAddress() + ", where the responder's port is bound;"
					+ " no stream was sent");
			client.call(new CloseSession(), SessionClosed.class);
			return new StreamProbe(request, 0, serverPort, 0, List.of(), OptionalInt.empty(), caveats, since(start));
		}
		DatagramChannel channel = UdpEndpoints.bindInRange(local, request.clientPorts(), -1);
		int clientPort;
		Stream stream;
		try (channel) {
			clientPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			stream = stream(channel, new InetSocketAddress(media, serverPort), session, rate);
		}
		if (stream.portUnreachable) {
			caveats.add("ICMP port-unreachable came back from " + media.getHostAddress() + ":" + serverPort
					+ ": the packets reach a host where nothing listens on that port, not the responder's ("
					+ session.mediaAddress() + ")");
		}
		OptionalInt arrived = OptionalInt.empty();
		try {
			Counts counts = client.call(new QueryCounts(), Counts.class);
			arrived = OptionalInt.of((int) Math.min(Integer.MAX_VALUE, counts.checksReceived()));
			client.call(new CloseSession(), SessionClosed.class);
		} catch (IOException olderResponder) {
			caveats.add("the responder did not count arrivals (" + olderResponder.getMessage()
					+ "), so the loss is the round trip's, not split by direction");
		}
		return new StreamProbe(request, clientPort, serverPort, stream.answerBytes, stream.samples, arrived, caveats,
				since(start));
	}

	private record Stream(List<StreamSample> samples, int answerBytes, boolean portUnreachable) {
	}

	private Stream stream(DatagramChannel channel, InetSocketAddress to, SessionOpened session, int rate)
			throws IOException, InterruptedException {
		int planned = (int) Math.max(1, request.length().toMillis() * rate / 1000);
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long[] sentAt = new long[planned];
		long[] roundTrip = new long[planned];
		Arrays.fill(roundTrip, -1);
		Map<ByteBuffer, Integer> pending = new HashMap<>(planned * 2);
		String username = session.serverUfrag() + ":" + ufrag;
		ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
		int answerBytes = 0;
		boolean portUnreachable = false;
		// Connected, so that an ICMP port-unreachable (the packets reach a host where nothing listens)
		// is reported, and only the responder's port can answer.
		channel.connect(to);
		channel.configureBlocking(false);
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_READ);
			long clock = System.nanoTime();
			long lingerUntil = Long.MAX_VALUE;
			int next = 0;
			while (true) {
				if (Thread.interrupted()) {
					throw new InterruptedException("stream probe cancelled");
				}
				long now = System.nanoTime();
				if (next < planned && now - (clock + next * interval) >= 0) {
					byte[] id = Stun.newTransactionId();
					pending.put(ByteBuffer.wrap(id), next);
					sentAt[next] = System.nanoTime();
					try {
						channel.send(ByteBuffer.wrap(Stun.bindingRequest(id, username, session.serverPassword(),
								request.packetBytes())), to);
					} catch (PortUnreachableException closed) {
						portUnreachable = true;
					}
					if (++next == planned) {
						lingerUntil = sentAt[next - 1] + linger(roundTrip).toNanos();
					}
					continue;
				}
				long wakeAt = next < planned ? clock + next * interval : lingerUntil;
				if (next == planned && (now - lingerUntil >= 0 || pending.isEmpty())) {
					break;
				}
				long waitMillis = TimeUnit.NANOSECONDS.toMillis(wakeAt - now);
				if (waitMillis > 0) {
					selector.select(waitMillis);
				} else {
					selector.selectNow();
				}
				selector.selectedKeys().clear();
				while (true) {
					buffer.clear();
					try {
						if (channel.receive(buffer) == null) {
							break;
						}
					} catch (PortUnreachableException closed) {
						portUnreachable = true;
						break;
					}
					long arrivedAt = System.nanoTime();
					try {
						StunMessage answer = Stun.decode(buffer.array(), 0, buffer.position());
						Integer sequence = pending.get(ByteBuffer.wrap(answer.transactionId()));
						if (sequence != null && answer.type() == Stun.BINDING_SUCCESS
								&& Stun.hasValidIntegrity(answer, session.serverPassword())) {
							pending.remove(ByteBuffer.wrap(answer.transactionId()));
							roundTrip[sequence] = arrivedAt - sentAt[sequence];
							answerBytes = answer.size();
						}
					} catch (ProtocolException junk) {
						// not an answer of ours; only authenticated answers count
					}
				}
			}
		}
		List<StreamSample> samples = new ArrayList<>(planned);
		for (int i = 0; i < planned; i++) {
			samples.add(new StreamSample(i, Duration.ofNanos(sentAt[i] - sentAt[0]),
					roundTrip[i] < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(roundTrip[i]))));
		}
		return new Stream(samples, answerBytes, portUnreachable);
	}

	/**
	 * How long to wait for the last answers: four times the slowest round trip seen, within
	 * 200 ms-1 s, so a late answer is still counted but a lost one does not hold the result.
	 */
	static Duration linger(long[] roundTripNanos) {
		long slowest = Arrays.stream(roundTripNanos).max().orElse(-1);
		if (slowest < 0) {
			return MAX_LINGER;
		}
		Duration wait = Duration.ofNanos(slowest * 4);
		return wait.compareTo(MIN_LINGER) < 0 ? MIN_LINGER : wait.compareTo(MAX_LINGER) > 0 ? MAX_LINGER : wait;
	}

	/** A few distinct ports spread over the range, ascending, as the control channel wants them. */
	static int[] serverPortChoices(PortRange range) {
		int count = Math.min(SERVER_PORT_CHOICES, range.size());
		int first = range.first() + RANDOM.nextInt(range.size());
		int[] ports = new int[count];
		for (int i = 0; i < count; i++) {
			ports[i] = range.first() + (first - range.first() + (int) ((long) i * range.size() / count)) % range.size();
		}
		Arrays.sort(ports);
		return ports;
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static String token(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}
}
