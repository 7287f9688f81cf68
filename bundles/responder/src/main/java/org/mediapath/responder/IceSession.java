package org.mediapath.responder;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.ice4j.ice.Agent;
import org.mediapath.protocol.ControlMessage.Candidate;
import org.mediapath.protocol.ControlMessage.IceAnswer;
import org.mediapath.protocol.ice.IceAgents;

/**
 * The responder's half of a full ICE probe: an ice4j agent in the controlled role, as the PBX's
 * media server would run it, bound on the media address within the session's ports.
 */
final class IceSession implements AutoCloseable {

	private final Agent agent;

	/**
	 * @param candidates the client's candidates; only those on the control peer's address are
	 *        kept, so an authenticated client still cannot point our checks at a third party
	 */
	IceSession(InetAddress media, int[] ports, InetAddress clientAddress, String ufrag, String password,
			List<Candidate> candidates) throws IOException {
		List<Candidate> allowed = candidates.stream()
				.filter(c -> IceAgents.literal(c.address()).equals(clientAddress)).toList();
		if (allowed.isEmpty()) {
			throw new IllegalArgumentException("no candidate is on the control connection's address "
					+ clientAddress.getHostAddress() + "; checks go nowhere else");
		}
		agent = IceAgents.create(false, media, ports);
		try {
			IceAgents.setRemote(agent, ufrag, password, allowed);
		} catch (RuntimeException e) {
			agent.free();
			throw e;
		}
	}

	IceAnswer answer() {
		return new IceAnswer(agent.getLocalUfrag(), agent.getLocalPassword(), IceAgents.localCandidates(agent));
	}

	void start() {
		agent.startConnectivityEstablishment();
	}

	String state() {
		return agent.getState().toString();
	}

	@Override
	public void close() {
		agent.free();
	}
}
