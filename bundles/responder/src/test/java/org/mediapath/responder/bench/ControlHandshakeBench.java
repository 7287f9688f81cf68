package org.mediapath.responder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderIdentity;
import org.mediapath.responder.ResponderSettings;

/**
 * What the control channel's TLS costs on loopback (a benchmark: it prints, it asserts nothing):
 * the identity's generation on a responder's first start, the first connect of a fresh JVM (TLS
 * classes loaded and compiled on the way: what a cold {@code ./mediapath diagnose} pays once), and
 * warm connects (TLS 1.3 handshake with ECDHE and the responder's ECDSA signature, then the
 * secret's proofs both ways), each followed by one request and its answer.
 *
 * <pre>
 * cd bundles/responder && mvn -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp) org.mediapath.responder.bench.ControlHandshakeBench 200
 * </pre>
 */
public final class ControlHandshakeBench {

	public static void main(String[] args) throws Exception {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		byte[] secret = "benchmark-secret-0123456789".getBytes();
		Path folder = Files.createTempDirectory("mediapath-bench-identity");
		long t = System.nanoTime();
		ResponderIdentity identity = ResponderIdentity.loadOrCreate("identity", folder);
		System.out.printf("identity generated (EC P-256 key, self-signed certificate, PEM files): %.1f ms%n", ms(t));
		t = System.nanoTime();
		ResponderIdentity.loadOrCreate("identity", folder);
		System.out.printf("identity loaded again (a later start): %.1f ms%n", ms(t));
		java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
		try (Responder responder = new Responder(new ResponderSettings(loopback, loopback, new PortRange(24501, 24502), 0,
				secret, identity, ResponderSettings.Limits.DEFAULT))) {
			t = System.nanoTime();
			once(responder, secret, identity.fingerprint());
			System.out.printf("first connect of this JVM (cold): %.1f ms%n", ms(t));
			double[] warm = new double[runs];
			for (int i = 0; i < runs; i++) {
				t = System.nanoTime();
				once(responder, secret, identity.fingerprint());
				warm[i] = ms(t);
			}
			Arrays.sort(warm);
			System.out.printf("warm connect + one request, %d runs: median %.2f ms, p90 %.2f ms, max %.2f ms%n", runs,
					warm[runs / 2], warm[runs * 9 / 10], warm[runs - 1]);
		} finally {
			try (var files = Files.list(folder)) {
				for (Path f : files.toList()) {
					Files.delete(f);
				}
			}
			Files.delete(folder);
		}
	}

	private static void once(Responder responder, byte[] secret, String pin) throws Exception {
		try (ControlClient client = ControlClient.connect(responder.controlAddress(), secret, pin, Duration.ofSeconds(5))) {
			client.call(new OpenSession(SessionKind.UDP, new int[] { 24501 }, "cliU", "client-pass"), SessionOpened.class);
			client.call(new CloseSession(), SessionClosed.class);
		}
	}

	private static double ms(long start) {
		return (System.nanoTime() - start) / 1e6;
	}
}
