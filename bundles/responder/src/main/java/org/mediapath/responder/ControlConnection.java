package org.mediapath.responder;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.HexFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.net.AddressBlock;
import org.mediapath.protocol.BrowserJson;
import org.mediapath.protocol.ControlMessage.BrowserRuns;
import org.mediapath.protocol.ControlMessage.CreateInvitation;
import org.mediapath.protocol.ControlMessage.InvitationList;
import org.mediapath.protocol.ControlMessage.InvitationMade;
import org.mediapath.protocol.ControlMessage.QueryBrowserRuns;
import org.mediapath.protocol.ControlMessage.QueryInvitations;
import org.mediapath.responder.browser.BrowserTests;
import org.mediapath.protocol.ChallengeResponse;
import org.mediapath.protocol.ControlCodec;
import org.mediapath.protocol.ControlMessage;
import org.mediapath.protocol.ControlMessage.Authenticate;
import org.mediapath.protocol.ControlMessage.Challenge;
import org.mediapath.protocol.ControlMessage.ChecksSent;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.Failure;
import org.mediapath.protocol.ControlMessage.IceOffer;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryCounts;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SendChecks;
import org.mediapath.protocol.ControlMessage.SendTriggered;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ControlMessage.Welcome;
import org.mediapath.protocol.ControlTls;
import org.mediapath.protocol.Frames;
import org.mediapath.protocol.LegacyProtocol;
import org.mediapath.protocol.ProtocolException;
import org.mediapath.responder.UdpSession.Credentials;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * One control connection: TLS 1.3 with the responder's certificate (a plaintext version-1 client is told
 * to update), the challenge-response bound to that certificate, then at most one session, which ends when the
 * client closes it, the connection drops, the idle or session timeout passes, or the responder
 * stops. The session's ports are released in every one of those cases.
 */
final class ControlConnection implements Runnable {

	private static final SecureRandom RANDOM = new SecureRandom();
	/** The code of the refusal a responder without a web port gives the browser test's messages. */
	static final String NO_WEB_PORT = "NO_WEB_PORT";
	/**
	 * How long a new connection may stay silent before it is taken for a version-1 client waiting for our
	 * challenge (at most two thirds of the handshake deadline): long enough for a cold client JVM on a busy
	 * machine to send its TLS hello, short enough for a version-1 client (3 s reply timeout) to read the reason.
	 */
	static final Duration LEGACY_CLIENT_WAIT = Duration.ofSeconds(2);

	private final Responder responder;
	private final Socket socket;
	private final ResponderSettings settings;
	private final ChallengeResponse auth;
	private final InetAddress peer;
	/** The SHA-256 digest of our own certificate: the secret's proofs cover it. */
	private final byte[] certificate;
	private UdpSession udp;
	private IceSession ice;
	private OpenSession request;
	private boolean sessionSlot;
	/** The ports this connection's session holds, registered with the responder. */
	private int[] heldPorts;

	ControlConnection(Responder responder, Socket socket, ResponderSettings settings, ChallengeResponse auth) {
		this.responder = responder;
		this.socket = socket;
		this.settings = settings;
		this.auth = auth;
		this.peer = socket.getInetAddress();
		this.certificate = ControlTls.digest(settings.identity().chain()[0]);
	}

	@Override
	public void run() {
		try (socket) {
			socket.setTcpNoDelay(true);
			// A per-read timeout alone would let a client trickle one byte at a time: the whole
			// handshake (TLS and then the secret's proofs), and later the whole session, get a hard
			// deadline that closes the socket. The per-source and total connection limits hold from
			// accept on, so TLS handshakes that never finish cost one bounded slot each, for at most
			// this long.
			ScheduledFuture<?> handshakeDeadline = responder.closeAfter(socket, settings.limits().handshakeTimeout());
			SSLSocket tls = startTls();
			if (tls == null) {
				handshakeDeadline.cancel(false);
				return;
			}
			InputStream in = new BufferedInputStream(tls.getInputStream());
			OutputStream out = tls.getOutputStream();
			boolean authenticated = authenticate(in, out);
			handshakeDeadline.cancel(false);
			if (!authenticated) {
				return;
			}
			socket.setSoTimeout((int) settings.limits().idleTimeout().toMillis());
			ScheduledFuture<?> sessionDeadline = responder.closeAfter(socket, settings.limits().sessionTimeout());
			try {
				serve(in, out);
			} finally {
				sessionDeadline.cancel(false);
			}
		} catch (SocketTimeoutException | EOFException gone) {
			// the client went silent or away: the session ends, its ports are released below
		} catch (SSLException e) {
			// an altered, dropped or replayed record after the handshake: JSSE has sent its alert; end here
			responder.stats().tlsFailures.incrementAndGet();
		} catch (IOException e) {
			// connection reset or responder stopping
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			endSession();
			responder.connectionEnded(peer);
		}
	}

	/**
	 * Tells a TLS ClientHello from a client of the plaintext version 1, which sends nothing and waits
	 * for our challenge, then runs the TLS 1.3 handshake.
	 *
	 * @return the established TLS socket, or null when the connection was answered and is done
	 */
	private SSLSocket startTls() throws IOException {
		Duration wait = settings.limits().handshakeTimeout().multipliedBy(2).dividedBy(3);
		if (wait.compareTo(LEGACY_CLIENT_WAIT) > 0) {
			wait = LEGACY_CLIENT_WAIT;
		}
		socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
		InputStream raw = socket.getInputStream();
		int first;
		try {
			first = raw.read();
		} catch (SocketTimeoutException silent) {
			responder.stats().notTls.incrementAndGet();
			socket.getOutputStream().write(LegacyProtocol.failureFrame(LegacyProtocol.UPGRADE_CLIENT,
					"this responder speaks the control channel inside TLS 1.3 (protocol version " + ControlMessage.VERSION
							+ ") and heard no TLS hello: update mediapath on the client (the side that ran diagnose or probe)"));
			return null;
		}
		if (first < 0) {
			return null;
		}
		if (first != ControlTls.HANDSHAKE_RECORD) {
			responder.stats().notTls.incrementAndGet();
			socket.getOutputStream().write(LegacyProtocol.failureFrame(LegacyProtocol.UPGRADE_CLIENT,
					"this responder speaks the control channel inside TLS 1.3 (protocol version " + ControlMessage.VERSION
							+ "); what arrived is no TLS hello: update mediapath on the client"));
			return null;
		}
		socket.setSoTimeout((int) settings.limits().handshakeTimeout().toMillis());
		SSLSocket tls = (SSLSocket) responder.tls().getSocketFactory().createSocket(socket,
				new ByteArrayInputStream(new byte[] { (byte) first }), true);
		ControlTls.onlyTls13(tls);
		tls.setUseClientMode(false);
		try {
			tls.startHandshake();
		} catch (IOException e) {
			// a client that does not trust our certificate (no pin, another pin) ends here too, and one
			// that never finishes its hello (the deadline closed the socket)
			responder.stats().tlsFailures.incrementAndGet();
			return null;
		}
		return tls;
	}

	private boolean authenticate(InputStream in, OutputStream out) throws IOException {
		byte[] challenge = auth.nonce();
		send(out, new Challenge(ControlMessage.VERSION, challenge));
		ControlMessage answer;
		try {
			answer = ControlCodec.decode(Frames.read(in, 256));
		} catch (ProtocolException e) {
			responder.stats().authFailures.incrementAndGet();
			send(out, new Failure("PROTOCOL", e.getMessage()));
			return false;
		}
		if (!(answer instanceof Authenticate a) || a.nonce().length != ChallengeResponse.NONCE_SIZE
				|| !ChallengeResponse.matches(auth.clientProof(certificate, challenge, a.nonce()), a.proof())) {
			responder.stats().authFailures.incrementAndGet();
			send(out, new Failure("AUTH_FAILED", "authentication failed: wrong secret or protocol"));
			return false;
		}
		send(out, new Welcome(auth.serverProof(certificate, a.nonce(), challenge)));
		return true;
	}

	private void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
		while (true) {
			ControlMessage message;
			try {
				message = ControlCodec.decode(Frames.read(in, settings.limits().maxFrameBytes()));
			} catch (ProtocolException e) {
				send(out, new Failure("PROTOCOL", e.getMessage()));
				return;
			}
			ControlMessage reply;
			try {
				reply = handle(message);
			} catch (IllegalArgumentException | IllegalStateException e) {
				reply = new Failure("BAD_REQUEST", e.getMessage());
			}
			send(out, reply);
			if (message instanceof CloseSession) {
				return;
			}
		}
	}

	private ControlMessage handle(ControlMessage message) throws IOException, InterruptedException {
		if (message instanceof OpenSession open) {
			return open(open);
		}
		if (message instanceof CreateInvitation || message instanceof QueryBrowserRuns || message instanceof QueryInvitations) {
			return browserTest(message);
		}
		if (request == null) {
			throw new IllegalStateException("open a session first");
		}
		if (message instanceof SendChecks checks) {
			requireUdp();
			if (checks.clientPorts().length > settings.limits().maxPortsPerSession()) {
				throw new IllegalArgumentException(checks.clientPorts().length + " client ports exceed the limit of "
						+ settings.limits().maxPortsPerSession() + " per request");
			}
			int rate = checks.packetsPerSecond() <= 0 ? settings.limits().maxCheckRate()
					: Math.min(checks.packetsPerSecond(), settings.limits().maxCheckRate());
			return new ChecksSent(udp.sendChecks(checks.clientPorts(), rate));
		}
		if (message instanceof SendTriggered triggered) {
			requireUdp();
			int[] clientPorts = triggered.clientPorts();
			// ascending and unique (the codec's port lists), so the same port cannot be asked twice
			if (clientPorts.length > settings.limits().maxPortsPerSession()) {
				throw new IllegalArgumentException(clientPorts.length + " client ports exceed the limit of "
						+ settings.limits().maxPortsPerSession() + " per request");
			}
			return udp.sendTriggered(triggered.prefix(), clientPorts, settings.limits().maxCheckRate());
		}
		if (message instanceof QueryReceived && ice != null) {
			// in an ICE session: the agent's ports on which the client's checks arrived
			return new Received(ice.received());
		}
		if (message instanceof QueryReceived) {
			requireUdp();
			return new Received(udp.received());
		}
		if (message instanceof QueryCounts) {
			requireUdp();
			long[] counts = udp.counts();
			return new ControlMessage.Counts(counts[0], counts[1]);
		}
		if (message instanceof IceOffer offer) {
			if (request.kind() != SessionKind.ICE || ice == null) {
				throw new IllegalStateException("an ICE offer needs a fresh ICE session");
			}
			return ice.offer(offer.ufrag(), offer.password(), offer.candidates());
		}
		if (message instanceof CloseSession) {
			endSession();
			return new SessionClosed();
		}
		throw new IllegalArgumentException("unexpected " + message.getClass().getSimpleName());
	}

	/** The user's-browser test's messages: no session, any number per connection. */
	private ControlMessage browserTest(ControlMessage message) {
		Optional<BrowserTests> enabled = responder.browserTests();
		if (enabled.isEmpty()) {
			return new Failure(NO_WEB_PORT, "this responder does not serve the user's-browser test: start it with"
					+ " --web-port (and --web-url when users reach it under another name)");
		}
		BrowserTests tests = enabled.get();
		if (message instanceof CreateInvitation c) {
			List<String> ranges = c.vpnAddressRanges().isBlank() ? List.of()
					: Arrays.stream(c.vpnAddressRanges().split(",")).map(String::strip).toList();
			for (String range : ranges) {
				AddressBlock.parse("vpn-ranges", range);
			}
			InvitationRequest request = new InvitationRequest(c.uses(), Duration.ofSeconds(c.validForSeconds()), c.label(),
					new BrowserTestPolicy(c.requireVpn(), ranges));
			return new InvitationMade(BrowserJson.invitation(tests.invite(request)));
		}
		if (message instanceof QueryBrowserRuns q) {
			List<BrowserRun> runs = tests.runs(q.token().isEmpty() ? Optional.empty() : Optional.of(q.token()));
			return new BrowserRuns(BrowserJson.runs(fitting(runs, Math.max(1, Math.min(q.limit(), 100)))));
		}
		return new InvitationList(BrowserJson.invitations(fittingInvitations(tests.invitations())));
	}

	/** The newest runs, as many as asked and as fit one frame. */
	private static List<BrowserRun> fitting(List<BrowserRun> runs, int limit) {
		List<BrowserRun> out = new ArrayList<>();
		int bytes = 2;
		for (BrowserRun r : runs) {
			int size = BrowserJson.run(r).getBytes(StandardCharsets.UTF_8).length + 1;
			if (out.size() >= limit || bytes + size > ControlCodec.MAX_TEXT) {
				break;
			}
			out.add(r);
			bytes += size;
		}
		return out;
	}

	private static List<BrowserInvitation> fittingInvitations(List<BrowserInvitation> all) {
		List<BrowserInvitation> out = new ArrayList<>();
		int bytes = 2;
		for (BrowserInvitation i : all) {
			int size = BrowserJson.invitation(i).getBytes(StandardCharsets.UTF_8).length + 1;
			if (bytes + size > ControlCodec.MAX_TEXT) {
				break;
			}
			out.add(i);
			bytes += size;
		}
		return out;
	}

	private void requireUdp() {
		if (udp == null) {
			throw new IllegalStateException("this is not a UDP session");
		}
	}

	private ControlMessage open(OpenSession open) throws IOException {
		if (request != null) {
			throw new IllegalStateException("one session per connection; this one is open already");
		}
		int[] ports = open.serverPorts();
		if (ports.length == 0) {
			throw new IllegalArgumentException("no server ports requested");
		}
		if (ports.length > settings.limits().maxPortsPerSession()) {
			throw new IllegalArgumentException(ports.length + " ports exceed the limit of "
					+ settings.limits().maxPortsPerSession() + " per session");
		}
		if (!settings.udpPorts().contains(ports[0]) || !settings.udpPorts().contains(ports[ports.length - 1])) {
			return new Failure("PORTS_OUTSIDE_RANGE", "requested ports " + ports[0] + "-" + ports[ports.length - 1]
					+ " are outside this responder's range " + settings.udpPorts());
		}
		if (!validCredential(open.clientUfrag()) || !validCredential(open.clientPassword())) {
			throw new IllegalArgumentException("client ufrag/password must be 4-256 printable characters without ':'");
		}
		if (!responder.takeSessionSlot()) {
			responder.stats().refusedBusy.incrementAndGet();
			return new Failure("BUSY", "the responder runs " + settings.limits().maxSessions()
					+ " sessions already; try again shortly");
		}
		sessionSlot = true;
		request = open;
		responder.stats().sessionsOpened.incrementAndGet();
		String serverUfrag = token(8);
		String serverPassword = token(24);
		if (open.kind() == SessionKind.ICE) {
			// The agent binds now, on a port no session of ours holds (a sweep running beside it keeps
			// its ports); ports another program holds are told back as IN_USE, as a sweep's are.
			int[] candidates = responder.notHeldBySessions(ports);
			try {
				ice = new IceSession(settings.media(), settings.publicAddress(), candidates, peer);
			} catch (IOException noPort) {
				// nothing was opened: free the slot at once, so the client can ask again on a new connection
				endSession();
				request = null;
				return new Failure("IN_USE", "the ICE agent could bind none of the " + candidates.length + " requested ports "
						+ ports[0] + "-" + ports[ports.length - 1] + " free of other sessions on "
						+ settings.media().getHostAddress() + ": another program holds them (" + noPort.getMessage() + ")");
			}
			heldPorts = ice.bound();
			responder.holdPorts(heldPorts);
			return new SessionOpened(settings.announced().getHostAddress(), serverUfrag, serverPassword, ice.bound(),
					ice.inUse());
		}
		udp = new UdpSession(settings.media(), ports, settings.udpPorts(), peer,
				new Credentials(serverUfrag, serverPassword, open.clientUfrag(), open.clientPassword()),
				responder.strangers(), responder.stats(), settings.limits().maxAnswerRate(),
				"mediapath-responder-udp-" + peer.getHostAddress());
		heldPorts = udp.bound();
		responder.holdPorts(heldPorts);
		return new SessionOpened(settings.announced().getHostAddress(), serverUfrag, serverPassword, udp.bound(),
				udp.inUse());
	}

	private static boolean validCredential(String text) {
		return text.length() >= 4 && text.length() <= 256 && text.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ':');
	}

	private static String token(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private void endSession() {
		if (udp != null) {
			udp.close();
			udp = null;
		}
		if (ice != null) {
			ice.close();
			ice = null;
		}
		if (heldPorts != null) { // after the sockets closed: another session may bind them now
			responder.releasePorts(heldPorts);
			heldPorts = null;
		}
		if (sessionSlot) {
			sessionSlot = false;
			responder.releaseSessionSlot();
		}
	}

	private static void send(OutputStream out, ControlMessage message) throws IOException {
		Frames.write(out, ControlCodec.encode(message));
	}
}
