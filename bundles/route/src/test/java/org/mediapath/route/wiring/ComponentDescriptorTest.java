package org.mediapath.route.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The DS and Metatype descriptors bnd generates from the annotations (bnd-process runs before the
 * tests): the service properties the launcher and Gogo look components up by are a contract.
 * The in-framework test that they resolve and activate is the lead's.
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
		String xml = resource("OSGI-INF/org.mediapath.route.RouteInspectionComponent.xml");
		assertTrue(xml.contains("configuration-pid=\"org.mediapath.route\""), xml);
		assertTrue(xml.contains("interface=\"org.mediapath.api.route.RouteInspectionService\""), xml);
	}

	@Test
	void subcommandAndGogoCommand() throws IOException {
		String sub = resource("OSGI-INF/org.mediapath.route.RoutesSubcommand.xml");
		assertTrue(sub.contains("name=\"mediapath.subcommand\"") && sub.contains("value=\"routes\""), sub);
		assertTrue(sub.contains("interface=\"org.mediapath.api.cli.Subcommand\""), sub);
		String gogo = resource("OSGI-INF/org.mediapath.route.RoutesGogoCommand.xml");
		assertTrue(gogo.contains("name=\"osgi.command.scope\"") && gogo.contains("value=\"mediapath\""), gogo);
		assertTrue(gogo.contains("name=\"osgi.command.function\""), gogo);
	}

	@Test
	void metatypeDescribesTheConfiguration() throws IOException {
		String xml = resource("OSGI-INF/metatype/org.mediapath.route.RouteConfig.xml");
		for (String attribute : new String[] { "vpnOnlyNetworks", "requireVpn", "commandTimeoutMillis",
				"extraVpnPatterns", "maxPasteBytes" }) {
			assertTrue(xml.contains("id=\"" + attribute + "\""), attribute + " in " + xml);
		}
		assertTrue(xml.contains("pid=\"org.mediapath.route\""), xml);
	}
}
