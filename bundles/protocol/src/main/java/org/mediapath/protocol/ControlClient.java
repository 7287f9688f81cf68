package org.mediapath.protocol;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.mediapath.api.net.Fingerprints;

import org.mediapath.protocol.ControlMessage.Authenticate;
import org.mediapath.protocol.ControlMessage.Challenge;
import org.mediapath.protocol.ControlMessage.Failure;
import org.mediapath.protocol.ControlMessage.Welcome;

/**
 * The client end of the control channel: connects over TLS 1.3 to a responder whose certificate it
 * has pinned, proves it knows the secret, checks that the responder knows it too, then exchanges
 * one request for one reply at a time. Every message after the TLS handshake travels in TLS
 * records, so an altered, dropped or replayed record ends the conversation with an
 * {@link IntegrityException} instead of changing what the responder said.
 */
public final class ControlClient implements AutoCloseable {

	/** A refusal from the responder, with its stable code. */
	public static final class RefusedException extends IOException {
		private static final long serialVersionUID = 1L;
		private final String code;

		RefusedException(Failure failure) {
			super("responder refused (" + failure.code() + "): " + failure.message());
			this.code = failure.code();
		}

		/** @return the responder's code, e.g. AUTH_FAILED, BUSY, PORTS_OUTSIDE_RANGE */
		public String code() {
			return code;
		}
	}

	/**
	 * The responder's TLS certificate is not the pinned one, or no pin was given: refused before any
	 * proof of the secret was sent.
	 */
	public static final class UntrustedResponderException extends IOException {
		private static final long serialVersionUID = 1L;
		private final String fingerprint;

		UntrustedResponderException(InetSocketAddress address, String seen, String pinned) {
			super(pinned == null
					? "responder " + hostPort(address) + " presents the TLS certificate SHA-256 " + seen
							+ "; it is not pinned, so nothing was sent to it. If that is the fingerprint the responder"
							+ " printed at its start (and shows in its status), pin it: --responder-fingerprint " + seen
					: "responder " + hostPort(address) + " presents the TLS certificate SHA-256 " + seen
							+ ", not the pinned " + pinned + ": not trusted, and no proof of the secret was sent"
							+ " (someone on the path may be intercepting, or the responder's certificate was replaced:"
							+ " compare with the fingerprint the responder prints at its start)");
			this.fingerprint = seen;
		}

		/** @return the fingerprint of the certificate the responder presented */
		public String fingerprint() {
			return fingerprint;
		}
	}

	/** The TLS records of an established control channel failed their integrity check: altered, dropped or replayed. */
	public static final class IntegrityException extends IOException {
		private static final long serialVersionUID = 1L;

		IntegrityException(InetSocketAddress address, IOException cause) {
			super("control channel to " + hostPort(address) + " failed its TLS integrity check (a record was altered,"
					+ " dropped or replayed on the path, or the connection was cut inside a record); nothing it carried"
					+ " after that is used: " + cause.getMessage(), cause);
		}
	}

	private final InetSocketAddress address;
	private final SSLSocket socket;
	private final InputStream in;
	private final OutputStream out;

	private ControlClient(InetSocketAddress address, SSLSocket socket) throws IOException {
		this.address = address;
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects over TLS 1.3, accepts the responder's certificate only if it is the pinned one, then
	 * authenticates with proofs bound to that certificate.
	 *
	 * @param address the responder's control address
	 * @param secret the pre-shared secret
	 * @param pin the SHA-256 fingerprint of the responder's certificate (any form
	 *        {@link Fingerprints} accepts), or null: then the connection is refused with the
	 *        fingerprint seen, so that the user can check and pin it
	 * @param timeout connect and per-reply timeout
	 * @return an authenticated client
	 * @throws UntrustedResponderException if the certificate is not the pinned one (or there is no pin)
	 * @throws RefusedException if the responder refuses (wrong secret, busy, a client of another version)
	 * @throws IOException if the connection fails, the responder speaks the older plaintext protocol,
	 *         or it cannot prove it knows the secret
	 */
	public static ControlClient connect(InetSocketAddress address, byte[] secret, String pin, Duration timeout)
			throws IOException {
		ChallengeResponse auth = new ChallengeResponse(secret);
		String pinned = pin == null ? null : Fingerprints.requireValid("responder-fingerprint", pin);
		ControlTls.PinningTrustManager trust = ControlTls.pinning(pinned);
		// the TLS context is ready before the TCP connection exists, so that the hello follows the connect at once
		// (a responder takes a connection that stays silent for long for a client of the plaintext version 1)
		javax.net.ssl.SSLSocketFactory factory = ControlTls.clientContext(trust).getSocketFactory();
		FirstBytesSocket plain = new FirstBytesSocket();
		try {
			plain.setTcpNoDelay(true);
			plain.connect(address, (int) timeout.toMillis());
			plain.setSoTimeout((int) timeout.toMillis());
			SSLSocket tls = ControlTls.onlyTls13((SSLSocket) factory.createSocket(plain, address.getHostString(),
					address.getPort(), true));
			try {
				tls.startHandshake();
			} catch (IOException e) { // SSLException, or the peer closing or going silent during the handshake
				throw handshakeFailure(address, trust, plain, e);
			}
			byte[] certificate = ControlTls.peerCertificateDigest(tls.getSession());
			ControlClient client = new ControlClient(address, tls);
			ControlMessage first = client.receive();
			if (!(first instanceof Challenge challenge) || challenge.nonce().length != ChallengeResponse.NONCE_SIZE) {
				throw new IOException("control channel: expected a challenge, got " + first.getClass().getSimpleName());
			}
			if (challenge.version() != ControlMessage.VERSION) {
				throw new IOException("control channel: responder speaks version " + challenge.version() + ", we speak "
						+ ControlMessage.VERSION + ": update mediapath on the " + (challenge.version() < ControlMessage.VERSION
								? "responder's host" : "client"));
			}
			byte[] nonce = auth.nonce();
			client.send(new Authenticate(nonce, auth.clientProof(certificate, challenge.nonce(), nonce)));
			ControlMessage reply = client.receive();
			if (!(reply instanceof Welcome welcome)
					|| !ChallengeResponse.matches(auth.serverProof(certificate, nonce, challenge.nonce()), welcome.proof())) {
				throw new IOException("control channel: the responder could not prove it knows the secret");
			}
			return client;
		} catch (IOException | RuntimeException e) {
			plain.close();
			throw e;
		}
	}

	/**
	 * Asks a responder for its certificate and nothing else: a TLS handshake that this side aborts once
	 * the certificate is seen, so no byte of any message (no proof of a secret) is sent. For a user who
	 * has not pinned the responder yet: the fingerprint to compare with the one the responder printed.
	 *
	 * @param address the responder's control address
	 * @param timeout connect and read timeout
	 * @return the SHA-256 fingerprint of the certificate it presents, canonical form
	 * @throws IOException if it cannot be reached, speaks no TLS, or the older plaintext protocol
	 */
	public static String fingerprintOf(InetSocketAddress address, Duration timeout) throws IOException {
		ControlTls.PinningTrustManager trust = ControlTls.pinning(null);
		javax.net.ssl.SSLSocketFactory factory = ControlTls.clientContext(trust).getSocketFactory();
		try (FirstBytesSocket plain = new FirstBytesSocket()) {
			plain.connect(address, (int) timeout.toMillis());
			plain.setSoTimeout((int) timeout.toMillis());
			SSLSocket tls = ControlTls.onlyTls13((SSLSocket) factory.createSocket(plain, address.getHostString(),
					address.getPort(), true));
			try {
				tls.startHandshake();
			} catch (IOException e) {
				IOException failure = handshakeFailure(address, trust, plain, e);
				if (failure instanceof UntrustedResponderException untrusted) {
					return untrusted.fingerprint();
				}
				throw failure;
			}
			throw new IllegalStateException("a TLS handshake without a pin cannot succeed");
		}
	}

	/** Says in one line why the handshake failed: the pin, a responder of the older protocol, or no TLS at all. */
	private static IOException handshakeFailure(InetSocketAddress address, ControlTls.PinningTrustManager trust,
			FirstBytesSocket plain, IOException e) {
		ControlTls.UntrustedCertificate refusal = trust.refusal();
		if (refusal != null) {
			return new UntrustedResponderException(address, refusal.seen, refusal.pinned);
		}
		byte[] first = plain.firstBytes();
		if (LegacyProtocol.isVersion1Challenge(first, first.length)) {
			return new IOException("control channel: the responder at " + hostPort(address) + " speaks the older"
					+ " plaintext control protocol (version 1, no TLS); update mediapath on the responder's host", e);
		}
		Failure failure = LegacyProtocol.failureIn(first, first.length);
		if (failure != null && LegacyProtocol.UPGRADE_CLIENT.equals(failure.code())) {
			// this client does speak TLS: its hello came later than the responder waits for one
			return new IOException("control channel: the responder at " + hostPort(address) + " stopped waiting for this"
					+ " client's TLS hello (a connection that stays silent is taken for a client of the older plaintext"
					+ " protocol): this machine was too slow to start TLS; run again", e);
		}
		if (failure != null) {
			return new RefusedException(failure);
		}
		if (first.length > 0 && (first[0] < 0x14 || first[0] > 0x17)) { // TLS record types are 20-23
			return new IOException("control channel: " + hostPort(address) + " answered with something other than TLS"
					+ " (first bytes " + HexFormat.ofDelimiter(" ").formatHex(first, 0, Math.min(8, first.length))
					+ "): is it a mediapath responder's control port?", e);
		}
		return new IOException("control channel: TLS handshake with " + hostPort(address) + " failed: " + e.getMessage(), e);
	}

	static String hostPort(InetSocketAddress address) {
		String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/**
	 * A plain TCP socket that keeps the first bytes the TLS layer reads from it: what a peer that
	 * speaks no TLS said, for the one-line reason.
	 */
	private static final class FirstBytesSocket extends Socket {
		private final byte[] first = new byte[256];
		private volatile int kept;
		private InputStream recording;

		synchronized byte[] firstBytes() {
			return java.util.Arrays.copyOf(first, kept);
		}

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (recording == null) {
				InputStream raw = super.getInputStream();
				// buffered: the first read takes what has arrived (a plaintext peer's whole first frame), though
				// the TLS layer asks for a 5-byte record header only, so that the reason can quote it
				recording = new java.io.BufferedInputStream(new java.io.FilterInputStream(raw) {
					@Override
					public int read() throws IOException {
						int b = super.read();
						if (b >= 0) {
							keep(new byte[] { (byte) b }, 0, 1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = super.read(buffer, offset, length);
						keep(buffer, offset, n);
						return n;
					}
				}, first.length);
			}
			return recording;
		}

		private synchronized void keep(byte[] buffer, int offset, int n) {
			int room = first.length - kept;
			if (n > 0 && room > 0) {
				System.arraycopy(buffer, offset, first, kept, Math.min(room, n));
				kept += Math.min(room, n);
			}
		}
	}

	/**
	 * Sends a request and waits for its reply.
	 *
	 * @param request the request
	 * @param expected the reply type wanted
	 * @param <T> the reply type
	 * @return the reply
	 * @throws RefusedException if the responder answered with a {@link Failure}
	 * @throws IOException if the reply is malformed, of another type, or does not come
	 */
	public <T extends ControlMessage> T call(ControlMessage request, Class<T> expected) throws IOException {
		send(request);
		ControlMessage reply = receive();
		if (expected.isInstance(reply)) {
			return expected.cast(reply);
		}
		throw new IOException("control channel: expected " + expected.getSimpleName() + ", got "
				+ reply.getClass().getSimpleName());
	}

	/**
	 * @param timeout the per-reply timeout from now on
	 * @throws IOException if the socket is closed
	 */
	public void setTimeout(Duration timeout) throws IOException {
		socket.setSoTimeout((int) timeout.toMillis());
	}

	/** @return the local address of the control connection: the address the responder sends to */
	public InetSocketAddress localAddress() {
		return (InetSocketAddress) socket.getLocalSocketAddress();
	}

	private void send(ControlMessage message) throws IOException {
		try {
			Frames.write(out, ControlCodec.encode(message));
		} catch (SSLException e) {
			throw new IntegrityException(address, e);
		}
	}

	private ControlMessage receive() throws IOException {
		ControlMessage message;
		try {
			message = ControlCodec.decode(Frames.read(in, Frames.DEFAULT_MAX_FRAME));
		} catch (ProtocolException e) {
			throw new IOException("control channel: " + e.getMessage(), e);
		} catch (SSLException e) {
			throw new IntegrityException(address, e);
		} catch (java.io.EOFException e) {
			throw new IOException("control channel: " + hostPort(address) + " closed the connection before its reply", e);
		}
		if (message instanceof Failure failure) {
			throw new RefusedException(failure);
		}
		return message;
	}

	@Override
	public void close() {
		try {
			socket.close();
		} catch (IOException ignored) {
			// closing is all we wanted
		}
	}
}
