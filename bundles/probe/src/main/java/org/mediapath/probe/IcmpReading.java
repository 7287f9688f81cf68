package org.mediapath.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.protocol.Stun;

/**
 * Reads what ICMP says about the server ports the responder proved silent. Linux hands an ICMP error
 * only to a connected socket, and a host sends about six in a burst per destination, then one a
 * second; so the sweep's first checks go out from connected sockets (the errors they hear are kept
 * here), and the silent ports are re-asked from connected sockets afterwards. On ports the responder
 * holds, any ICMP error is a filter's reject (see the probe README's table).
 */
final class IcmpReading {

	private final PortRange clientPorts;
	private final ProbeSettings settings;
	private final ProbeCoordination coordination;

	/** ICMP errors the ICMP-first checks of the current forward pass heard, by server port. */
	final Set<Integer> heardRejected = new HashSet<>();
	final Set<Integer> heardClosed = new HashSet<>();
	/** Counts for the caveats: port-unreachable heard, rejects heard, ports re-asked. */
	int closedHeard;
	int rejectedHeard;
	int rejectedAsked;

	IcmpReading(PortRange clientPorts, ProbeSettings settings, ProbeCoordination coordination) {
		this.clientPorts = clientPorts;
		this.settings = settings;
		this.coordination = coordination;
	}

	/** Forgets what the ICMP-first checks heard: every port passed. */
	void forget() {
		heardRejected.clear();
		heardClosed.clear();
	}

	/**
	 * The responder proved that nothing arrived on the silent ports; whether a filter dropped the
	 * checks or said no is told by ICMP, which only a connected socket hears. One batch of connected
	 * sockets re-asks a spread of the silent ports; those answered by an ICMP error are REJECTED, and
	 * silent ports lying between two REJECTED ones of the same silent stretch are REJECTED too,
	 * because hosts rate-limit ICMP errors (about one per second per destination on Linux) and a
	 * filter rejects a range, not every other port.
	 */
	void followUp(InetAddress local, InetAddress server, List<Integer> silent,
			Map<Integer, PortOutcome> outcomes) throws IOException {
		int count = Math.min(silent.size(), settings.icmpBatch());
		List<Integer> asked = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = count == 1 ? 0 : (int) ((long) i * (silent.size() - 1) / (count - 1));
			if (asked.isEmpty() || asked.get(asked.size() - 1) != silent.get(index)) {
				asked.add(silent.get(index));
			}
		}
		// ICMP errors are rate-limited (per destination and per host, with a small burst): ask the
		// ends first, then halves, quarters, ... so that the errors that do come back span the range
		List<Integer> order = spreadOrder(asked.size()).map(asked::get).toList();
		asked.clear();
		asked.addAll(order);
		// what the ICMP-first checks heard counts, for silent ports (an answer that came later wins)
		Set<Integer> rejected = new HashSet<>(heardRejected);
		Set<Integer> closed = new HashSet<>(heardClosed);
		rejected.retainAll(silent);
		closed.retainAll(silent);
		heardRejected.clear();
		heardClosed.clear();
		asked.removeIf(p -> rejected.contains(p) || closed.contains(p));
		List<DatagramChannel> channels = new ArrayList<>();
		try (Selector selector = Selector.open()) {
			for (int port : asked) {
				DatagramChannel channel;
				try {
					channel = UdpEndpoints.bindInRange(local, clientPorts, -1);
				} catch (IOException noPort) {
					break; // the follow-up is a refinement; SILENT stays true
				}
				channels.add(channel);
				channel.configureBlocking(false);
				channel.connect(new InetSocketAddress(server, port));
				SelectionKey key = channel.register(selector, SelectionKey.OP_READ, port);
				try {
					channel.write(ByteBuffer.wrap(Stun.bindingRequest(Stun.newTransactionId(), "mediapath:probe", null)));
				} catch (PortUnreachableException nobody) {
					closed.add(port);
					key.cancel();
				} catch (IOException icmp) {
					if (!CooperativeSweep.refusedLocally(icmp)) {
						rejected.add(port);
					}
					key.cancel();
				}
			}
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			long deadline = System.nanoTime() + Math.min(settings.answerWait().toNanos(), 150_000_000L);
			while (System.nanoTime() < deadline && !selector.keys().isEmpty()) {
				selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				for (SelectionKey key : selector.selectedKeys()) {
					buffer.clear();
					try {
						((DatagramChannel) key.channel()).read(buffer);
					} catch (PortUnreachableException nobody) {
						// the responder holds its ports, so nothing listening there means the checks
						// went to another host or address than the responder's
						closed.add((Integer) key.attachment());
						key.cancel();
					} catch (IOException icmp) {
						// admin-prohibited and its kin: a filter said no
						rejected.add((Integer) key.attachment());
						key.cancel();
					}
				}
				selector.selectedKeys().clear();
			}
		} finally {
			channels.forEach(UdpEndpoints::closeQuietly);
		}
		if (rejected.isEmpty() && closed.isEmpty() && coordination.iceRunning()) {
			// An ICE probe beside this sweep sends its checks to the same host from unconnected sockets and
			// may have spent the ICMP burst before the ICMP-first checks went out: wait for the next token
			// (one a second) on one port, time the diagnosis spends waiting for that ICE probe anyway.
			int first = silent.get(0);
			if (spacedReject(local, server, first, System.nanoTime() + 1_300_000_000L)) {
				rejected.add(first);
			}
		}
		// The responder holds these ports, so port-unreachable cannot mean "nothing listens": a filter
		// rejected the checks with its default answer (nft, iptables and ufw reject), or they went to a
		// host that is not the responder's (an edge that forwards only part of the range). Both block media.
		closedHeard += closed.size();
		rejected.addAll(closed);
		if (rejected.isEmpty()) {
			return;
		}
		// The sweep's own checks used up the host's ICMP error budget (about one per second per
		// destination, burst 6), so the batch hears only a few. Where a silent stretch has a
		// rejected port but its last port was not heard, re-ask that port until a token refills;
		// bounded to a few seconds in all.
		long budgetEnd = System.nanoTime() + 2_600_000_000L;
		List<Integer> stretchPorts = new ArrayList<>();
		List<List<Integer>> stretches = new ArrayList<>();
		for (Map.Entry<Integer, PortOutcome> e : outcomes.entrySet()) {
			if (e.getValue() == PortOutcome.SILENT) {
				stretchPorts.add(e.getKey());
			} else if (!stretchPorts.isEmpty()) {
				stretches.add(new ArrayList<>(stretchPorts));
				stretchPorts.clear();
			}
		}
		if (!stretchPorts.isEmpty()) {
			stretches.add(stretchPorts);
		}
		for (List<Integer> stretch : stretches) {
			if (stretch.stream().noneMatch(rejected::contains)) {
				continue;
			}
			for (int end : new int[] { stretch.get(0), stretch.get(stretch.size() - 1) }) {
				if (!rejected.contains(end) && System.nanoTime() < budgetEnd && spacedReject(local, server, end, budgetEnd)) {
					rejected.add(end);
				}
			}
		}
		// walk the ports in probe order; a port that is not silent ends a stretch
		List<Integer> stretch = new ArrayList<>();
		for (Map.Entry<Integer, PortOutcome> e : new ArrayList<>(outcomes.entrySet())) {
			if (e.getValue() != PortOutcome.SILENT) {
				stretch.clear();
				continue;
			}
			if (rejected.contains(e.getKey())) {
				stretch.stream().filter(p -> p >= 0).forEach(p -> outcomes.put(p, PortOutcome.REJECTED));
				stretch.clear();
				outcomes.put(e.getKey(), PortOutcome.REJECTED);
				stretch.add(-1); // marks "a rejected port opened this stretch"
			} else if (!stretch.isEmpty()) {
				stretch.add(e.getKey());
			}
		}
		rejectedHeard += rejected.size();
		rejectedAsked += (int) Stream.concat(asked.stream(), rejected.stream()).distinct().count();
	}

	/** Re-asks one port every 250 ms for up to 1.3 s (or the budget); true when a filter's ICMP error came back. */
	private boolean spacedReject(InetAddress local, InetAddress server, int port, long budgetEnd) {
		try (DatagramChannel channel = UdpEndpoints.bindInRange(local, clientPorts, -1)) {
			channel.connect(new InetSocketAddress(server, port));
			channel.configureBlocking(false);
			ByteBuffer buffer = ByteBuffer.allocate(Stun.MAX_MESSAGE_SIZE + 1);
			long end = Math.min(budgetEnd, System.nanoTime() + 1_300_000_000L);
			while (System.nanoTime() < end) {
				try {
					channel.write(ByteBuffer.wrap(Stun.bindingRequest(Stun.newTransactionId(), "mediapath:probe", null)));
					for (int i = 0; i < 25; i++) {
						Thread.sleep(10);
						buffer.clear();
						channel.read(buffer);
					}
				} catch (PortUnreachableException nobody) {
					return true; // on a port the responder holds: a filter's reject
				} catch (IOException icmp) {
					return !CooperativeSweep.refusedLocally(icmp);
				}
			}
			return false;
		} catch (IOException noPort) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** How many ICMP errors a Linux host sends to one destination in a burst before its one-per-second limit. */
	private static final int ICMP_BURST = 6;

	/** Both ends of the bound sample first, then halves, quarters, ...: the ports the ICMP burst is spent on. */
	static List<Integer> icmpFirst(int[] serverPorts, BitSet bound, int spareClientPorts) {
		int[] ports = Arrays.stream(serverPorts).filter(bound::get).toArray();
		return spreadOrder(ports.length).limit(Math.min(ICMP_BURST, spareClientPorts)).map(i -> ports[i]).toList();
	}

	/** Indexes 0..size-1, both ends first, then halves, quarters, ... (by rank, not by searching: sizes reach 65536). */
	private static Stream<Integer> spreadOrder(int size) {
		return IntStream.range(0, size).boxed()
				.sorted(Comparator.comparingInt(i -> spreadRank(i, size)));
	}

	private static int spreadRank(int index, int size) {
		if (index == 0 || index == size - 1) {
			return -64;
		}
		return -Integer.numberOfTrailingZeros(index); // coarse to fine: multiples of 128, 64, ..., then odd ones
	}

}
