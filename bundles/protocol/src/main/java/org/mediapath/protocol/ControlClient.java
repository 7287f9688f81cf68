package org.mediapath.protocol;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.mediapath.protocol.ControlMessage.Authenticate;
import org.mediapath.protocol.ControlMessage.Challenge;
import org.mediapath.protocol.ControlMessage.Failure;
import org.mediapath.protocol.ControlMessage.Welcome;

/**
 * The client end of the control channel: connects, proves it knows the secret, checks that the
 * responder knows it too, then exchanges one request for one reply at a time.
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

	private final Socket socket;
	private final InputStream in;
	private final OutputStream out;

	private ControlClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects and authenticates.
	 *
	 * @param address the responder's control address
	 * @param secret the pre-shared secret
	 * @param timeout connect and per-reply timeout
	 * @return an authenticated client
	 * @throws RefusedException if the responder refuses (wrong secret, busy)
	 * @throws IOException if the connection fails or the responder cannot prove it knows the secret
	 */
	public static ControlClient connect(InetSocketAddress address, byte[] secret, Duration timeout) throws IOException {
		ChallengeResponse auth = new ChallengeResponse(secret);
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(address, (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			ControlClient client = new ControlClient(socket);
			ControlMessage first = client.receive();
			if (!(first instanceof Challenge challenge) || challenge.nonce().length != ChallengeResponse.NONCE_SIZE) {
				throw new IOException("control channel: expected a challenge, got " + first.getClass().getSimpleName());
			}
			if (challenge.version() != ControlMessage.VERSION) {
				throw new IOException("control channel: responder speaks version " + challenge.version() + ", we speak "
						+ ControlMessage.VERSION);
			}
			byte[] nonce = auth.nonce();
			client.send(new Authenticate(nonce, auth.clientProof(challenge.nonce(), nonce)));
			ControlMessage reply = client.receive();
			if (!(reply instanceof Welcome welcome)
					|| !ChallengeResponse.matches(auth.serverProof(nonce, challenge.nonce()), welcome.proof())) {
				throw new IOException("control channel: the responder could not prove it knows the secret");
			}
			return client;
		} catch (IOException | RuntimeException e) {
			socket.close();
			throw e;
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
		Frames.write(out, ControlCodec.encode(message));
	}

	private ControlMessage receive() throws IOException {
		ControlMessage message;
		try {
			message = ControlCodec.decode(Frames.read(in, Frames.DEFAULT_MAX_FRAME));
		} catch (ProtocolException e) {
			throw new IOException("control channel: " + e.getMessage(), e);
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
