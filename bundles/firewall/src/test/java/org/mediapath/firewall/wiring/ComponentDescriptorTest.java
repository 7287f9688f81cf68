package org.mediapath.firewall.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The DS and Metatype descriptors bnd generates from the annotations: the service and the
 * subcommand's name are what the launcher, the diagnosis and the page look the bundle up by. That they
 * resolve and start in the console runtime is FeatureTest's (features/console-tests).
 */
class ComponentDescriptorTest {

	private static String resource(String path) throws IOException {
		try (InputStream in = ComponentDescriptorTest.class.getResourceAsStream("/" + path)) {
			if (in == null) {
				throw new AssertionError(path + " was not generated");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void serviceComponent() throws IOException {
		String xml = resource("OSGI-INF/org.mediapath.firewall.FirewallAnalysisComponent.xml");
		assertTrue(xml.contains("configuration-pid=\"org.mediapath.firewall\""), xml);
		assertTrue(xml.contains("interface=\"org.mediapath.api.firewall.FirewallAnalysisService\""), xml);
	}

	@Test
	void subcommand() throws IOException {
		String xml = resource("OSGI-INF/org.mediapath.firewall.FirewallSubcommand.xml");
		assertTrue(xml.contains("name=\"mediapath.subcommand\"") && xml.contains("value=\"firewall\""), xml);
		assertTrue(xml.contains("interface=\"org.mediapath.api.cli.Subcommand\""), xml);
	}

	@Test
	void metatypeDescribesTheConfiguration() throws IOException {
		String xml = resource("OSGI-INF/metatype/org.mediapath.firewall.FirewallConfig.xml");
		for (String attribute : new String[] { "commandTimeoutMillis", "maxPasteBytes" }) {
			assertTrue(xml.contains("id=\"" + attribute + "\""), attribute + " in " + xml);
		}
	}
}
