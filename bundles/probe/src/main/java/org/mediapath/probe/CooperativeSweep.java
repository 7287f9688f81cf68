package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.ChecksSent;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SendChecks;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ProtocolException;
import org.mediapath.protocol.SecretFiles;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;
import org.mediapath.protocol.TokenBucket;

/**
 * The cooperative UDP range probe: STUN checks from the client's ports to the responder's, pipelined
 * over a few sockets and told apart by transaction id, then the responder's checks to the client's
 * ports; each direction judged by what actually arrived, so SILENT is conclusive.
 */
final class CooperativeSweep {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final UdpRangeProbeRequest request;
	private final ProbeSettings settings;
	private final int rate;
	private final String ufrag = token(4);
	private final String password = token(12);

	CooperativeSweep(UdpRangeProbeRequest request, ProbeSettings settings) {
		this.request = request;
		this.settings = settings;
		this.rate = request.packetsPerSecond() > 0 ? request.packetsPerSecond() : settings.packetsPerSecond();
	}

	static byte[] secret(String field, java.util.Optional<String> reference) {
		String file = reference.orElseThrow(() -> new IllegalArgumentException(
				field + ": a responder needs the secret file it shares with this probe"));
		return SecretFiles.read(field, Path.of(file));
	}

	UdpRangeProbe run() throws IOException, InterruptedException {
		long start = System.nanoTime();
		HostAndPort responder = request.responder().orElseThrow();
		byte[] secret = secret("secretReference", request.secretReference());
		InetAddress server = UdpEndpoints.resolve("server", request.server());
		InetSocketAddress control = new InetSocketAddress(UdpEndpoints.resolve("responder", responder.host()),
				responder.port());
		List<String> caveats = new ArrayList<>();
		try (ControlClient client = ControlClient.connect(control, secret, settings.controlTimeout())) {
			client.setTimeout(settings.controlTimeout().plus(Duration.ofSeconds(30)));
			InetAddress local = client.localAddress().getAddress();
			int[] serverPorts = PortSelection.select(request.serverPorts(), request.mode(), settings.sampleSize());
			SessionOpened session = client.call(new OpenSession(SessionKind.UDP, serverPorts, ufrag, password),
					SessionOpened.class);
			if (!session.mediaAddress().equals(server.getHostAddress())) {
				caveats.add("checks went to " + server.getHostAddress() + "; the responder's ports are bound on "
						+ session.mediaAddress());
			}
			DirectionResult forward = forward(client, local, server, session, serverPorts);
			if (rejectedHeard > 0) {
				caveats.add("An ICMP error (a filter's reject) answered " + rejectedHeard + " of " + rejectedAsked
						+ " silent server ports re-asked from connected sockets; silent ports between two rejected ones"
						+ " are counted REJECTED, because ICMP errors are rate-limited.");
			}
			int[] clientPorts = PortSelection.select(request.clientPorts(), request.mode(), settings.sampleSize());
			DirectionResult reverse = reverse(client, local, session, clientPorts);
			client.call(new CloseSession(), org.mediapath.protocol.ControlMessage.SessionClosed.class);
			return new UdpRangeProbe(request, true, List.of(forward, reverse), caveats,
					Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private DirectionResult forward(ControlClient client, InetAddress local, InetAddress server, SessionOpened session,
			int[] serverPorts) throws IOException, InterruptedException {
		BitSet answered = new BitSet(65536);
		BitSet bound = new BitSet(65536);
		for (int p : session.bound()) {
			bound.set(p);
		}
		List<DatagramChannel> sockets = new ArrayList<>();
		try (Selector selector = Selector.open()) {
			for (int i = 0; i < settings.socketsPerSweep(); i++) {
				DatagramChannel channel = UdpEndpoints.bindInRange(local, request.clientPorts(), -1);
				sockets.add(channel);
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ);
			}
			String username = session.serverUfrag() + ":" + ufrag;
			Map<ByteBuffer, Integer> pending = new HashMap<>();
			TokenBucket pace = new TokenBucket(rate, Math.max(1, Math.min(rate / 100, 64)));
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			for (int round = 0; round <= settings.retries(); round++) {
				int sent = 0;
				for (int port : serverPorts) {
					if (!bound.get(port) || answered.get(port)) {
						continue;
					}
					pace.take();
					byte[] id = Stun.newTransactionId();
					pending.put(ByteBuffer.wrap(id), port);
					sockets.get(sent++ % sockets.size()).send(
							ByteBuffer.wrap(Stun.bindingRequest(id, username, session.serverPassword())),
							new InetSocketAddress(server, port));
					drain(selector, buffer, pending, answered, session.serverPassword());
				}
				if (sent == 0) {
					break;
				}
				long deadline = System.nanoTime() + settings.answerWait().toNanos();
				while (System.nanoTime() < deadline && !allAnswered(serverPorts, bound, answered)) {
					selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
					drain(selector, buffer, pending, answered, session.serverPassword());
				}
				if (allAnswered(serverPorts, bound, answered)) {
					break;
				}
			}
		} finally {
			sockets.forEach(UdpEndpoints::closeQuietly);
		}
		BitSet seen = new BitSet(65536);
		for (int p : client.call(new QueryReceived(), Received.class).ports()) {
			seen.set(p);
		}
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		int arrived = 0;
		List<Integer> silent = new ArrayList<>();
		for (int port : serverPorts) {
			PortOutcome outcome;
			if (!bound.get(port)) {
				outcome = PortOutcome.IN_USE;
			} else if (seen.get(port) || answered.get(port)) {
				outcome = PortOutcome.PASS;
				arrived++;
			} else {
				outcome = PortOutcome.SILENT;
				silent.add(port);
			}
			outcomes.put(port, outcome);
		}
		if (!silent.isEmpty()) {
			rejectedFollowUp(local, server, silent, outcomes);
		}
		return new DirectionResult(Direction.CLIENT_TO_SERVER, PortSelection.runs(outcomes), serverPorts.length - session.inUse().length,
				arrived);
	}

	/**
	 * The responder proved that nothing arrived on the silent ports; whether a filter dropped the
	 * checks or said no is told by ICMP, which only a connected socket hears. One batch of connected
	 * sockets re-asks a spread of the silent ports; those answered by an ICMP error are REJECTED, and
	 * silent ports lying between two REJECTED ones of the same silent stretch are REJECTED too,
	 * because hosts rate-limit ICMP errors (about one per second per destination on Linux) and a
	 * filter rejects a range, not every other port.
	 */
	private void rejectedFollowUp(InetAddress local, InetAddress server, List<Integer> silent,
			Map<Integer, PortOutcome> outcomes) throws IOException {
		int count = Math.min(silent.size(), settings.icmpBatch());
		List<Integer> asked = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = count == 1 ? 0 : (int) ((long) i * (silent.size() - 1) / (count - 1));
			if (asked.isEmpty() || asked.get(asked.size() - 1) != silent.get(index)) {
				asked.add(silent.get(index));
			}
		}
		java.util.Set<Integer> rejected = new java.util.HashSet<>();
		List<DatagramChannel> channels = new ArrayList<>();
		try (Selector selector = Selector.open()) {
			for (int port : asked) {
				DatagramChannel channel;
				try {
					channel = UdpEndpoints.bindInRange(local, request.clientPorts(), -1);
				} catch (IOException noPort) {
					break; // the follow-up is a refinement; SILENT stays true
				}
				channels.add(channel);
				channel.configureBlocking(false);
				channel.connect(new InetSocketAddress(server, port));
				channel.register(selector, SelectionKey.OP_READ, port);
				try {
					channel.write(ByteBuffer.wrap(Stun.bindingRequest(Stun.newTransactionId(), "mediapath:probe", null)));
				} catch (IOException icmp) {
					rejected.add(port);
				}
			}
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			long deadline = System.nanoTime() + Math.min(settings.answerWait().toNanos(), 150_000_000L);
			while (System.nanoTime() < deadline && rejected.size() < channels.size()) {
				selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				for (SelectionKey key : selector.selectedKeys()) {
					buffer.clear();
					try {
						((DatagramChannel) key.channel()).read(buffer);
					} catch (IOException icmp) {
						// port-unreachable cannot happen here (the responder holds the port), so any
						// ICMP error is a filter saying no: admin-prohibited and its kin
						rejected.add((Integer) key.attachment());
						key.cancel();
					}
				}
				selector.selectedKeys().clear();
			}
		} finally {
			channels.forEach(UdpEndpoints::closeQuietly);
		}
		if (rejected.isEmpty()) {
			return;
		}
		int lastRejected = -1;
		for (int i = 0; i < silent.size(); i++) {
			int port = silent.get(i);
			if (rejected.contains(port)) {
				if (lastRejected >= 0) {
					for (int j = lastRejected + 1; j < i; j++) {
						outcomes.put(silent.get(j), PortOutcome.REJECTED);
					}
				}
				outcomes.put(port, PortOutcome.REJECTED);
				lastRejected = i;
			}
		}
		rejectedHeard = rejected.size();
		rejectedAsked = asked.size();
	}

	private int rejectedHeard;
	private int rejectedAsked;

	private static boolean allAnswered(int[] ports, BitSet bound, BitSet answered) {
		for (int p : ports) {
			if (bound.get(p) && !answered.get(p)) {
				return false;
			}
		}
		return true;
	}

	private static void drain(Selector selector, ByteBuffer buffer, Map<ByteBuffer, Integer> pending, BitSet answered,
			String serverPassword) throws IOException {
		selector.selectNow();
		for (SelectionKey key : selector.selectedKeys()) {
			DatagramChannel channel = (DatagramChannel) key.channel();
			while (true) {
				buffer.clear();
				SocketAddress from = channel.receive(buffer);
				if (from == null) {
					break;
				}
				try {
					StunMessage message = Stun.decode(buffer.array(), 0, buffer.position());
					Integer port = pending.remove(ByteBuffer.wrap(message.transactionId()));
					if (port != null && message.type() == Stun.BINDING_SUCCESS
							&& Stun.hasValidIntegrity(message, serverPassword)) {
						answered.set(port);
					}
				} catch (ProtocolException junk) {
					// not ours; the sweep only counts answers it can authenticate
				}
			}
		}
		selector.selectedKeys().clear();
	}

	private DirectionResult reverse(ControlClient client, InetAddress local, SessionOpened session, int[] clientPorts)
			throws IOException {
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		int sent = 0;
		int arrived = 0;
		String expectedUser = ufrag + ":" + session.serverUfrag();
		ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
		for (int from = 0; from < clientPorts.length; from += settings.reverseBatch()) {
			int[] batch = java.util.Arrays.copyOfRange(clientPorts, from,
					Math.min(clientPorts.length, from + settings.reverseBatch()));
			List<DatagramChannel> channels = new ArrayList<>();
			try (Selector selector = Selector.open()) {
				List<Integer> boundPorts = new ArrayList<>();
				for (int port : batch) {
					DatagramChannel channel = DatagramChannel.open();
					try {
						channel.bind(new InetSocketAddress(local, port));
						channel.configureBlocking(false);
						channel.register(selector, SelectionKey.OP_READ, port);
						channels.add(channel);
						boundPorts.add(port);
					} catch (IOException inUse) {
						channel.close();
						outcomes.put(port, PortOutcome.IN_USE);
					}
				}
				int[] ports = boundPorts.stream().mapToInt(Integer::intValue).toArray();
				BitSet got = new BitSet(65536);
				if (ports.length > 0) {
					sent += client.call(new SendChecks(ports, rate), ChecksSent.class).sent();
					long deadline = System.nanoTime() + settings.answerWait().toNanos();
					while (got.cardinality() < ports.length && System.nanoTime() < deadline) {
						selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
						for (SelectionKey key : selector.selectedKeys()) {
							DatagramChannel channel = (DatagramChannel) key.channel();
							while (true) {
								buffer.clear();
								if (channel.receive(buffer) == null) {
									break;
								}
								try {
									StunMessage m = Stun.decode(buffer.array(), 0, buffer.position());
									if (m.type() == Stun.BINDING_REQUEST
											&& m.username().filter(expectedUser::equals).isPresent()
											&& Stun.hasValidIntegrity(m, password)) {
										got.set((Integer) key.attachment());
									}
								} catch (ProtocolException junk) {
									// only authenticated checks count as arrived
								}
							}
						}
						selector.selectedKeys().clear();
					}
				}
				for (int port : ports) {
					outcomes.put(port, got.get(port) ? PortOutcome.PASS : PortOutcome.SILENT);
				}
				arrived += got.cardinality();
			} finally {
				channels.forEach(UdpEndpoints::closeQuietly);
			}
		}
		return new DirectionResult(Direction.SERVER_TO_CLIENT, PortSelection.runs(outcomes), sent, arrived);
	}

	private static String token(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}
}
