package org.mediapath.protocol.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * A host harvester for exactly one address and a list of allowed ports. ice4j's own harvester
 * refuses loopback (so tests and the standalone console could not use it) and binds every
 * interface (so the responder would listen where it was not told to).
 */
public final class FixedAddressHarvester implements CandidateHarvester {

	private final InetAddress address;
	private final int[] ports;
	private final HarvestStatistics statistics = new HarvestStatistics();
	private final List<Integer> inUse = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * @param address the address to bind
	 * @param ports the ports to try, in order; the first free one is used
	 */
	public FixedAddressHarvester(InetAddress address, int[] ports) {
		this.address = address;
		this.ports = ports.clone();
	}

	@Override
	public Collection<LocalCandidate> harvest(Component component) {
		List<LocalCandidate> candidates = new ArrayList<>(1);
		for (int port : ports) {
			IceSocketWrapper socket;
			try {
				socket = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(port, address));
			} catch (IOException taken) {
				inUse.add(port);
				continue;
			}
			HostCandidate candidate = new HostCandidate(socket, component, Transport.UDP);
			component.addLocalCandidate(candidate);
			candidate.getStunStack().addSocket(candidate.getStunSocket(null));
			candidates.add(candidate);
			break;
		}
		return candidates;
	}

	/**
	 * @return the ports tried before the one bound (or all of them, if none could be bound): another
	 *         socket holds them
	 */
	public List<Integer> inUse() {
		return List.copyOf(inUse);
	}

	@Override
	public HarvestStatistics getHarvestStatistics() {
		return statistics;
	}

	@Override
	public boolean isHostHarvester() {
		return true;
	}
}
