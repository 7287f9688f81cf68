package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mediapath.firewall.FirewallAnalyser;
import org.mediapath.firewall.LocalRuleset;
import org.mediapath.ui.internal.FakeHttp.Request;
import org.mediapath.ui.internal.FakeHttp.Response;
import org.mediapath.ui.internal.FakeHttp.Session;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The page's firewall paste box: the form, and {@code POST firewall.json} with the real firewall analysis. */
class FirewallPasteBoxTest {

	private static final String NFT = """
			table inet filter {
				chain input {
					type filter hook input priority filter; policy drop;
					ct state established,related accept
					udp dport 10000-30999 accept
				}
			}
			""";

	private final Fixtures.Engine engine = new Fixtures.Engine();
	private final Fixtures.Store store = new Fixtures.Store();

	private MediapathPlugin plugin(boolean withFirewall) {
		return new MediapathPlugin(Fixtures.config(), engine, store, null,
				withFirewall ? new FirewallAnalyser(new LocalRuleset(Duration.ofSeconds(5))) : null);
	}

	private static Response call(MediapathPlugin plugin, Request request) throws Exception {
		Response response = new Response();
		plugin.service(request.build(), response.build());
		return response;
	}

	private static String tokenOf(MediapathPlugin plugin, Session session) throws Exception {
		Response page = call(plugin, new Request("GET", "/mediapath").session(session));
		Matcher m = Pattern.compile("name='mp-csrf' value='([^']+)'").matcher(page.body());
		assertTrue(m.find(), "the page carries the form token");
		return m.group(1);
	}

	@Test
	void thePageHasTheBoxWithTheServersPortsAndSaysWhenTheServiceIsMissing() throws Exception {
		String page = call(plugin(true), new Request("GET", "/mediapath")).body();
		assertTrue(page.contains("id='mp-firewall-form'"), page);
		assertTrue(page.contains("action='/system/console/mediapath/firewall.json'"), page);
		assertTrue(page.contains("id='mp-firewall-ports' name='ports' value='30000-33000'"), page);
		assertFalse(page.contains("mp-missing-firewall"));
		String without = call(plugin(false), new Request("GET", "/mediapath")).body();
		assertTrue(without.contains("id='mp-missing-firewall'"), without);
		assertTrue(without.contains("id='mp-firewall-submit' disabled"), without);
	}

	@Test
	void aPastedRulesetGivesPortRunsWithTheDecidingRules() throws Exception {
		MediapathPlugin plugin = plugin(true);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Response r = call(plugin, new Request("POST", "/mediapath/firewall.json").session(session).param("mp-csrf", token)
				.param("pasted", NFT).param("ports", "30000-33000").param("direction", "in").param("protocol", "udp"));
		assertEquals(200, r.status, r.body());
		assertEquals("application/json", r.contentType);
		JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
		JsonArray runs = json.getAsJsonArray("runs");
		assertEquals(2, runs.size(), r.body());
		assertEquals("30000-30999", runs.get(0).getAsJsonObject().get("ports").getAsString());
		assertEquals("ALLOWED", runs.get(0).getAsJsonObject().get("verdict").getAsString());
		assertEquals("31000-33000", runs.get(1).getAsJsonObject().get("ports").getAsString());
		assertEquals("BLOCKED", runs.get(1).getAsJsonObject().get("verdict").getAsString());
		assertEquals("table inet filter, chain input, policy drop", runs.get(1).getAsJsonObject().get("rule").getAsString());
		assertEquals("31000-33000", json.getAsJsonArray("uncovered").get(0).getAsString());
	}

	@Test
	void badFieldsAreNamedAndPostsNeedTheToken() throws Exception {
		MediapathPlugin plugin = plugin(true);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		Response ports = call(plugin, new Request("POST", "/mediapath/firewall.json").session(session).param("mp-csrf", token)
				.param("pasted", NFT).param("ports", "33000-30000"));
		assertEquals(400, ports.status);
		assertTrue(ports.body().contains("\"field\":\"ports\""), ports.body());
		Response empty = call(plugin, new Request("POST", "/mediapath/firewall.json").session(session).param("mp-csrf", token)
				.param("pasted", " ").param("ports", "30000"));
		assertEquals(400, empty.status);
		assertTrue(empty.body().contains("\"field\":\"pasted\""), empty.body());
		Response noToken = call(plugin, new Request("POST", "/mediapath/firewall.json").session(session)
				.param("pasted", NFT).param("ports", "30000"));
		assertEquals(403, noToken.status);
		Response missing = call(plugin(false), new Request("POST", "/mediapath/firewall.json").session(session)
				.param("mp-csrf", token).param("pasted", NFT).param("ports", "30000"));
		assertTrue(missing.status == 503 || missing.status == 403, "no service, or a token of another plugin: " + missing.status);
	}

	@Test
	void markupInAPasteComesBackAsJsonTextOnly() throws Exception {
		MediapathPlugin plugin = plugin(true);
		Session session = new Session();
		String token = tokenOf(plugin, session);
		String hostile = NFT.replace("udp dport 10000-30999 accept", "udp dport 10000-30999 accept comment \"<img src=x onerror=alert(1)>\"");
		Response r = call(plugin, new Request("POST", "/mediapath/firewall.json").session(session).param("mp-csrf", token)
				.param("pasted", hostile).param("ports", "30000"));
		assertEquals(200, r.status, r.body());
		assertFalse(r.body().contains("<img"), "the page's JSON writer escapes markup: " + r.body());
	}
}
