package org.mediapath.responder;

import java.io.IOException;
import java.net.InetAddress;
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
			io.out().println("mediapath responder: control " + responder.controlAddress().getAddress().getHostAddress()
					+ ":" + responder.controlAddress().getPort() + ", media " + settings.media().getHostAddress() + " udp "
					+ settings.udpPorts() + " (Ctrl-C stops)");
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
		return new ResponderSettings(bind, media, PortRange.parse("--udp-ports", options.udpPorts),
				Settings.controlPort("--control-port", options.controlPort),
				SecretFiles.read("--secret-file", options.secretFile), limits,
				Optional.ofNullable(options.publicAddress).map(a -> Settings.literal("--public-address", a)));
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
