package org.mediapath.probe.bench;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.probe.BenchAccess;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderSettings;

/**
 * Prints numbers, asserts nothing: a cooperative full sweep of 30000-33000 on loopback with the
 * rate cap lifted, and ICE time to connected. Run with
 * {@code mvn -q test-compile exec:java}-style tooling or from an IDE; loopback only.
 */
public final class LoopbackBench {

	public static void main(String[] args) throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		byte[] secret = "bench-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
		Path secretFile = Files.createTempFile("mediapath-bench", ".txt");
		Files.write(secretFile, secret);
		ResponderSettings.Limits d = ResponderSettings.Limits.DEFAULT;
		ResponderSettings.Limits lifted = new ResponderSettings.Limits(d.maxConnections(), d.maxConnectionsPerSource(),
				d.maxSessions(), 4096, d.handshakeTimeout(), d.idleTimeout(), d.sessionTimeout(), d.maxFrameBytes(),
				d.errorsPerSourcePerSecond(), d.errorsPerSecond(), 1_000_000, 1_000_000);
		PortRange server = new PortRange(30000, 33000);
		PortRange client = new PortRange(49152, 65535);
		PortProbeService service = BenchAccess.service(1_000_000);
		try (Responder responder = new Responder(new ResponderSettings(loopback, loopback, server, 0, secret, org.mediapath.probe.LoopbackResponder.IDENTITY, lifted))) {
			HostAndPort control = new HostAndPort("127.0.0.1", responder.controlAddress().getPort());
			for (int run = 0; run < 5; run++) {
				UdpRangeProbe sweep = service.probeUdpRange(new UdpRangeProbeRequest("127.0.0.1", server, client,
						Optional.of(control), Optional.of(secretFile.toString()), SweepMode.FULL, 1_000_000, org.mediapath.probe.LoopbackResponder.PIN));
				StringBuilder line = new StringBuilder("full cooperative sweep 30000-33000 + 49152-65535 run " + run + ": "
						+ sweep.duration().toMillis() + " ms");
				for (DirectionResult dr : sweep.directions()) {
					line.append("; ").append(dr.direction()).append(' ').append(dr.answered()).append('/').append(dr.sent());
				}
				System.out.println(line);
			}
			for (int run = 0; run < 5; run++) {
				IceProbe ice = service.probeIce(new IceProbeRequest(control, secretFile.toString(), client, server,
						Duration.ofSeconds(3), org.mediapath.probe.LoopbackResponder.PIN));
				System.out.println("ICE run " + run + ": " + ice.outcome() + " in " + ice.elapsed().toMillis() + " ms; states "
						+ ice.states());
			}
		} finally {
			Files.deleteIfExists(secretFile);
		}
		System.exit(0);
	}
}
