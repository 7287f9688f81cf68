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
import org.mediapath.responder.browser.BrowserTestWeb;
import org.mediapath.responder.browser.BrowserTests;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.Deactivate;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code mediapath responder ...}: runs a responder until the user interrupts it or the framework stops. */
@Component(property = { Subcommand.NAME + "=responder",
		Subcommand.SUMMARY + "=run the cooperative far end of a probe on the PBX server itself (it answers on the server's media ports), or on a peer client" })
public class ResponderSubcommand implements Subcommand {

	private final CountDownLatch stopped = new CountDownLatch(1);
	private final BundleContext context;
	private final ConfigurationAdmin configurationAdmin;

	/**
	 * @param context the bundle's context: the web port's servlet is registered with it
	 * @param configurationAdmin configures the runtime's HTTP service for the web port
	 */
	@Activate
	public ResponderSubcommand(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
		this.context = context;
		this.configurationAdmin = configurationAdmin;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) throws Exception {
		ResponderOptions options = new ResponderOptions();
		CommandLine parser = new CommandLine(options);
		ResponderSettings settings;
		Optional<WebPort> web;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return EXIT_OK;
			}
			settings = settings(options);
			web = options.webPort == null ? Optional.empty()
					: Optional.of(WebPort.of(options.webPort, options.webUrl, settings.publicAddress().orElse(settings.bind()),
							options.webKeystore, options.webKeystorePasswordFile));
			if (options.webPort == null && (options.webUrl != null || options.webKeystore != null)) {
				throw new IllegalArgumentException("--web-url and --web-keystore need --web-port");
			}
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError("responder", e.getMessage());
		}
		ServiceRegistration<?> page = null;
		try (Responder responder = new Responder(settings)) {
			if (web.isPresent()) {
				BrowserTests tests = responder.enableBrowserTests(web.get().url());
				web.get().start(context, configurationAdmin, settings.bind());
				page = BrowserTestWeb.register(context, tests);
				if (!web.get().awaitListening(settings.bind())) {
					io.err().println("responder: the web port " + web.get().port() + " did not open (is it in use? see the log)");
					return EXIT_FAILURE;
				}
			}
			// one ready line, the fingerprint last: clients pin it with --responder-fingerprint
			io.out().println("mediapath responder: control " + responder.controlAddress().getAddress().getHostAddress()
					+ ":" + responder.controlAddress().getPort() + " (TLS), media " + settings.media().getHostAddress()
					+ " udp " + settings.udpPorts() + " (Ctrl-C stops); certificate SHA-256 fingerprint "
					+ settings.identity().fingerprint());
			web.ifPresent(w -> io.out().println("mediapath responder: user's-browser test on " + w.url()
					+ BrowserTestWeb.LINK_PATH + "... (links: mediapath browser-test invite)"));
			io.out().flush();
			stopped.await();
		} catch (IOException e) {
			io.err().println("responder: " + e.getMessage());
			return EXIT_FAILURE;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			if (page != null) {
				try {
					page.unregister();
				} catch (IllegalStateException alreadyGone) {
					// the bundle is stopping
				}
			}
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

	static String firstLine(String field, Path file) {
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
