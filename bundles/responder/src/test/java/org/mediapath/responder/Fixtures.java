package org.mediapath.responder;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlClient;

/** Loopback-only fixtures: a responder on 127.0.0.1 with a port range nobody else is likely to use. */
final class Fixtures {

	static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
	static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private Fixtures() {
	}

	/** A free range of {@code size} UDP ports on loopback below the ephemeral range. */
	static PortRange freeRange(int size) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int first = 20000 + ThreadLocalRandom.current().nextInt(0, 12000);
			boolean free = IntStream.rangeClosed(first, first + size - 1).allMatch(Fixtures::udpFree);
			if (free) {
				return new PortRange(first, first + size - 1);
			}
		}
		throw new IllegalStateException("no free range of " + size + " ports");
	}

	static boolean udpFree(int port) {
		try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
			return true;
		} catch (Exception e) {
			return false;
		}
	}

	/** One generated identity for every test of the run, as a responder keeps one across its starts. */
	static final ResponderIdentity IDENTITY = identity();

	private static ResponderIdentity identity() {
		try {
			Path folder = Files.createTempDirectory("mediapath-responder-identity");
			ResponderIdentity identity = ResponderIdentity.loadOrCreate("identity", folder);
			Files.delete(folder.resolve(ResponderIdentity.KEY_FILE));
			Files.delete(folder.resolve(ResponderIdentity.CERTIFICATE_FILE));
			Files.delete(folder);
			return identity;
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	static ResponderSettings settings(PortRange range, ResponderSettings.Limits limits) {
		return new ResponderSettings(LOOPBACK, LOOPBACK, range, 0, SECRET, IDENTITY, limits);
	}

	static ResponderSettings.Limits limits(int maxSessions, Duration handshake) {
		ResponderSettings.Limits d = ResponderSettings.Limits.DEFAULT;
		return new ResponderSettings.Limits(d.maxConnections(), d.maxConnectionsPerSource(), maxSessions,
				d.maxPortsPerSession(), handshake, d.idleTimeout(), d.sessionTimeout(), d.maxFrameBytes(),
				d.errorsPerSourcePerSecond(), d.errorsPerSecond(), d.maxCheckRate(), d.maxAnswerRate());
	}

	/**
	 * A TLS connection to the responder that trusts its certificate and then speaks raw frames: what a
	 * misbehaving client with a valid pin can send.
	 */
	static javax.net.ssl.SSLSocket tls(Responder responder) throws Exception {
		return tls(responder.controlAddress());
	}

	static javax.net.ssl.SSLSocket tls(java.net.InetSocketAddress control) throws Exception {
		java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("responder", IDENTITY.chain()[0]);
		javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
		trust.init(trusted);
		javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
		context.init(null, trust.getTrustManagers(), null);
		javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket();
		socket.connect(control, 2000);
		socket.setSoTimeout(3000);
		socket.startHandshake();
		return socket;
	}

	static ControlClient connect(Responder responder) throws Exception {
		return ControlClient.connect(responder.controlAddress(), SECRET, IDENTITY.fingerprint(), Duration.ofSeconds(3));
	}
}
