package org.mediapath.diagnosis.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderIdentity;
import org.mediapath.responder.ResponderSettings;

/** No trust on first use: diagnose names an unpinned responder's fingerprint and the option, and stops. */
class DiagnosePinTest {

	@Test
	void aResponderWithoutItsPinStopsDiagnoseWithItsFingerprintAndTheOption(@TempDir Path dir) throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		ResponderIdentity identity = ResponderIdentity.loadOrCreate("identity", dir.resolve("identity"));
		try (Responder responder = new Responder(new ResponderSettings(loopback, loopback, new PortRange(24001, 24002), 0,
				"a-secret-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8), identity, ResponderSettings.Limits.DEFAULT))) {
			HostAndPort control = new HostAndPort("127.0.0.1", responder.controlAddress().getPort());
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiagnoseCommand.requirePin(
					"--responder", Optional.of(control), Optional.empty(), "--responder-fingerprint"));
			assertTrue(e.getMessage().startsWith("--responder " + control + " is not pinned"), e.getMessage());
			assertTrue(e.getMessage().endsWith("run again with --responder-fingerprint " + identity.fingerprint()), e.getMessage());
			// the lookup sent no proof: the responder counts a TLS handshake the client ended, no failed authentication
			Thread.sleep(200);
			assertTrue(responder.summary().contains("authFailures=0"), responder.summary());
			// pinned: nothing to ask
			DiagnoseCommand.requirePin("--responder", Optional.of(control), Optional.of(identity.fingerprint()),
					"--responder-fingerprint");
		}
		// nothing listens: the checks will say so; diagnose goes on
		int closed;
		try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
			closed = s.getLocalPort();
		}
		DiagnoseCommand.requirePin("--peer", Optional.of(new HostAndPort("127.0.0.1", closed)), Optional.empty(),
				"--peer-fingerprint");
	}
}
