package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyChangeEvent;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.junit.jupiter.api.Test;

/**
 * ice4j works inside Felix: two agents, each with a UDP component bound in its own port range on
 * loopback, reach COMPLETED against each other, and freeing them releases their ports.
 *
 * <p>ice4j's own host harvester refuses loopback, so the test binds its host candidates itself.
 */
class Ice4jInFelixTest {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
	private static final int CONTROLLING_FIRST = 40000;
	private static final int CONTROLLING_LAST = 40999;
	private static final int CONTROLLED_FIRST = 41000;
	private static final int CONTROLLED_LAST = 41999;

	@Test
	void twoAgentsConnectOverLoopbackWithinTheirPortRangesAndReleaseThem() throws Exception {
		int controllingPort = freePortIn(CONTROLLING_FIRST, CONTROLLING_LAST);
		int controlledPort = freePortIn(CONTROLLED_FIRST, CONTROLLED_LAST);
		Agent controlling = newAgent(true);
		Agent controlled = newAgent(false);
		try {
			Component left = component(controlling, controllingPort, CONTROLLING_LAST);
			Component right = component(controlled, controlledPort, CONTROLLED_LAST);
			assertThat(left.getLocalCandidates()).extracting(c -> c.getTransportAddress().getPort())
					.contains(controllingPort).allMatch(port -> port >= controllingPort && port <= CONTROLLING_LAST);
			assertThat(right.getLocalCandidates()).extracting(c -> c.getTransportAddress().getPort())
					.contains(controlledPort).allMatch(port -> port >= controlledPort && port <= CONTROLLED_LAST);
			exchange(controlling, left, controlled, right);

			CompletableFuture<IceProcessingState> outcome = new CompletableFuture<>();
			controlling.addStateChangeListener((PropertyChangeEvent event) -> {
				IceProcessingState state = (IceProcessingState) event.getNewValue();
				if (state == IceProcessingState.COMPLETED || state == IceProcessingState.FAILED) {
					outcome.complete(state);
				}
			});
			controlled.startConnectivityEstablishment();
			controlling.startConnectivityEstablishment();

			assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(IceProcessingState.COMPLETED);
			assertThat(left.getSelectedPair()).isNotNull();
			// The controlled agent also holds sockets on the host's other addresses (port + 1 ...), and
			// a check sent from one of them to 127.0.0.1 may win as a peer-reflexive candidate: what
			// matters is that the media lands inside the controlled agent's range.
			assertThat(left.getSelectedPair().getRemoteCandidate().getTransportAddress().getPort())
					.isBetween(controlledPort, CONTROLLED_LAST);
		} finally {
			controlling.free();
			controlled.free();
		}
		assertThat(Frameworks.await(() -> canBind(controllingPort) && canBind(controlledPort), Duration.ofSeconds(5)))
				.as("ports released after free()").isTrue();
	}

	private static Agent newAgent(boolean controlling) {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		// ice4j reads its configuration through the context class loader.
		Thread.currentThread().setContextClassLoader(Agent.class.getClassLoader());
		try {
			Agent agent = new Agent();
			agent.setControlling(controlling);
			return agent;
		} finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	/**
	 * ice4j harvests the host's other interfaces within the range (binding only); the loopback
	 * candidate is ours. Only loopback candidates are exchanged, so every check goes to 127.0.0.1.
	 */
	private static Component component(Agent agent, int port, int lastPort) throws Exception {
		IceMediaStream stream = agent.createMediaStream("audio");
		Component component = agent.createComponent(stream, port + 1, port + 1, lastPort,
				KeepAliveStrategy.SELECTED_ONLY, false);
		HostCandidate candidate = new HostCandidate(
				new IceUdpSocketWrapper(new MultiplexingDatagramSocket(port, LOOPBACK)), component, Transport.UDP);
		component.addLocalCandidate(candidate);
		candidate.getStunStack().addSocket(candidate.getStunSocket(null));
		return component;
	}

	private static void exchange(Agent a, Component ca, Agent b, Component cb) {
		introduce(a, ca, b, cb);
		introduce(b, cb, a, ca);
	}

	/** Tells {@code to} about {@code from}'s credentials and candidates, as signalling would. */
	private static void introduce(Agent from, Component fromComponent, Agent to, Component toComponent) {
		IceMediaStream stream = toComponent.getParentStream();
		stream.setRemoteUfrag(from.getLocalUfrag());
		stream.setRemotePassword(from.getLocalPassword());
		for (LocalCandidate local : fromComponent.getLocalCandidates()) {
			if (!local.getTransportAddress().getAddress().isLoopbackAddress()) {
				continue;
			}
			toComponent.addRemoteCandidate(new RemoteCandidate(
					new TransportAddress(local.getTransportAddress().getAddress(),
							local.getTransportAddress().getPort(), Transport.UDP),
					toComponent, CandidateType.HOST_CANDIDATE, local.getFoundation(), local.getPriority(), null));
		}
	}

	private static int freePortIn(int first, int last) {
		for (int port = first; port <= last; port++) {
			if (canBind(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free UDP port in " + first + "-" + last);
	}

	private static boolean canBind(int port) {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
			return true;
		} catch (Exception inUse) {
			return false;
		}
	}
}
