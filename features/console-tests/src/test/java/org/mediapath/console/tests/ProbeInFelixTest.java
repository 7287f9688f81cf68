package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.IceOutcome;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.TcpOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.api.report.ResultProperties;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The probe and responder bundles wired through the registry inside Felix: a responder started
 * from a Config Admin configuration on loopback, probed by the {@link PortProbeService} service in
 * every mode, with each latest result published as a filterable service; deleting the
 * configuration stops the responder.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ProbeInFelixTest {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
	private static final Duration WAIT = Duration.ofSeconds(15);

	@InjectBundleContext
	BundleContext context;

	@InjectService
	ConfigurationAdmin configurationAdmin;

	private Configuration responderConfiguration;
	private int controlPort;
	private PortRange serverPorts;
	private PortRange clientPorts;
	private Path secret;

	@BeforeEach
	void startResponderFromConfiguration() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		controlPort = freeTcpPort();
		serverPorts = freeUdpRange(42000, 42999, 40);
		clientPorts = freeUdpRange(43000, 43999, 40);
		secret = Files.createTempFile("mediapath-secret", ".txt");
		Files.writeString(secret, UUID.randomUUID() + UUID.randomUUID().toString() + "\n", StandardCharsets.UTF_8);

		responderConfiguration = LoopbackResponders.configure(configurationAdmin, serverPorts, controlPort, secret);
		assertThat(Frameworks.await(() -> listening(controlPort), WAIT)).as("responder listens from its configuration")
				.isTrue();
	}

	@AfterEach
	void stopResponder() throws Exception {
		responderConfiguration.delete();
		assertThat(Frameworks.await(() -> !listening(controlPort), WAIT)).as("deleting the configuration stops it")
				.isTrue();
		LoopbackResponders.deleteFiles(secret);
	}

	@Test
	void everyProbeWorksThroughTheRegistryAndItsResultIsPublished(@InjectService PortProbeService probes)
			throws Exception {
		HostAndPort responder = new HostAndPort("127.0.0.1", controlPort);

		SignallingProbe signalling = probes.probeSignalling(responder, Duration.ofSeconds(1), 3);
		assertThat(signalling.outcome()).isEqualTo(TcpOutcome.OPEN);
		assertThat(signalling.connectTimes()).hasSize(3);

		UdpRangeProbe udp = probes.probeUdpRange(new UdpRangeProbeRequest("127.0.0.1", serverPorts, clientPorts,
				Optional.of(responder), Optional.of(secret.toString()), SweepMode.FULL, 0,
				Optional.of(LoopbackResponders.fingerprint(secret))));
		assertThat(udp.cooperative()).isTrue();
		assertThat(udp.directions()).hasSize(2);
		for (DirectionResult direction : udp.directions()) {
			assertThat(direction.runs()).as(direction.direction().name()).allMatch(run -> run.outcome() == PortOutcome.PASS);
			assertThat(direction.answered()).as(direction.direction().name()).isEqualTo(direction.sent());
		}

		IceProbe ice = probes.probeIce(new IceProbeRequest(responder, secret.toString(), clientPorts, serverPorts,
				Duration.ofSeconds(3), Optional.of(LoopbackResponders.fingerprint(secret))));
		assertThat(ice.outcome()).isEqualTo(IceOutcome.CONNECTED);
		assertThat(ice.selected()).isPresent();

		assertThat(context.getServiceReferences(UdpRangeProbe.class,
				"(&(" + ResultProperties.CHECK_ID + "=udp-range)(" + ResultProperties.TARGET + "=127.0.0.1))"))
				.as("latest UDP result published with filterable properties").hasSize(1);
		assertThat(context.getServiceReferences(SignallingProbe.class,
				"(&(" + ResultProperties.CHECK_ID + "=signalling)(" + ResultProperties.STATUS + "=OPEN))")).hasSize(1);
	}

	static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
			return true;
		} catch (IOException closed) {
			return false;
		}
	}

	static int freeTcpPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
			return socket.getLocalPort();
		}
	}

	/** A run of {@code size} consecutive free UDP ports on loopback within [first, last]. */
	static PortRange freeUdpRange(int first, int last, int size) {
		for (int start = first; start + size - 1 <= last; start += size) {
			int candidate = start;
			boolean free = java.util.stream.IntStream.range(candidate, candidate + size).allMatch(ProbeInFelixTest::udpFree);
			if (free) {
				return new PortRange(candidate, candidate + size - 1);
			}
		}
		throw new IllegalStateException("no " + size + " free UDP ports in " + first + "-" + last);
	}

	private static boolean udpFree(int port) {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
			return true;
		} catch (IOException inUse) {
			return false;
		}
	}
}
