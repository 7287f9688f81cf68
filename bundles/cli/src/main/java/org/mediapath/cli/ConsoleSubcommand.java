package org.mediapath.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.pbx.PbxEntry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import picocli.CommandLine.ParameterException;

/**
 * {@code mediapath console}: turns the HTTP listener on (it is off in every other subcommand, so
 * that a {@code diagnose} never competes with a running console for its port), sets the Web
 * Console login, prints the URL, and offers the Gogo shell on the terminal until the framework
 * stops.
 */
@Component(property = { Subcommand.NAME + "=console",
		Subcommand.SUMMARY + "=start the standalone console and print its URL (the default)" })
public class ConsoleSubcommand implements Subcommand {

	static final String HTTP_PID = "org.apache.felix.http";
	static final String WEBCONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
	static final String MEDIAPATH_PAGE = "/system/console/mediapath";
	static final String FALLBACK_PAGE = "/system/console/bundles";
	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(15);
	static final String RESPONDER_PID = "org.mediapath.responder";
	/** The certificate file the responder keeps in its identity folder. */
	static final String LOOPBACK_RESPONDER_CERTIFICATE = "control-certificate.pem";
	static final int LOOPBACK_RESPONDER_CONTROL_PORT = 2231;
	static final String LOOPBACK_RESPONDER_PORTS = "30000-33000";

	/** The name the console's own loopback responder is offered by, as a ready PBX. */
	public static final String BUILT_IN_PBX = "built-in loopback responder \u2014 try it";

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile PbxDirectory pbxs;

	private final BundleContext context;
	private final ConfigurationAdmin configurationAdmin;
	private final CommandProcessor commandProcessor;
	private final CountDownLatch stopped = new CountDownLatch(1);
	private volatile CommandSession shell;

	@Activate
	public ConsoleSubcommand(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
			@Reference CommandProcessor commandProcessor) {
		this.context = context;
		this.configurationAdmin = configurationAdmin;
		this.commandProcessor = commandProcessor;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) throws Exception {
		ConsoleOptions options = new ConsoleOptions();
		picocli.CommandLine parser = new picocli.CommandLine(options);
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return EXIT_OK;
			}
			String password = checkedPassword(parser, options);
			InetAddress address = resolveListenAddress(parser, options.host);
			if (options.port < 1 || options.port > 65535) {
				throw new ParameterException(parser, "--port: " + options.port + " is outside 1-65535");
			}
			if (!address.isLoopbackAddress() && password.equals(ConsoleOptions.DEFAULT_PASSWORD)) {
				throw new ParameterException(parser, "--host " + options.host
						+ ": refusing to listen beyond loopback with the default password; give --password-file FILE");
			}
			if (!isFree(address, options.port)) {
				io.err().println("console: " + options.host + ":" + options.port
						+ " is already in use (another console?); choose another with --port");
				return EXIT_FAILURE;
			}
			configureLogin(options.user, password);
			listen(options.host, options.port);
			if (!awaitListening(address, options.port)) {
				io.err().println("console: the HTTP service did not start listening on " + options.host + ":"
						+ options.port + " within " + LISTEN_TIMEOUT.toSeconds() + " s");
				return EXIT_FAILURE;
			}
		} catch (ParameterException e) {
			return io.usageError("console", e.getMessage());
		}
		io.out().println("mediapath console: " + url(options.host, options.port) + "  (login: " + options.user + " / "
				+ (options.passwordFile == null ? ConsoleOptions.DEFAULT_PASSWORD : "password from " + options.passwordFile)
				+ ")");
		if (!options.noResponder) {
			io.out().println(startLoopbackResponder(baseUrl(options.host, options.port)));
		}
		io.out().println("Gogo shell below ('lb' lists bundles, 'stop 0' or Ctrl-C quits).");
		io.out().flush();
		startShell(io);
		stopped.await();
		return EXIT_OK;
	}

	@Deactivate
	void deactivate() {
		PbxDirectory directory = pbxs;
		if (directory != null) {
			directory.withdrawBuiltIn(BUILT_IN_PBX);
		}
		CommandSession session = shell;
		if (session != null) {
			session.close();
		}
		stopped.countDown();
	}

	private static String checkedPassword(picocli.CommandLine parser, ConsoleOptions options) {
		if (options.passwordFile == null) {
			return ConsoleOptions.DEFAULT_PASSWORD;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(options.passwordFile, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new ParameterException(parser, "--password-file " + options.passwordFile + ": cannot be read ("
					+ e.getClass().getSimpleName() + ")");
		}
		String password = lines.isEmpty() ? "" : lines.get(0).strip();
		if (password.isEmpty()) {
			throw new ParameterException(parser, "--password-file " + options.passwordFile + ": holds no password");
		}
		return password;
	}

	private static InetAddress resolveListenAddress(picocli.CommandLine parser, String host) {
		if (!HostNames.isValid(host)) {
			throw new ParameterException(parser, "--host: '" + host + "' is not a host name or IP address");
		}
		try {
			return InetAddress.getByName(host);
		} catch (UnknownHostException e) {
			throw new ParameterException(parser, "--host: '" + host + "' does not resolve");
		}
	}

	private static boolean isFree(InetAddress address, int port) {
		try (ServerSocket probe = new ServerSocket()) {
			probe.setReuseAddress(true);
			probe.bind(new InetSocketAddress(address, port));
			return true;
		} catch (IOException inUse) {
			return false;
		}
	}

	private void configureLogin(String user, String password) throws IOException {
		Configuration login = configurationAdmin.getConfiguration(WEBCONSOLE_PID, "?");
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("username", user);
		properties.put("password", password);
		login.update(properties);
	}

	private void listen(String host, int port) throws IOException {
		Configuration http = configurationAdmin.getConfiguration(HTTP_PID, "?");
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("org.apache.felix.http.enable", Boolean.TRUE);
		properties.put("org.apache.felix.http.host", host);
		properties.put("org.osgi.service.http.port", port);
		http.update(properties);
	}

	/**
	 * The standalone console brings its own far end on loopback, so that a new user sees a real
	 * diagnosis with no PBX at hand. Its secret is generated for this run and kept in the
	 * framework's storage, readable by the owner only; its TLS identity is kept there too (generated
	 * by the responder on its first start), and the console reads the certificate the responder
	 * serves to print its fingerprint and to pin it in the built-in PBX: the console trusts its own
	 * responder by reading its file, not by what arrives on a port.
	 */
	/** @return the console's HTTP port as the browser reaches it: the loopback responder serves the browser test there */
	private static String baseUrl(String host, int port) {
		String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
		return "http://" + shownHost + ":" + port;
	}

	private String startLoopbackResponder(String webUrl) throws IOException, InterruptedException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		if (!isFree(loopback, LOOPBACK_RESPONDER_CONTROL_PORT)) {
			return "loopback responder: not started, 127.0.0.1:" + LOOPBACK_RESPONDER_CONTROL_PORT
					+ " is in use (another console or responder?)";
		}
		java.nio.file.Path secret = context.getDataFile("loopback-responder.secret").toPath();
		java.nio.file.Path identity = context.getDataFile("loopback-responder-identity").toPath();
		byte[] random = new byte[24];
		new java.security.SecureRandom().nextBytes(random);
		Files.writeString(secret, java.util.HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
		try {
			Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		} catch (UnsupportedOperationException notPosix) {
			// Windows: the file lives in the user's own temporary folder
		}
		Configuration responder = configurationAdmin.getConfiguration(RESPONDER_PID, "?");
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("bind.address", "127.0.0.1");
		properties.put("udp.ports", LOOPBACK_RESPONDER_PORTS);
		properties.put("control.port", LOOPBACK_RESPONDER_CONTROL_PORT);
		properties.put("secret.file", secret.toString());
		properties.put("identity.dir", identity.toString());
		properties.put("web.url", webUrl);
		responder.update(properties);
		String fingerprint = awaitFingerprint(identity.resolve(LOOPBACK_RESPONDER_CERTIFICATE), loopback);
		if (fingerprint == null) {
			return "loopback responder: did not start within " + LISTEN_TIMEOUT.toSeconds() + " s (see the log)";
		}
		PbxDirectory directory = pbxs;
		if (directory != null) {
			// the page's first PBX: one click gives a full report (the responder's control port takes the signalling
			// role), pinned to the certificate the console read from its own responder's file
			PortRange media = PortRange.parse("udp.ports", LOOPBACK_RESPONDER_PORTS);
			directory.offerBuiltIn(new PbxEntry(BUILT_IN_PBX, "127.0.0.1", LOOPBACK_RESPONDER_CONTROL_PORT, media,
					new PortRange(49152, 65535), Optional.of(new HostAndPort("127.0.0.1", LOOPBACK_RESPONDER_CONTROL_PORT)),
					Optional.of(fingerprint), false, true, true), secret);
		}
		return "loopback responder: 127.0.0.1:" + LOOPBACK_RESPONDER_CONTROL_PORT + ", media ports "
				+ LOOPBACK_RESPONDER_PORTS + ", fingerprint " + fingerprint + ", secret file " + secret;
	}

	/** @return the SHA-256 fingerprint of the certificate the responder keeps, once it listens; null if it does not */
	private static String awaitFingerprint(java.nio.file.Path certificate, InetAddress loopback) throws InterruptedException {
		long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.isRegularFile(certificate) && !isFree(loopback, LOOPBACK_RESPONDER_CONTROL_PORT)) {
				try (InputStream in = Files.newInputStream(certificate)) {
					java.security.cert.Certificate parsed = java.security.cert.CertificateFactory.getInstance("X.509")
							.generateCertificate(in);
					return org.mediapath.api.net.Fingerprints
							.format(java.security.MessageDigest.getInstance("SHA-256").digest(parsed.getEncoded()));
				} catch (IOException | java.security.GeneralSecurityException e) {
					return null;
				}
			}
			Thread.sleep(25);
		}
		return null;
	}

	private static boolean awaitListening(InetAddress address, int port) throws InterruptedException {
		long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, port), 200);
				return true;
			} catch (IOException notYet) {
				Thread.sleep(25);
			}
		}
		return false;
	}

	private String url(String host, int port) throws InvalidSyntaxException {
		boolean pageInstalled = context.getServiceReferences("jakarta.servlet.Servlet",
				"(felix.webconsole.label=mediapath)") != null;
		String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
		return "http://" + shownHost + ":" + port + (pageInstalled ? MEDIAPATH_PAGE : FALLBACK_PAGE);
	}

	/**
	 * Gogo replaces System.in/out/err with per-thread multiplexers; a session built on those
	 * would write into itself forever. The shell therefore gets the process's raw descriptors.
	 */
	private void startShell(CommandIO io) {
		InputStream in = new FileInputStream(FileDescriptor.in);
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
		PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
		Thread thread = new Thread(() -> {
			try (CommandSession session = commandProcessor.createSession(in, out, err)) {
				shell = session;
				session.execute("gosh --login --noshutdown");
			} catch (Exception e) {
				err.println("console: the shell ended: " + e);
			}
		}, "mediapath-shell");
		thread.setDaemon(true);
		thread.start();
	}
}
