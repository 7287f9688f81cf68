package org.mediapath.responder;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.SecretFiles;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code mediapath responder ...}: runs a responder until the user interrupts it or the framework stops. */
@Component(property = { Subcommand.NAME + "=responder",
		Subcommand.SUMMARY + "=run the cooperative far end of a probe on the PBX server itself (it answers on the server's media ports), or on a peer client" })
public class ResponderSubcommand implements Subcommand {

	private final CountDownLatch stopped = new CountDownLatch(1);

	@Override
	public int run(List<String> arguments, CommandIO io) throws Exception {
		ResponderOptions options = new ResponderOptions();
		CommandLine parser = new CommandLine(options);
		ResponderSettings settings;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return EXIT_OK;
			}
			settings = settings(options);
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError("responder", e.getMessage());
		}
		try (Responder responder = new Responder(settings)) {
			// one ready line, the fingerprint last: clients pin it with --responder-fingerprint
			io.out().println("mediapath responder: control " + responder.controlAddress().getAddress().getHostAddress()
					+ ":" + responder.controlAddress().getPort() + " (TLS), media " + settings.media().getHostAddress()
					+ " udp " + settings.udpPorts() + " (Ctrl-C stops); certificate SHA-256 fingerprint "
					+ settings.identity().fingerprint());
			io.out().flush();
			stopped.await();
		} catch (IOException e) {
			io.err().println("responder: " + e.getMessage());
			return EXIT_FAILURE;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return EXIT_OK;
	}

	static ResponderSettings settings(ResponderOptions options) {
		InetAddress bind = Settings.address("--bind", options.bind);
		InetAddress media = options.mediaAddress == null ? bind : Settings.address("--media-address", options.mediaAddress);
		ResponderSettings.Limits d = ResponderSettings.Limits.DEFAULT;
		ResponderSettings.Limits limits = new ResponderSettings.Limits(d.maxConnections(), d.maxConnectionsPerSource(),
				options.maxSessions, d.maxPortsPerSession(), d.handshakeTimeout(), d.idleTimeout(), d.sessionTimeout(),
				d.maxFrameBytes(), d.errorsPerSourcePerSecond(), d.errorsPerSecond(), d.maxCheckRate(), d.maxAnswerRate());
		PortRange udpPorts = PortRange.parse("--udp-ports", options.udpPorts);
		int controlPort = Settings.controlPort("--control-port", options.controlPort);
		byte[] secret = SecretFiles.read("--secret-file", options.secretFile);
		ResponderIdentity identity;
		if (options.keystore != null) {
			if (options.keystorePasswordFile == null) {
				throw new IllegalArgumentException("--keystore needs --keystore-password-file");
			}
			identity = ResponderIdentity.fromKeyStore("--keystore", options.keystore,
					firstLine("--keystore-password-file", options.keystorePasswordFile).toCharArray());
		} else {
			if (options.keystorePasswordFile != null) {
				throw new IllegalArgumentException("--keystore-password-file needs --keystore");
			}
			identity = ResponderIdentity.loadOrCreate("--identity-dir", options.identityDir != null ? options.identityDir
					: Path.of(System.getProperty("user.home"), ".mediapath", "responder"));
		}
		return new ResponderSettings(bind, media, udpPorts, controlPort, secret, identity, limits,
				Optional.ofNullable(options.publicAddress).map(a -> Settings.literal("--public-address", a)));
	}

	private static String firstLine(String field, Path file) {
		try {
			if (Files.size(file) > 4096) {
				throw new IllegalArgumentException(field + " " + file + ": larger than 4096 bytes; it holds one line");
			}
			return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
		} catch (IOException e) {
			throw new IllegalArgumentException(field + " " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
		}
	}

	/** Lets {@link #run} return when the framework stops. */
	@Deactivate
	void deactivate() {
		stopped.countDown();
	}

	/** For tests: stop a running {@link #run} as the framework would. */
	void stop() {
		stopped.countDown();
	}
}
