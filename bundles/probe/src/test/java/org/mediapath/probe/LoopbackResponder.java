package org.mediapath.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderIdentity;
import org.mediapath.responder.ResponderSettings;
import java.util.Optional;

/**
 * A real responder on 127.0.0.1 for a test class: a fresh secret file, free server and client
 * ranges that never overlap (a client port inside the responder's own range is rightly never
 * answered), and everything gone again on {@link #close()}.
 */
public final class LoopbackResponder implements AutoCloseable {

	final Path secretFile;
	final PortRange serverRange;
	final PortRange clientRange;
	final Responder responder;

	private LoopbackResponder(Path secretFile, PortRange serverRange, PortRange clientRange, Responder responder) {
		this.secretFile = secretFile;
		this.serverRange = serverRange;
		this.clientRange = clientRange;
		this.responder = responder;
	}

	/**
	 * @param secret the shared secret
	 * @param rangeSize the size of the server range and of the client range
	 * @return a started responder
	 */
	static LoopbackResponder start(byte[] secret, int rangeSize) throws IOException {
		Path secretFile = Files.createTempFile("mediapath-secret", ".txt");
		Files.write(secretFile, secret);
		PortRange serverRange = LoopbackProbeTest.freeRange(rangeSize);
		PortRange clientRange = LoopbackProbeTest.freeRange(rangeSize);
		Responder responder = new Responder(new ResponderSettings(LoopbackProbeTest.LOOPBACK, LoopbackProbeTest.LOOPBACK,
				serverRange, 0, secret, IDENTITY, ResponderSettings.Limits.DEFAULT));
		return new LoopbackResponder(secretFile, serverRange, clientRange, responder);
	}

	/** One TLS identity for the test responders of a run, generated in a folder that is deleted at once. */
	public static final ResponderIdentity IDENTITY = identity();
	/** Its pin, as a probe request carries it. */
	public static final Optional<String> PIN = Optional.of(IDENTITY.fingerprint());

	static ResponderIdentity identity() {
		try {
			Path folder = Files.createTempDirectory("mediapath-identity");
			ResponderIdentity identity = ResponderIdentity.loadOrCreate("identity", folder);
			try (var files = Files.list(folder)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(folder);
			return identity;
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** @return the control address, as a probe request names it */
	HostAndPort control() {
		return new HostAndPort("127.0.0.1", responder.controlAddress().getPort());
	}

	@Override
	public void close() throws IOException {
		responder.close();
		Files.deleteIfExists(secretFile);
	}
}
