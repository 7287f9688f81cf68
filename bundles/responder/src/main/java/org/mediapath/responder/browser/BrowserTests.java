package org.mediapath.responder.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserPortResult;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.net.PortRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder's user's-browser test: what the web port's servlet and the control channel call.
 * Thread-safe; every run's agents live at most {@link Limits#runDeadline()} plus a short grace, and
 * the number of runs and agents at once is bounded, so a flood of starts and offers costs a bounded
 * amount of memory and sockets and leaves a legitimate run working once the flood's runs end.
 */
public final class BrowserTests implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(BrowserTests.class);
	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The bounds of the test.
	 *
	 * @param portsPerRun PBX ports each run tests (one RTCPeerConnection each in the page)
	 * @param runsAtOnce runs with live agents at once, all sources together
	 * @param runsAtOncePerSource the same from one address
	 * @param runsKept finished runs kept for the console to read
	 * @param runDeadline the longest a run may take before it is decided with what was seen
	 * @param reportEvery how often the page reports
	 */
	public record Limits(int portsPerRun, int runsAtOnce, int runsAtOncePerSource, int runsKept, Duration runDeadline,
			Duration reportEvery) {
		/** The defaults: 10 ports, 8 runs (2 per address), 500 kept, 4.5 s, 250 ms. */
		public static final Limits DEFAULT = new Limits(10, 8, 2, 500, Duration.ofMillis(4500), Duration.ofMillis(250));
	}

	/**
	 * Where the test runs.
	 *
	 * @param media the address the agents bind (the PBX's media address)
	 * @param announced the address the page is told to send to (the public address behind NAT)
	 * @param udpPorts the PBX's media range the ports are sampled from
	 * @param urlBase the web port as users reach it, e.g. {@code https://pbx.example.com:8443}
	 */
	public record Site(InetAddress media, InetAddress announced, PortRange udpPorts, String urlBase) {
	}

	private final Site site;
	private final Limits limits;
	private final PortGuard guard;
	private final Clock clock;
	private final Invitations invitations;
	private final Map<String, Run> live = new LinkedHashMap<>();
	private final Deque<BrowserRun> finished = new ArrayDeque<>();
	private final ScheduledExecutorService timer;

	/**
	 * @param site where the test runs
	 * @param limits its bounds
	 * @param guard the responder's book of held ports
	 * @param clock the clock (expiry, timestamps)
	 */
	public BrowserTests(Site site, Limits limits, PortGuard guard, Clock clock) {
		this.site = site;
		this.limits = limits;
		this.guard = guard;
		this.clock = clock;
		this.invitations = new Invitations(clock, site.urlBase());
		this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "mediapath-browser-test");
			t.setDaemon(true);
			return t;
		});
		long tick = Math.max(50, limits.reportEvery().toMillis());
		// ice4j's first-use cost is paid by the probe bundle's warm-up, which runs in every runtime with this bundle
		timer.scheduleWithFixedDelay(this::expireRuns, tick, tick, TimeUnit.MILLISECONDS);
	}

	/** @return the link's base as users reach the web port */
	public String urlBase() {
		return site.urlBase();
	}

	/** Whether the page for this token may run (nothing is used up). */
	public Admission admission(String token) {
		return invitations.admission(token);
	}

	/**
	 * The page starts a run: uses one of the link's uses and binds the run's agents.
	 *
	 * @param token the link's token
	 * @param pageAddress the address the page's request came from
	 * @param userAgent the User-Agent header ("" if none)
	 * @return the run
	 * @throws BrowserTestException when the link cannot be used or the responder is busy
	 */
	public RunStart start(String token, InetAddress pageAddress, String userAgent) throws BrowserTestException {
		BrowserInvitation invitation;
		int[] ports;
		synchronized (this) {
			if (live.size() >= limits.runsAtOnce()) {
				throw busy();
			}
			long fromThere = live.values().stream().filter(r -> r.pageAddress.equals(pageAddress)).count();
			if (fromThere >= limits.runsAtOncePerSource()) {
				throw new BrowserTestException(BrowserTestException.BUSY, 429,
						"A test from this address is running already: wait for it to finish.");
			}
			invitation = invitations.use(token);
			ports = guard.notHeld(sample(site.udpPorts(), limits.portsPerRun()));
			guard.hold(ports);
		}
		String agentLess = userAgent == null ? "" : userAgent.codePoints().map(c -> Character.isISOControl(c) ? 0x3F : c)
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		Run run = new Run(randomId(9), randomId(18), invitation, clock.instant(), System.nanoTime(), pageAddress,
				agentLess.length() > 300 ? agentLess.substring(0, 300) : agentLess);
		for (int port : ports) {
			try {
				run.agents.put(port, new PortAgent(site.media(), port));
			} catch (IOException heldByAnotherProgram) {
				run.agents.put(port, null); // the PBX itself holds it: NOT_TRIED, never a block
			} catch (RuntimeException e) {
				run.close();
				guard.release(ports);
				invitations.giveBack(token);
				LOG.warn("browser test: could not make an ICE agent: {}", e.toString());
				throw new BrowserTestException(BrowserTestException.BUSY, 503, "The PBX could not start the test: try again shortly.");
			}
		}
		run.heldPorts = ports;
		synchronized (this) {
			live.put(run.id, run);
		}
		return new RunStart(run.id, run.key, site.announced().getHostAddress(), ports, limits.reportEvery(),
				limits.runDeadline());
	}

	/**
	 * The page's SDP offer for one port: the port's agent takes the browser's credentials and answers.
	 *
	 * @return the SDP answer
	 * @throws BrowserTestException for an unknown run, a wrong key, a port not in the run, a second offer, a malformed offer
	 */
	public String answer(String runId, String runKey, int port, String offerSdp) throws BrowserTestException {
		Run run = liveRun(runId, runKey);
		Sdp.Offer offer;
		try {
			offer = Sdp.parseOffer(offerSdp);
		} catch (IllegalArgumentException e) {
			throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 400, e.getMessage());
		}
		synchronized (run) {
			if (!run.agents.containsKey(port)) {
				throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 400, "port: not one of this run's ports");
			}
			PortAgent agent = run.agents.get(port);
			if (agent == null) {
				throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 409,
						"port: another program on the PBX holds this port; it is not tested");
			}
			if (agent.offered()) {
				throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 409, "port: offered already");
			}
			if (run.state != RunState.RUNNING) {
				throw new BrowserTestException(BrowserTestException.RUN_OVER, 410, "This test is over.");
			}
			agent.offer(offer.ufrag(), offer.password());
			run.offeredAt.put(port, System.nanoTime());
			byte[] fingerprint = new byte[32];
			RANDOM.nextBytes(fingerprint);
			return Sdp.answer(offer, agent.ufrag(), agent.password(), site.announced().getHostAddress(), port, fingerprint);
		}
	}

	/**
	 * The page's counts: judged with the PBX's own; the reply says whether the run is decided.
	 *
	 * @throws BrowserTestException for an unknown run or a wrong key
	 */
	public RunProgress report(String runId, String runKey, PageReport report) throws BrowserTestException {
		Run run = runFor(runId, runKey);
		synchronized (run) {
			if (run.state == RunState.RUNNING) {
				run.lastReportNanos = System.nanoTime();
				for (PairReport pair : report.pairs()) {
					if (run.agents.containsKey(pair.port())) {
						run.pages.put(pair.port(), pair);
						if (!pair.localCandidateType().isEmpty() && run.candidateTypes.size() < 4
								&& pair.localCandidateType().matches("host|srflx|prflx|relay")) {
							run.candidateTypes.add(pair.localCandidateType());
						}
					}
				}
				boolean last = report.last() || run.age().compareTo(limits.runDeadline()) >= 0;
				Map<Integer, PortState> states = run.judge(last);
				if (last || states.values().stream().noneMatch(s -> s == PortState.PENDING)) {
					finish(run, RunState.DONE, states);
				}
			}
			return run.progress();
		}
	}

	/** Control channel: a new link. */
	public BrowserInvitation invite(InvitationRequest request) {
		return invitations.create(request);
	}

	/** Control channel: the runs kept, newest first, optionally of one link. */
	public List<BrowserRun> runs(Optional<String> token) {
		List<BrowserRun> all = new ArrayList<>();
		List<Run> running;
		synchronized (this) {
			running = new ArrayList<>(live.values());
			all.addAll(finished);
		}
		for (Run r : running) {
			synchronized (r) {
				if (r.state == RunState.RUNNING) { // a decided run lingers a moment; its record is among the finished
					all.add(r.record(r.judge(false)));
				}
			}
		}
		all.sort((a, b) -> b.started().compareTo(a.started()));
		return all.stream().filter(r -> token.map(t -> t.equals(r.token())).orElse(true)).toList();
	}

	/** Control channel: the links kept, newest first. */
	public List<BrowserInvitation> invitations() {
		return invitations.list();
	}

	/** @return runs with live agents, and agents alive (for the status dump and the flood test) */
	public synchronized int[] liveCounts() {
		int agents = 0;
		for (Run r : live.values()) {
			agents += (int) r.agents.values().stream().filter(a -> a != null).count();
		}
		return new int[] { live.size(), agents };
	}

	@Override
	public void close() {
		timer.shutdownNow();
		List<Run> running;
		synchronized (this) {
			running = new ArrayList<>(live.values());
			live.clear();
		}
		for (Run r : running) {
			r.close();
			guard.release(r.heldPorts);
		}
	}

	private Run liveRun(String runId, String runKey) throws BrowserTestException {
		Run run;
		synchronized (this) {
			run = live.get(runId);
		}
		if (run == null || !run.keyMatches(runKey)) {
			throw new BrowserTestException(BrowserTestException.RUN_UNKNOWN, 404, "This test is not running (it ended, or the link was opened twice).");
		}
		return run;
	}

	/** A live run, or a finished one's last word (the page may report once more after the decision). */
	private Run runFor(String runId, String runKey) throws BrowserTestException {
		return liveRun(runId, runKey);
	}

	/** Ends runs whose deadline passed or whose page went away; frees their agents. */
	private void expireRuns() {
		List<Run> running;
		synchronized (this) {
			running = new ArrayList<>(live.values());
		}
		for (Run run : running) {
			synchronized (run) {
				if (run.state == RunState.RUNNING) {
					Duration silence = Duration.ofNanos(System.nanoTime() - run.lastReportNanos);
					if (run.age().compareTo(limits.runDeadline().plus(limits.reportEvery().multipliedBy(4))) >= 0) {
						// the page never said its last word: decide with what both sides saw
						boolean pageGone = silence.compareTo(limits.reportEvery().multipliedBy(8)) > 0;
						finish(run, pageGone && run.pages.isEmpty() ? RunState.ABANDONED : RunState.DONE, run.judge(true));
					}
				} else if (run.endedNanos != 0 && System.nanoTime() - run.endedNanos > Duration.ofSeconds(2).toNanos()) {
					// a short linger after the decision: the page's last report still finds its run
					synchronized (this) {
						live.remove(run.id);
					}
					run.close();
					guard.release(run.heldPorts);
				}
			}
		}
	}

	/** Called with the run's lock held. */
	private void finish(Run run, RunState state, Map<Integer, PortState> states) {
		run.state = state;
		run.endedNanos = System.nanoTime();
		run.decided = Duration.ofNanos(run.endedNanos - run.startNanos);
		run.finalStates = states;
		run.summary = Summaries.of(states, run.pages, state);
		BrowserRun record = run.record(states);
		synchronized (this) {
			finished.addFirst(record);
			while (finished.size() > limits.runsKept()) {
				finished.removeLast();
			}
		}
	}

	private static BrowserTestException busy() {
		return new BrowserTestException(BrowserTestException.BUSY, 503,
				"The PBX is running other tests right now: try again in a minute.");
	}

	/**
	 * Both ends of the range and evenly spaced ports between, from a random offset so that repeated
	 * runs look at different ports.
	 */
	static int[] sample(PortRange range, int count) {
		int size = range.size();
		if (size <= count) {
			return java.util.stream.IntStream.rangeClosed(range.first(), range.last()).toArray();
		}
		java.util.TreeSet<Integer> ports = new java.util.TreeSet<>();
		ports.add(range.first());
		ports.add(range.last());
		int inner = count - 2;
		double step = (double) (size - 2) / inner;
		double offset = RANDOM.nextDouble() * step;
		for (int i = 0; i < inner; i++) {
			ports.add(range.first() + 1 + (int) Math.min(size - 3, Math.floor(offset + i * step)));
		}
		return ports.stream().mapToInt(Integer::intValue).toArray();
	}

	private static String randomId(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/** One run: its agents and what both sides saw. Mutable, guarded by its own lock. */
	private final class Run {
		final String id;
		final String key;
		final BrowserInvitation invitation;
		final Instant started;
		final long startNanos;
		final InetAddress pageAddress;
		final String userAgent;
		final Map<Integer, PortAgent> agents = new TreeMap<>();
		final Map<Integer, PairReport> pages = new TreeMap<>();
		final Map<Integer, Long> offeredAt = new TreeMap<>();
		final java.util.Set<String> candidateTypes = new java.util.TreeSet<>();
		int[] heldPorts = new int[0];
		RunState state = RunState.RUNNING;
		long lastReportNanos;
		long endedNanos;
		Duration decided;
		Map<Integer, PortState> finalStates;
		String summary = "Testing...";

		Run(String id, String key, BrowserInvitation invitation, Instant started, long startNanos, InetAddress pageAddress,
				String userAgent) {
			this.id = id;
			this.key = key;
			this.invitation = invitation;
			this.started = started;
			this.startNanos = startNanos;
			this.lastReportNanos = startNanos;
			this.pageAddress = pageAddress;
			this.userAgent = userAgent;
		}

		boolean keyMatches(String candidate) {
			return candidate != null && java.security.MessageDigest.isEqual(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

		Duration age() {
			return Duration.ofNanos(System.nanoTime() - startNanos);
		}

		Map<Integer, PortState> judge(boolean last) {
			if (finalStates != null) {
				return finalStates;
			}
			Map<Integer, PortState> states = new TreeMap<>();
			long now = System.nanoTime();
			for (Map.Entry<Integer, PortAgent> e : agents.entrySet()) {
				PortAgent a = e.getValue();
				Long offered = offeredAt.get(e.getKey());
				states.put(e.getKey(), RunJudge.judge(new RunJudge.PortView(a != null, a == null ? 0 : a.checksArrived(),
						a != null && a.connected(), Optional.ofNullable(pages.get(e.getKey())),
						Optional.ofNullable(offered).map(t -> Duration.ofNanos(now - t))), last));
			}
			return states;
		}

		RunProgress progress() {
			Map<Integer, PortState> states = judge(false);
			return new RunProgress(state != RunState.RUNNING, state == RunState.RUNNING ? "Testing..." : summary, states);
		}

		BrowserRun record(Map<Integer, PortState> states) {
			List<BrowserPortResult> ports = new ArrayList<>();
			for (Map.Entry<Integer, PortState> e : states.entrySet()) {
				PortAgent a = agents.get(e.getKey());
				Optional<PairReport> page = Optional.ofNullable(pages.get(e.getKey()));
				long arrived = a == null ? 0 : a.checksArrived();
				ports.add(new BrowserPortResult(e.getKey(), e.getValue(), page.map(PairReport::requestsSent).orElse(0L),
						page.map(PairReport::responsesReceived).orElse(0L), page.map(PairReport::requestsReceived).orElse(0L),
						arrived, arrived,
						page.filter(p -> Double.isFinite(p.roundTripSeconds()) && p.roundTripSeconds() >= 0)
								.map(p -> java.util.OptionalDouble.of(p.roundTripSeconds() * 1000))
								.orElse(java.util.OptionalDouble.empty()),
						Optional.ofNullable(a == null ? null : a.seenFrom())));
			}
			return new BrowserRun(id, invitation.token(), invitation.label(), invitation.policy(), started, state,
					Optional.ofNullable(decided), userAgent, Sdp.browserOf(userAgent), Sdp.operatingSystemOf(userAgent),
					pageAddress.getHostAddress(), site.announced().getHostAddress(), site.udpPorts(), ports,
					List.copyOf(candidateTypes), state == RunState.RUNNING ? "Testing..." : summary);
		}

		void close() {
			for (PortAgent a : agents.values()) {
				if (a != null) {
					a.close();
				}
			}
		}
	}
}
