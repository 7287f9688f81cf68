package org.mediapath.console.tests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.mediapath.api.net.PortRange;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A responder on 127.0.0.1 started as an operator starts one: by a configuration of its PID. */
final class LoopbackResponders {

	static final String PID = "org.mediapath.responder";

	private LoopbackResponders() {
	}

	/**
	 * @return the configuration; delete it to stop the responder
	 */
	static Configuration configure(ConfigurationAdmin configurationAdmin, PortRange udpPorts, int controlPort,
			java.nio.file.Path secretFile) throws IOException {
		Configuration responder = configurationAdmin.getConfiguration(PID, "?");
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("bind.address", "127.0.0.1");
		properties.put("udp.ports", udpPorts.toString());
		properties.put("control.port", controlPort);
		properties.put("secret.file", secretFile.toString());
		responder.update(properties);
		return responder;
	}
}
