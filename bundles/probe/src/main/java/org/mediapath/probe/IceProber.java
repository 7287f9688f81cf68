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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.CheckList;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.stack.RequestListener;
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
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ice.IceAgents;

/**
 * The full ICE probe: an ice4j agent in the controlling role on the client's ports against the
 * responder's controlled agent, as a softphone after "Accept". ice4j alone takes 11.3 s to say
 * FAILED and its timers must not be shortened (agents then hang under loss), so the outcome is
 * decided from pair states (every pair failed is visible seconds earlier), earlier still from the
 * two agents' account of what crossed (see {@link #earlyFailure}), and a watchdog at the request's
 * bound ends the probe whatever ice4j does.
 */
final class IceProber {

	private static final int MAX_SERVER_PORTS = 4096;
	/** How long an ICE probe waits for a full sweep of the same service to free the ports. */
	private static final long SWEEP_WAIT_MILLIS = 40_000;

	private final IceProbeRequest request;
	private final ProbeSettings settings;
	private final ProbeCoordination coordination;

	IceProber(IceProbeRequest request, ProbeSettings settings) {
		this(request, settings, new ProbeCoordination());
	}

	IceProber(IceProbeRequest request, ProbeSettings settings, ProbeCoordination coordination) {
		this.request = request;
		this.settings = settings;
		this.coordination = coordination;
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	IceProbe run() throws IOException, InterruptedException {
		return ProbeCoordination.holding(coordination.forIce(), SWEEP_WAIT_MILLIS, this::probe);
	}

	private IceProbe probe() throws IOException, InterruptedException {
		long start = System.nanoTime();
		HostAndPort responder = request.responder();
		byte[] secret = CooperativeSweep.secret("secretReference", Optional.of(request.secretReference()));
		InetSocketAddress control = new InetSocketAddress(InetAddress.getByName(responder.host()), responder.port());
		List<IceStateChange> states = new CopyOnWriteArrayList<>();
		try (ControlClient client = ControlClient.connect(control, secret, request.responderFingerprint().orElse(null),
				settings.controlTimeout())) {
			InetAddress local = client.localAddress().getAddress();
			// Ports a sampled sweep running beside this probe does not visit, on both sides.
			int[] serverPorts = ProbeCoordination.serverIcePorts(request.serverPorts(), settings.sampleSize(), MAX_SERVER_PORTS);
			long asked = System.nanoTime();
			SessionOpened opened = client.call(new OpenSession(SessionKind.ICE, serverPorts, "mpice", "mediapath-ice-open"),
					SessionOpened.class);
			// ICE needs a few round trips (check, answer, nomination, with retransmissions): on an
			// intercontinental path of 300-600 ms its windows follow the measured round trip
			Duration roundTrip = Duration.ofNanos(System.nanoTime() - asked);
			Duration earlyWindow = max(settings.iceEarlyFailure(), roundTrip.multipliedBy(4).plusMillis(500));
			Duration failureBound = max(request.failureBound(), roundTrip.multipliedBy(8).plusMillis(1000));
			if (opened.inUse().length > 0) {
				states.add(new IceStateChange("server ports " + ports(opened.inUse()) + " IN_USE: another program holds them on "
						+ opened.mediaAddress() + " (not a block); the server's agent bound "
						+ (opened.bound().length == 0 ? "another port" : ports(opened.bound())),
						Duration.ofNanos(System.nanoTime() - start)));
			}
			int[] clientPorts = ProbeCoordination.icePorts(request.clientPorts(), settings.sampleSize(), Integer.MAX_VALUE);
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
				// When the first pair changed state, i.e. when this agent's checks really began: a busy
				// JVM may start them late, and the early decision must give them their full window.
				AtomicLong firstPairChange = new AtomicLong();
				AtomicBoolean pairActivity = new AtomicBoolean();
				PropertyChangeListener pairListener = e -> {
					if (pairActivity.compareAndSet(false, true)) {
						firstPairChange.set(System.nanoTime());
					}
					pairChanged.set(true);
				};
				// The far agent's checks that reached ours (ice4j hands over only authenticated ones).
				InetAddress far = IceAgents.literal(opened.mediaAddress()); // the responder's word, never a DNS query
				AtomicInteger checksFromFar = new AtomicInteger();
				RequestListener farChecks = event -> {
					if (event.getRemoteAddress() != null && far.equals(event.getRemoteAddress().getAddress())) {
						checksFromFar.incrementAndGet();
					}
				};
				agent.getStunStack().addRequestListener(farChecks);
				agent.addStateChangeListener(agentListener);
				stream.addPairChangeListener(pairListener);
				IceAnswer answer = client.call(new IceOffer(agent.getLocalUfrag(), agent.getLocalPassword(),
						IceAgents.localCandidates(agent)), IceAnswer.class);
				IceAgents.setRemote(agent, answer.ufrag(), answer.password(), answer.candidates());
				long checksStart = System.nanoTime();
				agent.startConnectivityEstablishment();
				long deadline = start + failureBound.toNanos();
				long early = settings.iceEarlyFailure().isZero() ? deadline
						: Math.min(deadline, checksStart + earlyWindow.toNanos());
				boolean inTime = awaitDecision(decided, pairChanged, stream, early);
				String earlyFailure = null;
				if (!inTime && early < deadline) {
					// no pair has moved yet: the checks have not begun, nothing can be decided early
					long windowEnd = pairActivity.get()
							? firstPairChange.get() + earlyWindow.toNanos() : deadline;
					if (windowEnd - deadline > 0) {
						windowEnd = deadline;
					}
					if (windowEnd - early > 0) {
						inTime = awaitDecision(decided, pairChanged, stream, windowEnd);
					}
					if (!inTime && deadline - windowEnd > 0) {
						earlyFailure = earlyFailure(client, stream, checksFromFar, checksStart);
					}
					inTime = inTime || earlyFailure != null || awaitDecision(decided, pairChanged, stream, deadline);
				}
				// A check list can read "every pair failed" for a moment (a failed pair before the
				// triggered one is added): only a terminal state or a list still all-failed decides.
				while (earlyFailure == null && inTime && !terminal(states) && !allPairsFailed(stream.getCheckList())) {
					if (System.nanoTime() >= deadline) {
						inTime = false;
						break;
					}
					Thread.sleep(5);
				}
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				// ice4j selects the pair and reports COMPLETED from one thread and marks the check-list
				// pair SUCCEEDED from another: give the snapshot a moment to agree (≤ 100 ms, after the verdict time)
				for (int i = 0; earlyFailure == null && i < 20 && IceAgents.component(agent).getSelectedPair() != null
						&& !anyPairSucceeded(stream.getCheckList()); i++) {
					Thread.sleep(5);
				}
				agent.getStunStack().removeRequestListener(farChecks);
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
				} else if (earlyFailure != null) {
					outcome = IceOutcome.FAILED;
					states.add(new IceStateChange(earlyFailure, elapsed));
				} else if (state == IceProcessingState.FAILED || allPairsFailed(checks)) {
					outcome = IceOutcome.FAILED;
					if (states.stream().noneMatch(s -> s.state().equals("FAILED"))) {
						states.add(new IceStateChange("FAILED (every pair failed; decided before ice4j's own timer)", elapsed));
					}
				} else {
					outcome = IceOutcome.TIMED_OUT;
					states.add(new IceStateChange("TIMED_OUT (bound " + failureBound.toMillis() + " ms"
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
	 * Every pair has failed when, this long after the checks started, no pair succeeded and one
	 * direction stayed entirely silent: nothing from the far agent reached this one (neither an
	 * answer to any of our checks nor one of its own checks), or the far agent saw none of our
	 * checks. ice4j retransmits a check at 0, 100, 300, 700 and 1500 ms; a STUN transaction needs
	 * both directions, so with one direction silent through all of them no pair can succeed, while
	 * chance loss of every one of those packets is negligible (30 % loss: 0.3^8 ≈ 7e-5).
	 *
	 * @return the FAILED state's text with its evidence, or null when it cannot be told yet
	 */
	private String earlyFailure(ControlClient client, IceMediaStream stream, AtomicInteger fromFar, long checksStart)
			throws InterruptedException {
		int checksFromFar = fromFar.get();
		if (anyPairSucceeded(stream.getCheckList())) {
			return null;
		}
		long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checksStart);
		int[] farReceived = null;
		try {
			farReceived = client.call(new QueryReceived(), Received.class).ports();
		} catch (IOException olderResponder) {
			// a responder without the ICE account: decide from this side alone
		}
		boolean nothingBack = checksFromFar == 0;
		boolean nothingThere = farReceived != null && farReceived.length == 0;
		if (!nothingBack && !nothingThere) {
			return null;
		}
		if (!nothingThere) {
			// our checks arrived there: give an answer already on its way a moment more
			Thread.sleep(250);
			if (anyPairSucceeded(stream.getCheckList()) || fromFar.get() > 0) {
				return null;
			}
			waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checksStart);
		}
		String there = farReceived == null ? "the responder cannot tell whether this client's checks reached its agent"
				: nothingThere ? "none of this client's checks reached the server's agent"
						: "this client's checks did reach the server's agent (port " + ports(farReceived) + ")";
		String back = nothingBack ? "no answer and none of the server agent's checks reached this client"
				: checksFromFar + " of the server agent's checks reached this client, but no pair succeeded";
		return "FAILED (every pair failed, decided after " + waited + " ms of checks, before ice4j's own timer: "
				+ there + "; " + back + ")";
	}

	private static String ports(int[] ports) {
		if (ports.length == 0) {
			return "none";
		}
		if (ports.length > 1 && ports[ports.length - 1] - ports[0] == ports.length - 1) {
			return ports[0] + "-" + ports[ports.length - 1];
		}
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < ports.length && i < 8; i++) {
			b.append(i == 0 ? "" : ", ").append(ports[i]);
		}
		return ports.length > 8 ? b + ", ... (" + ports.length + ")" : b.toString();
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
