package org.mediapath.pbx;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.pbx.PbxEntry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PBX configuration (an instance per factory configuration): writes the PBX to the shared
 * directory, moves a newly typed secret into its owner-only file and then removes it from the
 * configuration, so that neither Config Admin's storage, the Configuration page nor the status
 * dump ever holds it; deleting the configuration deletes the PBX and its secret.
 */
@Component(service = {}, configurationPid = PbxDirectory.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PbxConfig.class, factory = true)
public class PbxConfigurationComponent {

	/** DS's deactivation reason when the configuration was deleted (ComponentConstants, DS 1.1). */
	static final int CONFIGURATION_DELETED = 4;
	static final String SECRET = "secret";

	private final Logger logger = LoggerFactory.getLogger(PbxConfigurationComponent.class);
	private final PbxFiles files;
	private final ConfigurationAdmin configurationAdmin;
	private volatile String name;

	@Activate
	public PbxConfigurationComponent(BundleContext context, PbxConfig config, Map<String, Object> properties,
			@Reference ConfigurationAdmin configurationAdmin) {
		this.files = new PbxFiles(PbxDirectoryComponent.directory(context), logger::warn);
		this.configurationAdmin = configurationAdmin;
		apply(config, properties);
	}

	@Modified
	void modified(PbxConfig config, Map<String, Object> properties) {
		apply(config, properties);
	}

	@Deactivate
	void deactivate(int reason) {
		String current = name;
		if (reason == CONFIGURATION_DELETED && current != null) {
			files.delete(current);
		}
	}

	private void apply(PbxConfig config, Map<String, Object> properties) {
		String pid = String.valueOf(properties.get(Constants.SERVICE_PID));
		PbxEntry entry;
		String secret = config.secret() == null ? "" : config.secret();
		try {
			entry = entry(config);
			checkSecret(secret);
		} catch (IllegalArgumentException e) {
			logger.error("PBX configuration {}: {}; not kept", pid, e.getMessage());
			return;
		}
		String previous = name;
		if (previous != null && !previous.equals(entry.name())) {
			files.renameSecret(previous, entry.name());
			files.delete(previous);
		}
		files.save(entry);
		name = entry.name();
		if (!secret.isEmpty()) {
			files.saveSecret(entry.name(), secret);
			scrubSecret(pid);
		}
	}

	static PbxEntry entry(PbxConfig c) {
		String responder = c.responder() == null ? "" : c.responder().strip();
		String fingerprint = c.fingerprint() == null ? "" : c.fingerprint().strip();
		return new PbxEntry(c.name() == null ? "" : c.name().strip(), c.server() == null ? "" : c.server().strip(),
				c.signalling_port(), PortRange.parse("server.ports", c.server_ports()),
				PortRange.parse("client.ports", c.client_ports()),
				responder.isEmpty() ? Optional.empty() : Optional.of(HostAndPort.parse("responder", responder, -1)),
				fingerprint.isEmpty() ? Optional.empty() : Optional.of(Fingerprints.requireValid("fingerprint", fingerprint)),
				c.require_vpn(), false, false);
	}

	/** @throws IllegalArgumentException if the secret cannot be one line of a secret file */
	static void checkSecret(String secret) {
		if (secret.chars().anyMatch(ch -> ch == '\n' || ch == '\r')) {
			throw new IllegalArgumentException("secret: must be one line");
		}
		if (!secret.isEmpty() && secret.isBlank()) {
			throw new IllegalArgumentException("secret: only spaces");
		}
	}

	/**
	 * Removes the secret from the configuration. Not on the activating thread: updating one's own
	 * configuration there would re-enter this component; Config Admin delivers the change later.
	 */
	private void scrubSecret(String pid) {
		Thread t = new Thread(() -> {
			try {
				Configuration configuration = configurationAdmin.getConfiguration(pid, null);
				Dictionary<String, Object> current = configuration.getProperties();
				if (current == null || current.get(SECRET) == null) {
					return;
				}
				Dictionary<String, Object> without = new Hashtable<>();
				for (String key : java.util.Collections.list(current.keys())) {
					if (!key.equals(SECRET)) {
						without.put(key, current.get(key));
					}
				}
				configuration.update(without);
			} catch (java.io.IOException | RuntimeException e) {
				logger.error("PBX configuration {}: the secret was stored, but could not be removed from the configuration: {}",
						pid, e.toString());
			}
		}, "mediapath-pbx-secret");
		t.setDaemon(true);
		t.start();
	}
}
