package org.mediapath.responder;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import org.ice4j.ice.Agent;
import org.ice4j.stack.RequestListener;
import org.mediapath.protocol.ControlMessage.Candidate;
import org.mediapath.protocol.ControlMessage.IceAnswer;
import org.mediapath.protocol.ice.IceAgents;

/**
 * The responder's half of a full ICE probe: an ice4j agent in the controlled role, as the PBX's
 * media server would run it, bound on the media address within the session's ports. The agent is
 * made when the session opens, so that the ports another program holds are told back at once
 * (IN_USE, not a block); the client's candidates come with its offer. It remembers on which of its
 * ports an authenticated check from the client arrived: the client's early "every pair failed".
 */
final class IceSession implements AutoCloseable {

	private final Agent agent;
	private final InetAddress clientAddress;
	private final List<Integer> inUse = new ArrayList<>();
	private final Set<Integer> received = new ConcurrentSkipListSet<>();
	private final RequestListener listener;
	private boolean offered;
	private final Optional<InetAddress> announced;

	/**
	 * @param media the address to bind
	 * @param ports the ports the agent may bind, in the order to try them
	 * @param clientAddress the control peer's address: the only source of checks that count, and the
	 *        only address candidates may name
	 * @throws IOException if no port could be bound ({@link #inUse()} is then not available: every port was)
	 */
	IceSession(InetAddress media, Optional<InetAddress> announced, int[] ports, InetAddress clientAddress) throws IOException {
		this.clientAddress = clientAddress;
		this.announced = announced;
		agent = IceAgents.create(false, media, ports, inUse);
		// ice4j validates USERNAME and MESSAGE-INTEGRITY before it hands a request to listeners
		listener = event -> {
			if (event.getRemoteAddress() != null && clientAddress.equals(event.getRemoteAddress().getAddress())) {
				received.add(event.getLocalAddress().getPort());
			}
		};
		agent.getStunStack().addRequestListener(listener);
	}

	/**
	 * Takes the client's offer and starts the checks.
	 *
	 * @param candidates the client's candidates; only those on the control peer's address are
	 *        kept, so an authenticated client still cannot point our checks at a third party
	 * @return the answer
	 */
	IceAnswer offer(String ufrag, String password, List<Candidate> candidates) {
		if (offered) {
			throw new IllegalStateException("an ICE offer needs a fresh ICE session");
		}
		// A client behind NAT offers private addresses only: then the agent learns the client's mapped
		// address from its checks (a peer-reflexive candidate), as a PBX's agent does with a softphone.
		List<Candidate> allowed = candidates.stream()
				.filter(c -> IceAgents.literal(c.address()).equals(clientAddress)).toList();
		// one offer per session, even one that fails half-way: a retry would pile candidates on this agent
		offered = true;
		IceAgents.setRemote(agent, ufrag, password, allowed);
		List<Candidate> local = IceAgents.localCandidates(agent);
		if (announced.isPresent()) {
			// behind a port-forwarding edge the PBX announces its public address for the same ports
			String address = announced.get().getHostAddress();
			local = local.stream().map(c -> new Candidate(c.foundation(), c.componentId(), c.priority(), address, c.port(),
					c.type())).toList();
		}
		IceAnswer answer = new IceAnswer(agent.getLocalUfrag(), agent.getLocalPassword(), local);
		agent.startConnectivityEstablishment();
		return answer;
	}

	/** @return the port the agent bound */
	int[] bound() {
		return IceAgents.localCandidates(agent).stream().mapToInt(Candidate::port).sorted().distinct().toArray();
	}

	/** @return the allowed ports tried before the bound one: another program holds them */
	int[] inUse() {
		return inUse.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
	}

	/** @return the agent's ports on which an authenticated check from the client arrived */
	int[] received() {
		return received.stream().mapToInt(Integer::intValue).toArray();
	}

	String state() {
		return agent.getState().toString();
	}

	@Override
	public void close() {
		agent.getStunStack().removeRequestListener(listener);
		agent.free();
	}
}
