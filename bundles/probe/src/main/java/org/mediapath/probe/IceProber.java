package org.mediapath.probe;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.CheckList;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.CandidatePairResult;
import org.mediapath.api.probe.IceOutcome;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.IceStateChange;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.IceAnswer;
import org.mediapath.protocol.ControlMessage.IceOffer;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ice.IceAgents;

/**
 * The full ICE probe: an ice4j agent in the controlling role on the client's ports against the
 * responder's controlled agent, as a softphone after "Accept". ice4j alone takes 11.3 s to say
 * FAILED and its timers must not be shortened (agents then hang under loss), so the outcome is
 * decided from pair states (every pair failed is visible seconds earlier) and a watchdog at the
 * request's bound ends the probe whatever ice4j does.
 */
final class IceProber {

	private static final int MAX_SERVER_PORTS = 4096;

	private final IceProbeRequest request;
	private final ProbeSettings settings;

	IceProber(IceProbeRequest request, ProbeSettings settings) {
		this.request = request;
		this.settings = settings;
	}

	IceProbe run() throws IOException, InterruptedException {
		long start = System.nanoTime();
		HostAndPort responder = request.responder();
		byte[] secret = CooperativeSweep.secret("secretReference", Optional.of(request.secretReference()));
		InetSocketAddress control = new InetSocketAddress(InetAddress.getByName(responder.host()), responder.port());
		List<IceStateChange> states = new CopyOnWriteArrayList<>();
		try (ControlClient client = ControlClient.connect(control, secret, settings.controlTimeout())) {
			InetAddress local = client.localAddress().getAddress();
			PortRange serverRange = request.serverPorts();
			int[] serverPorts = serverRange.ports().limit(MAX_SERVER_PORTS).toArray();
			client.call(new OpenSession(SessionKind.ICE, serverPorts, "mpice", "mediapath-ice-open"), SessionOpened.class);
			int[] clientPorts = request.clientPorts().ports().toArray();
			Agent agent = IceAgents.create(true, local, clientPorts);
			try {
				CountDownLatch decided = new CountDownLatch(1);
				IceMediaStream stream = agent.getStream(IceAgents.STREAM);
				PropertyChangeListener agentListener = (PropertyChangeEvent e) -> {
					if (e.getNewValue() instanceof IceProcessingState s) {
						states.add(new IceStateChange(s.name(), Duration.ofNanos(System.nanoTime() - start)));
						if (s == IceProcessingState.COMPLETED || s == IceProcessingState.TERMINATED
								|| s == IceProcessingState.FAILED) {
							decided.countDown();
						}
					}
				};
				// ice4j fires pair changes while holding the pair's lock; reading the check list here would
				// take the list's lock inside it, the reverse of this thread's order: a deadlock. The
				// listener only flags the change; this thread evaluates it.
				AtomicBoolean pairChanged = new AtomicBoolean();
				PropertyChangeListener pairListener = e -> pairChanged.set(true);
				agent.addStateChangeListener(agentListener);
				stream.addPairChangeListener(pairListener);
				IceAnswer answer = client.call(new IceOffer(agent.getLocalUfrag(), agent.getLocalPassword(),
						IceAgents.localCandidates(agent)), IceAnswer.class);
				IceAgents.setRemote(agent, answer.ufrag(), answer.password(), answer.candidates());
				agent.startConnectivityEstablishment();
				boolean inTime = awaitDecision(decided, pairChanged, stream, start + request.failureBound().toNanos());
				// A check list can read "every pair failed" for a moment (a failed pair before the
				// triggered one is added): only a terminal state or a list still all-failed decides.
				long deadline = start + request.failureBound().toNanos();
				while (inTime && !terminal(states) && !allPairsFailed(stream.getCheckList())) {
					if (System.nanoTime() >= deadline) {
						inTime = false;
						break;
					}
					Thread.sleep(5);
				}
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				// ice4j selects the pair and reports COMPLETED from one thread and marks the check-list
				// pair SUCCEEDED from another: give the snapshot a moment to agree (≤ 100 ms, after the verdict time)
				for (int i = 0; i < 20 && IceAgents.component(agent).getSelectedPair() != null
						&& !anyPairSucceeded(stream.getCheckList()); i++) {
					Thread.sleep(5);
				}
				agent.removeStateChangeListener(agentListener);
				stream.removePairStateChangeListener(pairListener);
				IceProcessingState state = agent.getState();
				CheckList checks = stream.getCheckList();
				List<CandidatePairResult> pairs = new ArrayList<>();
				synchronized (checks) {
					for (CandidatePair pair : checks) {
						pairs.add(result(pair));
					}
				}
				Component component = IceAgents.component(agent);
				CandidatePair selectedPair = component.getSelectedPair();
				Optional<CandidatePairResult> selected = Optional.ofNullable(selectedPair).map(IceProber::result);
				IceOutcome outcome;
				if (selectedPair != null || state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED) {
					outcome = IceOutcome.CONNECTED;
				} else if (state == IceProcessingState.FAILED || allPairsFailed(checks)) {
					outcome = IceOutcome.FAILED;
					if (states.stream().noneMatch(s -> s.state().equals("FAILED"))) {
						states.add(new IceStateChange("FAILED (every pair failed; decided before ice4j's own timer)", elapsed));
					}
				} else {
					outcome = IceOutcome.TIMED_OUT;
					states.add(new IceStateChange("TIMED_OUT (bound " + request.failureBound().toMillis() + " ms"
							+ (inTime ? "" : ", watchdog") + ")", elapsed));
				}
				try {
					client.call(new CloseSession(), SessionClosed.class);
				} catch (IOException ignored) {
					// the responder releases the session when the connection closes anyway
				}
				return new IceProbe(request, outcome, states, pairs, selected, elapsed);
			} finally {
				agent.free();
			}
		}
	}

	/**
	 * @return true when a terminal state or an all-failed check list was seen before the deadline
	 */
	private static boolean awaitDecision(CountDownLatch decided, AtomicBoolean pairChanged, IceMediaStream stream,
			long deadline) throws InterruptedException {
		while (true) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return false;
			}
			if (decided.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS)) {
				return true;
			}
			if (pairChanged.getAndSet(false) && allPairsFailed(stream.getCheckList())) {
				return true;
			}
		}
	}

	private static boolean anyPairSucceeded(CheckList checks) {
		synchronized (checks) {
			return checks.stream().anyMatch(p -> p.getState() == CandidatePairState.SUCCEEDED);
		}
	}

	private static boolean terminal(List<IceStateChange> states) {
		return states.stream().anyMatch(s -> s.state().equals("COMPLETED") || s.state().equals("TERMINATED")
				|| s.state().equals("FAILED"));
	}

	private static boolean allPairsFailed(CheckList checks) {
		synchronized (checks) {
			return !checks.isEmpty() && checks.stream().allMatch(p -> p.getState() == CandidatePairState.FAILED);
		}
	}

	private static CandidatePairResult result(CandidatePair pair) {
		return new CandidatePairResult(describe(pair.getLocalCandidate().getTransportAddress(), pair.getLocalCandidate().getType()),
				describe(pair.getRemoteCandidate().getTransportAddress(), pair.getRemoteCandidate().getType()),
				pair.getState().name(), Optional.empty());
	}

	private static String describe(org.ice4j.TransportAddress address, Object type) {
		String host = address.getHostAddress();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort() + "/udp " + type;
	}
}
