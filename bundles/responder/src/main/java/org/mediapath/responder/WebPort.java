package org.mediapath.responder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The responder's web port for the user's-browser test: the runtime's own HTTP service (Felix HTTP on
 * Jetty, as the console uses), configured for that port alone. The runtime's Web Console is stopped
 * first: on a PBX's network-facing port only the browser test's page and API may answer.
 *
 * @param port the TCP port
 * @param url the base of every link, as users reach the port
 * @param keystore the key store for HTTPS, if any
 * @param keystorePassword its password
 */
record WebPort(int port, String url, Optional<Path> keystore, String keystorePassword) {

	/** Felix HTTP's configuration PID. */
	static final String HTTP_PID = "org.apache.felix.http";
	/** The bundles that must not answer on a PBX's web port. */
	static final String[] CONSOLE_BUNDLES = { "org.apache.felix.webconsole", "org.mediapath.ui" };
	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(15);

	/**
	 * Checks the options once.
	 *
	 * @param port --web-port
	 * @param url --web-url, or null for the default
	 * @param host the host of the default URL (the public address, else the bind address)
	 * @param keystore --web-keystore, or null
	 * @param passwordFile --web-keystore-password-file, or null
	 * @return the web port
	 * @throws IllegalArgumentException naming the option that is wrong
	 */
	static WebPort of(int port, String url, InetAddress host, Path keystore, Path passwordFile) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("--web-port: " + port + " is outside 1-65535");
		}
		if ((keystore == null) != (passwordFile == null)) {
			throw new IllegalArgumentException(keystore == null ? "--web-keystore-password-file needs --web-keystore"
					: "--web-keystore needs --web-keystore-password-file");
		}
		if (keystore != null && !Files.isReadable(keystore)) {
			throw new IllegalArgumentException("--web-keystore " + keystore + ": cannot be read");
		}
		String password = passwordFile == null ? "" : ResponderSubcommand.firstLine("--web-keystore-password-file", passwordFile);
		String scheme = keystore == null ? "http" : "https";
		String base;
		if (url == null) {
			String h = host.getHostAddress();
			base = scheme + "://" + (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
		} else {
			base = checkedUrl(url);
		}
		return new WebPort(port, base, Optional.ofNullable(keystore), password);
	}

	private static String checkedUrl(String url) {
		try {
			URI uri = new URI(url.strip());
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				throw new IllegalArgumentException("--web-url: must be http(s)://HOST[:PORT][/PATH], without user, query or fragment");
			}
			String text = uri.toString();
			return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
		} catch (URISyntaxException e) {
			throw new IllegalArgumentException("--web-url: not a URL (" + e.getReason() + ")", e);
		}
	}

	/**
	 * Stops the console's bundles and configures the runtime's HTTP service for this port on {@code bind}.
	 *
	 * @throws IOException if the configuration cannot be stored or a console bundle cannot be stopped
	 */
	void start(BundleContext context, ConfigurationAdmin configurationAdmin, InetAddress bind) throws IOException {
		for (Bundle bundle : context.getBundles()) {
			for (String name : CONSOLE_BUNDLES) {
				if (name.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.RESOLVED
						&& bundle.getState() != Bundle.INSTALLED) {
					try {
						bundle.stop(Bundle.STOP_TRANSIENT);
					} catch (BundleException e) {
						throw new IOException("the web port stays closed: " + name + " could not be stopped (" + e.getMessage() + ")", e);
					}
				}
			}
		}
		Configuration http = configurationAdmin.getConfiguration(HTTP_PID, "?");
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("org.apache.felix.http.host", bind.getHostAddress());
		if (keystore.isPresent()) {
			properties.put("org.apache.felix.http.enable", Boolean.FALSE);
			properties.put("org.apache.felix.https.enable", Boolean.TRUE);
			properties.put("org.osgi.service.http.port.secure", port);
			properties.put("org.apache.felix.https.keystore", keystore.get().toAbsolutePath().toString());
			properties.put("org.apache.felix.https.keystore.password", keystorePassword);
			properties.put("org.apache.felix.https.keystore.key.password", keystorePassword);
		} else {
			properties.put("org.apache.felix.http.enable", Boolean.TRUE);
			properties.put("org.osgi.service.http.port", port);
		}
		// no server version in the headers: the port faces users' networks
		properties.put("org.apache.felix.http.jetty.sendServerHeader", Boolean.FALSE);
		http.update(properties);
	}

	/**
	 * @return whether the port accepts connections within the start timeout
	 */
	boolean awaitListening(InetAddress bind) throws InterruptedException {
		long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress(bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind, port), 500);
				return true;
			} catch (IOException notYet) {
				Thread.sleep(100);
			}
		}
		return false;
	}
}
