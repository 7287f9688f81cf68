package org.mediapath.responder;

import java.io.IOException;

import org.mediapath.responder.browser.BrowserTestWeb;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a responder from configuration, e.g. the standalone console's loopback responder or a
 * server's permanent one. No configuration (or no secret in it) means no responder: the
 * component only activates when Config Admin holds a configuration for {@value #PID}, and then at
 * once (immediate): a responder must listen whether or not anyone looks up this service.
 */
@Component(configurationPid = ResponderComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
		service = ResponderComponent.class, immediate = true)
@Designate(ocd = ResponderConfig.class)
public class ResponderComponent {

	/** The configuration PID. */
	public static final String PID = "org.mediapath.responder";

	private static final Logger LOG = LoggerFactory.getLogger(ResponderComponent.class);

	private final Responder responder;
	private final ServiceRegistration<?> page;

	/**
	 * @param config the configuration
	 * @throws IOException if the control port cannot be bound
	 * @throws IllegalArgumentException naming the setting that is wrong (e.g. no secret)
	 */
	@Activate
	public ResponderComponent(ResponderConfig config, BundleContext context) throws IOException {
		ResponderSettings settings;
		try {
			settings = Settings.from(config, context.getDataFile("responder-identity").toPath());
		} catch (IllegalArgumentException e) {
			LOG.error("mediapath responder not started: {}", e.getMessage());
			throw e;
		}
		this.responder = new Responder(settings);
		String webUrl = config.web_url().strip();
		if (webUrl.isEmpty()) {
			page = null;
		} else {
			// the runtime's HTTP service serves the page beside whatever else it serves (the console's, on loopback)
			page = BrowserTestWeb.register(context, responder.enableBrowserTests(webUrl));
		}
		LOG.info("mediapath responder: control {} (TLS), media {} ports {}; certificate SHA-256 fingerprint {} ({})",
				responder.controlAddress(), settings.media().getHostAddress(), settings.udpPorts(),
				settings.identity().fingerprint(), settings.identity().source());
	}

	/** @return the control channel's address, HOST:PORT */
	public String controlAddress() {
		return responder.controlAddress().getAddress().getHostAddress() + ":" + responder.controlAddress().getPort();
	}

	/** @return the SHA-256 fingerprint of the control channel's certificate, which clients pin */
	public String fingerprint() {
		return responder.settings().identity().fingerprint();
	}

	/** @return the running responder's fingerprint and counters */
	public String summary() {
		return responder.summary();
	}

	@Deactivate
	void deactivate() {
		if (page != null) {
			try {
				page.unregister();
			} catch (IllegalStateException alreadyGone) {
				// the bundle is stopping
			}
		}
		responder.close();
	}
}
