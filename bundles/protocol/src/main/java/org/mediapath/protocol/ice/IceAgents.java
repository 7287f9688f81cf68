package org.mediapath.protocol.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.mediapath.protocol.ControlMessage.Candidate;

/** Creates ice4j agents the mediapath way and moves candidates across the control channel. */
public final class IceAgents {

	/** The one media stream name both sides use. */
	public static final String STREAM = "audio";

	private IceAgents() {
	}

	/**
	 * An agent with one stream of one component whose only candidate is on {@code address}, on the
	 * first free port of {@code ports}. ice4j loads its configuration through the thread context
	 * class loader, which in OSGi is not ice4j's: it is swapped for the duration of the creation.
	 *
	 * @param controlling the ICE role
	 * @param address the address to bind
	 * @param ports the allowed ports
	 * @return the agent; its caller must {@link Agent#free()} it
	 * @throws IOException if no port could be bound
	 */
	public static Agent create(boolean controlling, InetAddress address, int[] ports) throws IOException {
		return create(controlling, address, ports, null);
	}

	/**
	 * As {@link #create(boolean, InetAddress, int[])}, telling which allowed ports could not be bound
	 * because another socket holds them (tried, in order, before the one the agent got).
	 *
	 * @param controlling the ICE role
	 * @param address the address to bind
	 * @param ports the allowed ports, in the order to try them
	 * @param inUse receives the ports found in use; may be null
	 * @return the agent; its caller must {@link Agent#free()} it
	 * @throws IOException if no port could be bound (then {@code inUse} holds every port tried)
	 */
	public static Agent create(boolean controlling, InetAddress address, int[] ports, List<Integer> inUse)
			throws IOException {
		Ice4jSettings.apply();
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(Agent.class.getClassLoader());
		Agent agent = null;
		try {
			agent = new Agent();
			agent.setControlling(controlling);
			agent.setUseDynamicPorts(false);
			agent.setPerformConsentFreshness(false);
			FixedAddressHarvester harvester = new FixedAddressHarvester(address, ports);
			agent.addCandidateHarvester(harvester);
			IceMediaStream stream = agent.createMediaStream(STREAM);
			Component component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
			if (inUse != null) {
				inUse.addAll(harvester.inUse());
			}
			if (component.getLocalCandidateCount() == 0) {
				throw new IOException("no port of the " + ports.length + " allowed could be bound on " + address.getHostAddress());
			}
			return agent;
		} catch (IOException | RuntimeException e) {
			if (agent != null) {
				agent.free();
			}
			throw e;
		} finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * @param agent an agent made by {@link #create}
	 * @return its component
	 */
	public static Component component(Agent agent) {
		return agent.getStream(STREAM).getComponent(Component.RTP);
	}

	/**
	 * @param agent an agent made by {@link #create}
	 * @return its local candidates in the control channel's form
	 */
	public static List<Candidate> localCandidates(Agent agent) {
		List<Candidate> candidates = new ArrayList<>();
		for (LocalCandidate c : component(agent).getLocalCandidates()) {
			TransportAddress address = c.getTransportAddress();
			candidates.add(new Candidate(c.getFoundation(), Component.RTP, c.getPriority(),
					address.getHostAddress(), address.getPort(), c.getType().toString()));
		}
		return candidates;
	}

	/**
	 * Gives the agent the other side's credentials and candidates.
	 *
	 * @param agent the agent
	 * @param ufrag the remote user name fragment
	 * @param password the remote password
	 * @param candidates the remote candidates
	 * @throws IllegalArgumentException naming a candidate that is not a literal address or has an unknown type
	 */
	public static void setRemote(Agent agent, String ufrag, String password, List<Candidate> candidates) {
		IceMediaStream stream = agent.getStream(STREAM);
		stream.setRemoteUfrag(ufrag);
		stream.setRemotePassword(password);
		Component component = component(agent);
		for (Candidate c : candidates) {
			if (c.componentId() != Component.RTP) {
				continue;
			}
			InetAddress address = literal(c.address());
			CandidateType type;
			try {
				type = CandidateType.parse(c.type());
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("candidate type '" + c.type() + "' is unknown", e);
			}
			component.addRemoteCandidate(new RemoteCandidate(new TransportAddress(address, c.port(), Transport.UDP),
					component, type, c.foundation(), c.priority(), null));
		}
	}

	/**
	 * Parses a literal IPv4 or IPv6 address without ever asking DNS.
	 *
	 * @param text the text
	 * @return the address
	 * @throws IllegalArgumentException if the text is not a literal address
	 */
	public static InetAddress literal(String text) {
		boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
		if (!v4 && !v6) {
			throw new IllegalArgumentException("candidate address '" + text + "' is not a literal IP address");
		}
		try {
			return InetAddress.getByName(text);
		} catch (IOException e) {
			throw new IllegalArgumentException("candidate address '" + text + "' is not a literal IP address", e);
		}
	}
}
