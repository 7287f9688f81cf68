package org.mediapath.responder.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.ice4j.ice.Agent;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.stack.RequestListener;
import org.mediapath.protocol.ice.IceAgents;

/**
 * The PBX's ICE agent for one port of a run, in the controlled role as the PBX's media server runs it.
 * It answers only checks that carry its own credentials (ice4j checks USERNAME and MESSAGE-INTEGRITY
 * before a listener hears of a request), and sends checks only back to where such checks came from (a
 * peer-reflexive candidate): it cannot be pointed at a third party.
 */
final class PortAgent implements AutoCloseable {

	private final Agent agent;
	private final int port;
	private final AtomicLong arrived = new AtomicLong();
	private final AtomicReference<String> seenFrom = new AtomicReference<>();
	private final RequestListener listener;
	private volatile boolean offered;

	/**
	 * @throws IOException if the port cannot be bound (another program holds it)
	 */
	PortAgent(InetAddress media, int port) throws IOException {
		this.port = port;
		agent = IceAgents.create(false, media, new int[] { port });
		listener = event -> {
			arrived.incrementAndGet();
			if (event.getRemoteAddress() != null) {
				seenFrom.compareAndSet(null, event.getRemoteAddress().getHostAddress() + ":" + event.getRemoteAddress().getPort());
			}
		};
		agent.getStunStack().addRequestListener(listener);
	}

	int port() {
		return port;
	}

	String ufrag() {
		return agent.getLocalUfrag();
	}

	String password() {
		return agent.getLocalPassword();
	}

	/**
	 * Takes the browser's credentials and starts. No remote candidates: a browser without media
	 * permission hides its addresses (mDNS), and the agent learns the real source from its checks.
	 */
	synchronized void offer(String ufrag, String password) {
		if (offered) {
			throw new IllegalStateException("this port was offered already");
		}
		offered = true;
		IceAgents.setRemote(agent, ufrag, password, java.util.List.of());
		agent.startConnectivityEstablishment();
	}

	boolean offered() {
		return offered;
	}

	/**
	 * @return authenticated checks from the browser that arrived; ice4j's connectivity-check server answers
	 *         each of them (a request a listener hears has passed the credential check the answer needs), so
	 *         the run reports the same number as the answers sent
	 */
	long checksArrived() {
		return arrived.get();
	}

	String seenFrom() {
		return seenFrom.get();
	}

	boolean connected() {
		IceProcessingState state = agent.getState();
		return state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED;
	}

	@Override
	public void close() {
		agent.getStunStack().removeRequestListener(listener);
		agent.free();
	}
}
