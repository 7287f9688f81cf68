package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.report.DiagnosisRequest;

class FormInputTest {

	@Test
	void aCompleteFormMakesTheRequest() {
		Map<String, String> p = Map.of("server", " pbx.example.test ", "signalling-port", "5061", "server-ports",
				"40000-40100", "client-ports", "50000-50010", "responder", "pbx.example.test:2231", "secret-file",
				"/etc/mediapath/secret", "peer", "[2001:db8::2]:2231", "require-vpn", "true");
		DiagnosisRequest r = FormInput.from(p::get).toRequest().orElseThrow();
		assertEquals("pbx.example.test", r.server());
		assertEquals(5061, r.signallingPort());
		assertEquals("40000-40100", r.serverPorts().toString());
		assertEquals(new HostAndPort("pbx.example.test", 2231), r.responder().orElseThrow());
		assertEquals(new HostAndPort("2001:db8::2", 2231), r.peer().orElseThrow());
		assertEquals("/etc/mediapath/secret", r.secretReference().orElseThrow());
		assertTrue(r.requireVpn());
	}

	@Test
	void theConfiguredDefaultsAreAValidFormOnceTheServerIsGiven() {
		FormInput defaults = FormInput.defaults(Fixtures.config());
		assertEquals(Map.of("server", "server: a host name or IP address is required"), defaults.validate());
		FormInput withServer = FormInput.defaults(Fixtures.config(Map.of("server", "198.18.2.10")));
		assertEquals(DiagnosisRequest.forServer("198.18.2.10"), withServer.toRequest().orElseThrow());
	}

	@Test
	void everyBadFieldIsNamedInItsOwnMessage() {
		Map<String, String> p = Map.of("server", "a b", "signalling-port", "0", "server-ports", "x-y", "client-ports",
				"", "responder", "pbx", "peer", "h:99999", "secret-file", "a\u0000b");
		Map<String, String> errors = FormInput.from(p::get).validate();
		assertEquals(7, errors.size(), errors.toString());
		errors.forEach((field, message) -> assertTrue(message.startsWith(field + ":"), message));
		assertTrue(errors.get("responder").contains("a port is required"));
	}

	/** The form as the page posts it: the port fields filled as their defaults are. */
	static Map<String, String> form(Map<String, String> fields) {
		Map<String, String> all = new java.util.HashMap<>(Map.of("signalling-port", "2230", "server-ports", "30000-33000",
				"client-ports", "49152-65535"));
		all.putAll(fields);
		return all;
	}

	static final String PIN = "3a:4b:5c:6d:7e:8f:90:01:12:23:34:45:56:67:78:89:9a:ab:bc:cd:de:ef:f0:01:12:23:34:45:56:67:78:89";

	@Test
	void aFingerprintFieldPinsTheResponderAndABadOneIsNamed() {
		Map<String, String> p = form(Map.of("server", "pbx", "responder", "pbx:2231", "secret-file", "/etc/s",
				"responder-fingerprint", PIN.replace(":", ""), "peer", "peer:2232", "peer-fingerprint", PIN));
		DiagnosisRequest r = FormInput.from(p::get).toRequest().orElseThrow();
		assertEquals(PIN.toUpperCase(), r.responderFingerprint().orElseThrow(), "canonical: upper case with colons");
		assertEquals(PIN.toUpperCase(), r.peerFingerprint().orElseThrow());
		assertEquals(PIN.toUpperCase(), FormInput.of(r).value("responder-fingerprint"), "a report's form keeps its pin");
		Map<String, String> bad = Map.of("server", "pbx", "responder-fingerprint", "AB:CD", "peer-fingerprint", "x");
		Map<String, String> errors = FormInput.from(bad::get).validate();
		assertTrue(errors.get("responder-fingerprint").startsWith("responder-fingerprint: 'AB:CD' is not a SHA-256"),
				errors.toString());
		assertTrue(errors.get("peer-fingerprint").startsWith("peer-fingerprint:"), errors.toString());
	}

	@Test
	void theConsolesOwnResponderIsPinnedByTheConsoleAndNoOtherIs() {
		String own = PIN.toUpperCase();
		MediapathPlugin plugin = new MediapathPlugin(Fixtures.config(Map.of("ownResponder", "127.0.0.1:2231",
				"ownResponderFingerprint", own)), null, null, null);
		DiagnosisRequest toOwn = FormInput.from(form(Map.of("server", "127.0.0.1", "responder", "127.0.0.1:2231",
				"secret-file", "/s"))::get).toRequest().orElseThrow();
		assertEquals(own, plugin.pinOwnResponder(toOwn).responderFingerprint().orElseThrow());
		DiagnosisRequest toOther = FormInput.from(form(Map.of("server", "pbx", "responder", "pbx:2231", "secret-file",
				"/s"))::get).toRequest().orElseThrow();
		assertTrue(plugin.pinOwnResponder(toOther).responderFingerprint().isEmpty(), "another responder must be pinned by the user");
	}
}
