package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The partner-style check bundle {@code org.mediapath.check.quality}, built by its own module and
 * installed here as an operator would, streams voice packets through the probe service to a
 * responder configured through Config Admin, inside one diagnosis; all on loopback.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class VoiceQualityInFelixTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@InjectBundleContext
	BundleContext context;

	@Test
	void theVoiceQualityBundleStreamsThroughTheResponderInsideADiagnosis(
			@InjectService ConfigurationAdmin configurationAdmin) throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		int controlPort = ProbeInFelixTest.freeTcpPort();
		PortRange serverPorts = ProbeInFelixTest.freeUdpRange(44000, 44999, 20);
		PortRange clientPorts = ProbeInFelixTest.freeUdpRange(45000, 45999, 20);
		Path secret = Files.createTempFile("mediapath-secret", ".txt");
		Files.writeString(secret, UUID.randomUUID() + UUID.randomUUID().toString() + "\n", StandardCharsets.UTF_8);
		Configuration responder = LoopbackResponders.configure(configurationAdmin, serverPorts, controlPort, secret);
		Bundle quality = null;
		try (ServerSocket signalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThat(Frameworks.await(() -> ProbeInFelixTest.listening(controlPort), WAIT)).as("responder listening")
					.isTrue();

			Path jar = checkQualityJar();
			try (InputStream in = Files.newInputStream(jar)) {
				quality = context.installBundle("mediapath-test:" + jar.getFileName(), in);
			}
			quality.start();
			assertThat(Frameworks.await(() -> voiceQualityRegistered(), WAIT)).as("voice-quality check registered")
					.isTrue();

			DiagnosisRequest request = new DiagnosisRequest("127.0.0.1", signalling.getLocalPort(), serverPorts,
					clientPorts, Optional.of(new HostAndPort("127.0.0.1", controlPort)), Optional.of(secret.toString()),
					Optional.empty(), false, Optional.of(LoopbackResponders.fingerprint(secret)), Optional.empty());
			DiagnosticReport report = Diagnoses.report(
					Diagnoses.await(context, DiagnosisService.class).start(request, org.mediapath.api.diagnosis.DiagnosisProgressListener.NONE));

			CheckResult result = Diagnoses.check(report, "voice-quality").orElseThrow(
					() -> new AssertionError("no voice-quality result in " + report.checks()));
			assertThat(result.status()).as(result.summary()).isEqualTo(CheckStatus.PASS);
			// 3 s at 50 packets/s, 172 bytes each, every one counted by the responder and answered
			assertThat(result.measurements()).containsEntry("packetsSentClientToServer", 150)
					.containsEntry("packetsArrivedClientToServer", 150).containsEntry("packetsArrivedServerToClient", 150)
					.containsEntry("lossPercent", 0.0).containsEntry("packetBytes", 172).containsKey("jitterMillis")
					.containsKey("rttMillis");
			assertThat((Integer) result.measurements().get("serverPort")).matches(serverPorts::contains);
			assertThat((Integer) result.measurements().get("clientPort")).matches(clientPorts::contains);
			assertThat(report.verdict().name()).as(report.causes().toString()).isEqualTo("OK");
		} finally {
			if (quality != null) {
				quality.uninstall();
			}
			responder.delete();
			LoopbackResponders.deleteFiles(secret);
		}
	}

	private boolean voiceQualityRegistered() {
		try {
			return context.getServiceReferences(DiagnosticCheck.class, "(" + DiagnosticCheck.CHECK_ID + "=voice-quality)")
					.size() == 1;
		} catch (org.osgi.framework.InvalidSyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The jar its module built; the reactor builds that module before this one. */
	private static Path checkQualityJar() throws IOException {
		Path target = Path.of(System.getProperty("mediapath.check.quality.dir", "missing"));
		try (Stream<Path> files = Files.list(target)) {
			List<Path> jars = files.filter(p -> p.getFileName().toString().matches("mediapath-check-quality-[^-]+(-SNAPSHOT)?\\.jar"))
					.toList();
			assertThat(jars).as("the check-quality bundle in " + target + " (build bundles/check-quality first)").hasSize(1);
			return jars.get(0);
		}
	}
}
