package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.NatObservation;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
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

	private final ProbeCoordination coordination;
	/** Where the checks go instead of the responder's media address, if anywhere. */
	private final InetAddress mediaOverride;
	/** The ICMP errors this sweep heard, and the follow-up that reads them. */
	private final IcmpReading icmp;

	CooperativeSweep(UdpRangeProbeRequest request, ProbeSettings settings) {
		this(request, settings, new ProbeCoordination());
	}

	CooperativeSweep(UdpRangeProbeRequest request, ProbeSettings settings, ProbeCoordination coordination) {
		this(request, settings, coordination, null);
	}

	/**
	 * @param mediaOverride where to send the checks instead of the media address the responder names
	 *        (the address it was reached at, for a PBX behind NAT whose responder was not told its public one)
	 */
	private CooperativeSweep(UdpRangeProbeRequest request, ProbeSettings settings, ProbeCoordination coordination,
			InetAddress mediaOverride) {
		this.mediaOverride = mediaOverride;
		this.request = request;
		this.settings = settings;
		this.coordination = coordination;
		this.icmp = new IcmpReading(request.clientPorts(), settings, coordination);
		this.rate = request.packetsPerSecond() > 0 ? request.packetsPerSecond() : settings.packetsPerSecond();
	}

	static byte[] secret(String field, java.util.Optional<String> reference) {
		String file = reference.orElseThrow(() -> new IllegalArgumentException(
				field + ": a responder needs the secret file it shares with this probe"));
		return SecretFiles.read(field, Path.of(file));
	}

	UdpRangeProbe run() throws IOException, InterruptedException {
		// A sweep that leaves no port outside its sample waits for a running ICE probe (≤ its bound)
		java.util.concurrent.locks.Lock exclusive = coordination.forSweep(request.serverPorts(), request.clientPorts(),
				request.mode(), settings.sampleSize());
		return ProbeCoordination.holding(exclusive, 30_000, this::sweep);
	}

	private UdpRangeProbe sweep() throws IOException, InterruptedException {
		long start = System.nanoTime();
		HostAndPort responder = request.responder().orElseThrow();
		byte[] secret = secret("secretReference", request.secretReference());
		InetAddress server = UdpEndpoints.resolve("server", request.server());
		InetSocketAddress control = new InetSocketAddress(UdpEndpoints.resolve("responder", responder.host()),
				responder.port());
		List<String> caveats = new ArrayList<>();
		int[] serverSample = PortSelection.select(request.serverPorts(), request.mode(), settings.sampleSize());
		// A full sweep visits every server port; the client range (16384 ports by default) stays sampled, and
		// its edge pass finds where its ports really change
		int[] clientSample = PortSelection.select(request.clientPorts(), SweepMode.SAMPLE, settings.sampleSize());
		Pass sample = pass(control, secret, server, serverSample, serverSample, clientSample, caveats);
		Outcomes forward = sample.forward();
		Outcomes reverse = sample.reverse();
		int limit = 4 * settings.sampleSize();
		int[] serverEdges = PortSelection.edges(forward.ports(), limit);
		int[] clientEdges = PortSelection.edges(reverse.ports(), limit);
		if (serverEdges.length + clientEdges.length > 0) {
			// The ports between samples are an ICE agent's first choice (ProbeCoordination): a running
			// ICE probe (≤ its bound) ends before they are bound here. A session binds at least one server
			// port even when only the client side has edges (not probed again).
			// The client edges' checks go out to a server port that passes, so the one bound is such a port.
			int passing = passedEver.nextSetBit(0);
			int[] sessionPorts = serverEdges.length > 0 ? serverEdges
					: new int[] { passing >= 0 ? passing : serverSample[0] };
			Pass edges = ProbeCoordination.holding(coordination.exclusive(), 30_000,
					() -> pass(control, secret, server, sessionPorts, serverEdges, clientEdges, caveats));
			forward = forward.plus(edges.forward());
			reverse = reverse.plus(edges.reverse());
			caveats.add("Where the sample turned from passing to blocked, the " + (serverEdges.length + clientEdges.length)
					+ " ports between those two samples were probed one by one, so each run ends where the ports really"
					+ " change.");
		}
		if (unroutable != null) {
			caveats.add("no route from this client to " + unroutable + ", where the responder's ports are bound: no check"
					+ " could be sent there, so none arrived");
		}
		if (icmp.closedHeard > 0) {
			caveats.add(icmp.closedHeard + " server ports the responder holds answered with ICMP port-unreachable: a filter"
					+ " rejects them (the default answer of nft, iptables and ufw reject), or the checks reach a host other"
					+ " than the responder's (an edge that does not forward them)");
		}
		if (!locallyBlocked.isEmpty()) {
			caveats.add("this machine's own firewall refused to send checks to " + locallyBlocked.cardinality()
					+ " server ports (the send failed locally: Operation not permitted)");
		}
		if (forward.ports().containsValue(PortOutcome.SILENT)) {
			caveats.add("SILENT server ports: the responder confirms the checks never arrived, so UDP to them is blocked."
					+ " Whether a filter dropped them or rejected them is told only by ICMP errors, which hosts rate-limit"
					+ " (about one per second per destination); a rejected port can therefore read SILENT.");
		}
		if (icmp.rejectedHeard > 0) {
			caveats.add("An ICMP error (a filter's reject) answered " + icmp.rejectedHeard + " of " + icmp.rejectedAsked
					+ " silent server ports re-asked from connected sockets; silent ports between two rejected ones"
					+ " are counted REJECTED, because ICMP errors are rate-limited.");
		}
		if (unjudgedClientPorts > 0) {
			caveats.add(unjudgedClientPorts + " client ports were not judged in the server-to-client direction: their own"
					+ " check never reached the server, so no check could come back along its path");
		}
		Optional<NatObservation> nat = localAddress == null ? Optional.empty() : nat(localAddress);
		nat.filter(NatObservation::behindNat).ifPresent(n -> caveats.add("this client is behind NAT: " + n.localAddress()
				+ " is seen by the server as " + n.mappedAddress()));
		UdpRangeProbe result = new UdpRangeProbe(request, true,
				List.of(forward.toResult(Direction.CLIENT_TO_SERVER), reverse.toResult(Direction.SERVER_TO_CLIENT)), caveats,
				Duration.ofNanos(System.nanoTime() - start), nat,
				Optional.ofNullable(mediaTarget).filter(m -> !m.equals(server)).map(InetAddress::getHostAddress));
		return behindNatEdge(result, forward, control.getAddress(), start);
	}

	/**
	 * Nothing reached the media address the responder named, and it is not the address the responder
	 * was reached at: a PBX behind a port-forwarding edge whose responder was not told its public
	 * address (--public-address) names its private one. Where the checks do pass at the address the
	 * responder was reached at, that is where a softphone's media reaches the PBX, and the report says so.
	 */
	private UdpRangeProbe behindNatEdge(UdpRangeProbe named, Outcomes forward, InetAddress reachedAt, long start)
			throws IOException, InterruptedException {
		if (mediaOverride != null || mediaTarget == null || mediaTarget.equals(reachedAt)
				|| !forward.ports().values().stream().allMatch(o -> o == PortOutcome.SILENT || o == PortOutcome.UNREACHABLE
						|| o == PortOutcome.IN_USE)) {
			return named;
		}
		UdpRangeProbe there = new CooperativeSweep(request, settings, coordination, reachedAt).sweep();
		boolean passes = there.directions().stream().filter(d -> d.direction() == Direction.CLIENT_TO_SERVER)
				.anyMatch(d -> d.runs().stream().anyMatch(r -> r.outcome() == PortOutcome.PASS));
		if (!passes) {
			return named;
		}
		List<String> caveats = new ArrayList<>(there.caveats());
		caveats.add(0, "the responder names " + mediaTarget.getHostAddress() + " as its media address, which this client"
				+ " cannot reach, but its ports answer at " + reachedAt.getHostAddress() + ", where the responder was reached:"
				+ " the PBX sits behind NAT (a port forward on an edge), and the checks went there, as a softphone's media does"
				+ " when the PBX announces that address; run the responder with --public-address " + reachedAt.getHostAddress());
		return new UdpRangeProbe(there.request(), true, there.directions(), caveats,
				Duration.ofNanos(System.nanoTime() - start), there.nat(), Optional.of(reachedAt.getHostAddress()));
	}

	/** One direction's outcome per probed port, and how many checks went out and arrived. */
	private record Outcomes(Map<Integer, PortOutcome> ports, int sent, int arrived) {

		Outcomes plus(Outcomes more) {
			Map<Integer, PortOutcome> all = new TreeMap<>(ports);
			all.putAll(more.ports);
			return new Outcomes(all, sent + more.sent, arrived + more.arrived);
		}

		DirectionResult toResult(Direction direction) {
			return new DirectionResult(direction, PortSelection.runs(ports), sent, arrived);
		}
	}

	/** Both directions of one responder session. */
	private record Pass(Outcomes forward, Outcomes reverse) {
	}

	/**
	 * One session on its own control connection: the responder binds {@code sessionPorts}; the checks go
	 * to {@code serverPorts} of them, then from the responder to {@code clientPorts}.
	 */
	private Pass pass(InetSocketAddress control, byte[] secret, InetAddress server, int[] sessionPorts, int[] serverPorts,
			int[] clientPorts, List<String> caveats) throws IOException, InterruptedException {
		try (ControlClient client = ControlClient.connect(control, secret, request.responderFingerprint().orElse(null),
				settings.controlTimeout())) {
			client.setTimeout(settings.controlTimeout().plus(Duration.ofSeconds(30)));
			InetAddress local = client.localAddress().getAddress();
			localAddress = local;
			SessionOpened session = client.call(new OpenSession(SessionKind.UDP, sessionPorts, ufrag, password),
					SessionOpened.class);
			InetAddress media = mediaOverride != null ? mediaOverride : UdpEndpoints.mediaTarget(server, session.mediaAddress());
			mediaTarget = media;
			if (answerWait == null) {
				// the answer wait follows the path's round trip (an empty account costs one)
				long asked = System.nanoTime();
				client.call(new QueryReceived(), Received.class);
				answerWait = settings.answerWait(Duration.ofNanos(System.nanoTime() - asked));
				if (!media.equals(server)) {
					caveats.add("the responder's ports are bound on " + media.getHostAddress() + ", not on "
							+ server.getHostAddress() + ": the checks went there, as a softphone's media goes to the"
							+ " address the server's ICE candidates offer");
				} else if (!session.mediaAddress().equals(server.getHostAddress())) {
					caveats.add("checks went to " + server.getHostAddress() + "; the responder's ports are bound on "
							+ session.mediaAddress());
				}
			}
			// one SYN beside the checks: if every check is silent, it tells a router without a route from a filter
			MediaReach reach = serverPorts.length > 0 && passedEver.isEmpty()
					? MediaReach.start(media, serverPorts[0], max(answerWait.plusMillis(600), Duration.ofMillis(1300))) : null;
			Outcomes forward;
			try {
				forward = unroutedIfSilent(forward(client, local, media, session, serverPorts), reach, media, caveats);
			} finally {
				if (reach != null) {
					reach.close();
				}
			}
			forward.ports().forEach((port, outcome) -> {
				if (outcome == PortOutcome.PASS) {
					passedEver.set(port);
				}
			});
			int[] passing = Arrays.stream(session.bound()).filter(passedEver::get).toArray();
			ReversePass.Result back = new ReversePass(client, local, media, session, ufrag, password, request.clientPorts(),
					answerWait, settings.reverseBatch(), rate).run(clientPorts, passing);
			if (seenAs == null && !back.seenAs().isEmpty()) {
				seenAs = back.seenAs();
			}
			unjudgedClientPorts += back.unjudged();
			Outcomes reverse = new Outcomes(back.outcomes(), back.sent(), back.arrived());
			client.call(new CloseSession(), org.mediapath.protocol.ControlMessage.SessionClosed.class);
			return new Pass(forward, reverse);
		}
	}

	private Outcomes forward(ControlClient client, InetAddress local, InetAddress server, SessionOpened session,
			int[] serverPorts) throws IOException, InterruptedException {
		if (serverPorts.length == 0) {
			return new Outcomes(Map.of(), 0, 0);
		}
		BitSet answered = new BitSet(65536);
		BitSet bound = new BitSet(65536);
		for (int p : session.bound()) {
			bound.set(p);
		}
		if (!UdpEndpoints.routable(local, server, serverPorts[0])) {
			// No route from here to where the media goes (a multi-homed server's second address): no
			// check can leave, so none arrives; the route check names the missing route.
			unroutable = server.getHostAddress();
			Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
			for (int port : serverPorts) {
				outcomes.put(port, bound.get(port) ? PortOutcome.UNREACHABLE : PortOutcome.IN_USE);
			}
			return new Outcomes(outcomes, 0, 0);
		}
		List<DatagramChannel> sockets = new ArrayList<>();
		try (Selector selector = Selector.open()) {
			// a softphone may be given a client range of a few ports only
			for (int i = 0; i < Math.min(settings.socketsPerSweep(), request.clientPorts().size()); i++) {
				DatagramChannel channel = UdpEndpoints.bindInRange(local, request.clientPorts(), -1);
				sockets.add(channel);
				// thousands of answers arrive back to back on a few sockets (the kernel caps this at rmem_max)
				channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ);
			}
			String username = session.serverUfrag() + ":" + ufrag;
			Map<ByteBuffer, Integer> pending = new HashMap<>();
			TokenBucket pace = new TokenBucket(rate, Math.max(1, Math.min(rate / 100, 64)));
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			// A filter's ICMP error reaches only a connected socket, and a host sends about six in a burst
			// per destination, then one per second: the sweep's own checks would use that burst up unheard.
			// So the first checks, to both ends and a spread of the sample, go out from connected sockets.
			// They take client ports of their own, so a small client range keeps room for them or goes without.
			int spare = Math.max(0, request.clientPorts().size() - sockets.size());
			for (int port : IcmpReading.icmpFirst(serverPorts, bound, spare)) {
				DatagramChannel connected;
				try {
					connected = UdpEndpoints.bindInRange(local, request.clientPorts(), -1);
				} catch (IOException noPort) {
					break; // another program holds the client ports: the sweep works without ICMP-first checks
				}
				sockets.add(connected);
				connected.configureBlocking(false);
				connected.connect(new InetSocketAddress(server, port));
				connected.register(selector, SelectionKey.OP_READ, port);
				pace.take();
				byte[] id = Stun.newTransactionId();
				pending.put(ByteBuffer.wrap(id), port);
				try {
					connected.write(ByteBuffer.wrap(Stun.bindingRequest(id, username, session.serverPassword())));
				} catch (PortUnreachableException nobody) {
					icmp.heardClosed.add(port);
				} catch (IOException error) {
					if (refusedLocally(error)) {
						locallyBlocked.set(port);
					} else {
						icmp.heardRejected.add(port);
					}
				}
			}
			List<DatagramChannel> senders = sockets.stream().filter(c -> !c.isConnected()).toList();
			for (int round = 0;; round++) {
				// Where some ports answered, the silent ones may be loss rather than a filter (a loaded path
				// drops bursts at random; a filter drops ranges): they get one more round, at a gentler pace
				boolean partial = !answered.isEmpty();
				if (round > settings.retries() + (partial ? 1 : 0)) {
					break;
				}
				TokenBucket roundPace = round > 0 && partial ? new TokenBucket(Math.max(1000, rate / 4), 16) : pace;
				int sent = 0;
				for (int port : serverPorts) {
					if (!bound.get(port) || answered.get(port)) {
						continue;
					}
					if (locallyBlocked.get(port)) {
						continue;
					}
					roundPace.take();
					byte[] id = Stun.newTransactionId();
					pending.put(ByteBuffer.wrap(id), port);
					try {
						senders.get(sent++ % senders.size()).send(
								ByteBuffer.wrap(Stun.bindingRequest(id, username, session.serverPassword())),
								new InetSocketAddress(server, port));
					} catch (IOException e) {
						if (!refusedLocally(e)) {
							throw e;
						}
						locallyBlocked.set(port); // this machine's own output filter: the check never left
					}
					drain(selector, buffer, pending, answered, session.serverPassword());
				}
				if (sent == 0) {
					break;
				}
				long deadline = System.nanoTime() + answerWait.toNanos();
				while (System.nanoTime() < deadline && !allAnswered(serverPorts, bound, answered)) {
					selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
					drain(selector, buffer, pending, answered, session.serverPassword());
				}
				drain(selector, buffer, pending, answered, session.serverPassword()); // what already arrived counts
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
			} else if (locallyBlocked.get(port)) {
				outcome = PortOutcome.BLOCKED_LOCALLY;
			} else {
				outcome = PortOutcome.SILENT;
				silent.add(port);
			}
			outcomes.put(port, outcome);
		}
		if (!silent.isEmpty()) {
			icmp.followUp(local, server, silent, outcomes);
		} else {
			icmp.forget();
		}
		return new Outcomes(outcomes, (int) outcomes.values().stream().filter(o -> o != PortOutcome.IN_USE).count(), arrived);
	}

	/** Server ports a check of this sweep reached, in any pass. */
	private final BitSet passedEver = new BitSet(65536);
	/** The client's address and port as the responder saw a check of the reverse pass come, if one did. */
	private String seenAs;
	/** Client ports the reverse pass could not judge: their own check never reached the server. */
	private int unjudgedClientPorts;
	/** The public address and port each sender socket's checks were seen from, by local port and destination port. */
	private final Map<Integer, Map<Integer, InetSocketAddress>> mappings = new HashMap<>();
	/** Server ports this machine's own firewall refused to send checks to (EPERM). */
	private final BitSet locallyBlocked = new BitSet(65536);
	/** Where the checks went: the responder's (or the PBX's announced) media address. */
	private InetAddress mediaTarget;
	/** The address this client's checks left from. */
	private InetAddress localAddress;

	/** The media address this machine has no route to, when the forward checks could not be sent. */
	private String unroutable;

	/** The answer wait of this sweep, from its control channel's round trip. */
	private Duration answerWait;

	private static boolean allAnswered(int[] ports, BitSet bound, BitSet answered) {
		for (int p : ports) {
			if (bound.get(p) && !answered.get(p)) {
				return false;
			}
		}
		return true;
	}

	/** Reads what arrived: authenticated answers, and the ICMP errors the ICMP-first sockets hear. */
	private void drain(Selector selector, ByteBuffer buffer, Map<ByteBuffer, Integer> pending, BitSet answered,
			String serverPassword) throws IOException {
		selector.selectNow();
		for (SelectionKey key : selector.selectedKeys()) {
			DatagramChannel channel = (DatagramChannel) key.channel();
			while (key.isValid()) {
				buffer.clear();
				SocketAddress from;
				try {
					from = channel.receive(buffer);
				} catch (PortUnreachableException nobody) {
					icmp.heardClosed.add((Integer) key.attachment()); // only the ICMP-first sockets are connected
					key.cancel();
					break;
				} catch (IOException error) {
					if (!channel.isConnected()) {
						throw error;
					}
					icmp.heardRejected.add((Integer) key.attachment()); // admin-prohibited and its kin: a filter said no
					key.cancel();
					break;
				}
				if (from == null) {
					break;
				}
				try {
					StunMessage message = Stun.decode(buffer.array(), 0, buffer.position());
					Integer port = pending.remove(ByteBuffer.wrap(message.transactionId()));
					if (port != null && message.type() == Stun.BINDING_SUCCESS
							&& Stun.hasValidIntegrity(message, serverPassword)) {
						answered.set(port);
						recordMapping(channel, port, message);
					}
				} catch (ProtocolException junk) {
					// not ours; the sweep only counts answers it can authenticate
				}
			}
		}
		selector.selectedKeys().clear();
	}

	/** Remembers where the responder saw this socket's check to {@code serverPort} come from (XOR-MAPPED-ADDRESS). */
	private void recordMapping(DatagramChannel channel, int serverPort, StunMessage answer) {
		try {
			InetSocketAddress mapped = Stun.xorMappedAddress(answer);
			int localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			mappings.computeIfAbsent(localPort, k -> new HashMap<>()).put(serverPort, mapped);
		} catch (IOException | ProtocolException | RuntimeException noMapping) {
			// an answer without a mapped address still proves the check arrived
		}
	}

	/** @return the NAT seen from the answers' mapped addresses and the reverse pass, if any answer told */
	private Optional<NatObservation> nat(InetAddress local) {
		Set<String> addresses = new HashSet<>();
		mappings.values().forEach(m -> m.values().forEach(a -> addresses.add(a.getAddress().getHostAddress())));
		String mapped = addresses.stream().findFirst()
				.orElse(seenAs == null ? null : seenAs.substring(0, Math.max(0, seenAs.lastIndexOf(':'))));
		if (mapped == null || mapped.isEmpty()) {
			return Optional.empty();
		}
		String own = local.getHostAddress();
		boolean translated = !mapped.equals(own) || mappings.entrySet().stream()
				.anyMatch(e -> e.getValue().values().stream().anyMatch(a -> a.getPort() != e.getKey()));
		if (!translated) {
			return Optional.of(new NatObservation(own, mapped, NatObservation.NatMapping.NONE));
		}
		boolean told = false;
		for (Map<Integer, InetSocketAddress> byDestination : mappings.values()) {
			if (byDestination.size() < 2) {
				continue;
			}
			told = true;
			if (byDestination.values().stream().map(InetSocketAddress::getPort).distinct().count() > 1) {
				return Optional.of(new NatObservation(own, mapped, NatObservation.NatMapping.ADDRESS_PORT_DEPENDENT));
			}
		}
		return Optional.of(new NatObservation(own, mapped,
				told ? NatObservation.NatMapping.ENDPOINT_INDEPENDENT : NatObservation.NatMapping.UNKNOWN));
	}

	/**
	 * Every check was silent and a router answered the SYN with network unreachable: the silence is a
	 * route missing on the way to the media address, not a filter.
	 */
	private static Outcomes unroutedIfSilent(Outcomes forward, MediaReach reach, InetAddress media, List<String> caveats) {
		if (reach == null || forward.ports().isEmpty()
				|| !forward.ports().values().stream().allMatch(o -> o == PortOutcome.SILENT || o == PortOutcome.IN_USE)) {
			return forward;
		}
		// "Network is unreachable", or "No route to host" while no UDP check heard an ICMP error: the
		// sweep's first checks met the hosts' full ICMP burst, so a filter's administratively-prohibited
		// reject would have answered them too; a router's host-unreachable reaches only TCP
		org.mediapath.api.probe.TcpOutcome tcp = reach.outcome();
		if (tcp != org.mediapath.api.probe.TcpOutcome.UNREACHABLE && tcp != org.mediapath.api.probe.TcpOutcome.REJECTED) {
			return forward;
		}
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		forward.ports().forEach((p, o) -> outcomes.put(p, o == PortOutcome.SILENT ? PortOutcome.UNREACHABLE : o));
		caveats.add("a router on the way has no route to " + media.getHostAddress() + " (a TCP attempt to it met: "
				+ reach.detail() + ", while no UDP check heard an ICMP error), so the checks never reached it");
		return new Outcomes(outcomes, forward.sent(), forward.arrived());
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	/** A send that fails with EPERM never left this machine: its own output filter refused it. */
	static boolean refusedLocally(IOException e) {
		return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("operation not permitted");
	}

	private static String token(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}
}
