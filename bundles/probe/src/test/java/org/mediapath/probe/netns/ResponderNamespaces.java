package org.mediapath.probe.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mediapath.probe.NsMain;

/**
 * A client and a server namespace with a secret file and, once asked, a responder in the server
 * namespace on {@link Netns#SERVER_ADDRESS}; {@link #close()} stops it and deletes all of it, also
 * when the set-up failed half-way.
 */
final class ResponderNamespaces implements AutoCloseable {

	final Netns ns;
	final Path secret;
	private Child responder;

	private ResponderNamespaces(Netns ns, Path secret) {
		this.ns = ns;
		this.secret = secret;
	}

	/** @throws IOException if the namespaces or the secret file cannot be made (nothing is left behind) */
	static ResponderNamespaces create(String secretText) throws IOException, InterruptedException {
		Netns ns = Netns.create();
		try {
			Path secret = Files.createTempFile("mediapath-ns-secret", ".txt");
			Files.writeString(secret, secretText);
			return new ResponderNamespaces(ns, secret);
		} catch (IOException | RuntimeException e) {
			ns.close();
			throw e;
		}
	}

	/** Starts the responder on the given range of the server namespace and waits until it listens. */
	void startResponder(String range) throws Exception {
		responder = new Child(ns.javaCommand(ns.server, NsMain.class.getName(), "responder", Netns.SERVER_ADDRESS, range,
				secret.toString()));
		responder.await("READY", 30);
	}

	@Override
	public void close() throws IOException {
		if (responder != null) {
			responder.close();
		}
		ns.close();
		Files.deleteIfExists(secret);
		// the responder's TLS identity and pin, kept beside the secret (NsMain)
		Files.deleteIfExists(Path.of(secret + ".fingerprint"));
		Path identity = Path.of(secret + ".identity");
		if (Files.isDirectory(identity)) {
			try (var files = Files.list(identity)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(identity);
		}
	}
}
