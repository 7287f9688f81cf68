package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.protocol.ProtocolException;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;
import org.mediapath.protocol.TokenBucket;

/**
 * The UDP probe without a responder, against a real PBX's media ports. Each check is a Binding
 * request with a made-up USERNAME, which draws a 401 from ice4j and a 400 from libwebrtc: any
 * answer proves a live agent and an open path. Checks leave from connected sockets, because only
 * those hear ICMP: port-unreachable (open path, nobody listens) and admin-prohibited (a filter
 * said no). Silence stays "open or filtered", and the result says so.
 */
final class UncooperativeSweep {

	private final UdpRangeProbeRequest request;
	private final ProbeSettings settings;
	private final int rate;

	UncooperativeSweep(UdpRangeProbeRequest request, ProbeSettings settings) {
		this.request = request;
		this.settings = settings;
		this.rate = request.packetsPerSecond() > 0 ? request.packetsPerSecond() : settings.packetsPerSecond();
	}

	UdpRangeProbe run() throws IOException, InterruptedException {
		long start = System.nanoTime();
		InetAddress server = UdpEndpoints.resolve("server", request.server());
		int[] ports = PortSelection.select(request.serverPorts(), request.mode(), settings.sampleSize());
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		Map<Integer, Integer> errorCodes = new LinkedHashMap<>();
		TokenBucket pace = new TokenBucket(rate, Math.max(1, Math.min(rate / 100, 64)));
		for (int from = 0; from < ports.length; from += settings.icmpBatch()) {
			int[] batch = Arrays.copyOfRange(ports, from, Math.min(ports.length, from + settings.icmpBatch()));
			probeBatch(server, batch, pace, settings.answerWait(), outcomes, errorCodes);
		}
		List<Integer> silent = outcomes.entrySet().stream().filter(e -> e.getValue() == PortOutcome.SILENT)
				.map(Map.Entry::getKey).toList();
		// ICMP errors are rate-limited per destination on real interfaces: re-ask a few silent
		// ports slowly, spread over the range, before calling them silent.
		List<Integer> followUps = spread(silent, settings.icmpFollowUps());
		for (int port : followUps) {
			Thread.sleep(settings.icmpFollowUpSpacing().toMillis());
			probeBatch(server, new int[] { port }, pace, settings.icmpFollowUpSpacing(), outcomes, errorCodes);
		}
		int answered = (int) outcomes.values().stream().filter(o -> o == PortOutcome.PASS).count();
		List<String> caveats = new ArrayList<>();
		caveats.add("No responder took part: SILENT means open or filtered (nothing answered and no ICMP error came back); "
				+ "only PASS (an ICE agent answered) and CLOSED/REJECTED (an ICMP error) are conclusive.");
		caveats.add("Routers and hosts rate-limit ICMP errors (Linux sends about one per second per destination by default), "
				+ "so a port counted SILENT may be closed; " + followUps.size() + " silent ports were re-probed "
				+ settings.icmpFollowUpSpacing().toMillis() + " ms apart.");
		caveats.add("The server-to-client direction needs a responder and was not probed.");
		if (!errorCodes.isEmpty()) {
			caveats.add("STUN error codes seen (401: an ice4j-style agent, 400: a libwebrtc-style agent): "
					+ new TreeSet<>(errorCodes.values()));
		}
		DirectionResult forward = new DirectionResult(Direction.CLIENT_TO_SERVER, PortSelection.runs(outcomes),
				ports.length + followUps.size(), answered);
		return new UdpRangeProbe(request, false, List.of(forward), caveats, Duration.ofNanos(System.nanoTime() - start));
	}

	private static List<Integer> spread(List<Integer> ports, int count) {
		if (ports.size() <= count) {
			return ports;
		}
		List<Integer> picked = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			picked.add(ports.get((int) ((long) i * (ports.size() - 1) / Math.max(1, count - 1))));
		}
		return picked.stream().distinct().toList();
	}

	private void probeBatch(InetAddress server, int[] batch, TokenBucket pace, Duration wait,
			Map<Integer, PortOutcome> outcomes, Map<Integer, Integer> errorCodes) throws IOException, InterruptedException {
		InetAddress local = localAddressTowards(server);
		List<DatagramChannel> channels = new ArrayList<>();
		Map<DatagramChannel, byte[]> ids = new LinkedHashMap<>();
		try (Selector selector = Selector.open()) {
			for (int port : batch) {
				DatagramChannel channel = UdpEndpoints.bindInRange(local, request.clientPorts(), -1);
				channels.add(channel);
				channel.configureBlocking(false);
				channel.connect(new InetSocketAddress(server, port));
				channel.register(selector, SelectionKey.OP_READ, port);
				byte[] id = Stun.newTransactionId();
				ids.put(channel, id);
				outcomes.put(port, PortOutcome.SILENT);
				pace.take();
				try {
					channel.write(ByteBuffer.wrap(Stun.bindingRequest(id, "mediapath:" + Long.toHexString(System.nanoTime()), null)));
				} catch (PortUnreachableException e) {
					outcomes.put(port, PortOutcome.CLOSED);
				} catch (IOException e) {
					outcomes.put(port, PortOutcome.REJECTED);
				}
			}
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			long deadline = System.nanoTime() + wait.toNanos();
			int open = batch.length;
			while (open > 0 && System.nanoTime() < deadline) {
				selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				for (SelectionKey key : selector.selectedKeys()) {
					DatagramChannel channel = (DatagramChannel) key.channel();
					int port = (Integer) key.attachment();
					buffer.clear();
					try {
						if (channel.read(buffer) <= 0) {
							continue;
						}
						StunMessage reply = Stun.decode(buffer.array(), 0, buffer.position());
						if (Arrays.equals(reply.transactionId(), ids.get(channel)) && reply.isResponse()) {
							outcomes.put(port, PortOutcome.PASS);
							Stun.errorCode(reply).ifPresent(code -> errorCodes.put(port, code));
						}
					} catch (PortUnreachableException e) {
						outcomes.put(port, PortOutcome.CLOSED);
					} catch (ProtocolException notStun) {
						continue;
					} catch (IOException e) {
						// admin-prohibited and its kin surface as a plain IOException on NIO
						outcomes.put(port, PortOutcome.REJECTED);
					}
					key.cancel();
					open--;
				}
				selector.selectedKeys().clear();
			}
		} finally {
			channels.forEach(UdpEndpoints::closeQuietly);
		}
	}

	/** The local address the routing table picks for the server; a UDP connect sends nothing. */
	static InetAddress localAddressTowards(InetAddress server) throws IOException {
		try (DatagramChannel probe = DatagramChannel.open()) {
			probe.connect(new InetSocketAddress(server, 9));
			return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
		}
	}
}
