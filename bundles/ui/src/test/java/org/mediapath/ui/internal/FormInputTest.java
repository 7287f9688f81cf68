package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
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
		// a server by hand has no responder: a secret lives only in a PBX kept by name, never in a posted path
		assertEquals(java.util.Optional.empty(), r.responder());
		assertEquals(java.util.Optional.empty(), r.peer());
		assertEquals(java.util.Optional.empty(), r.secretReference());
		assertTrue(r.requireVpn());
		assertEquals("Head office", FormInput.from(Map.of("pbx", " Head office ")::get).pbx());
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
		assertEquals(4, errors.size(), errors.toString());
		errors.forEach((field, message) -> assertTrue(message.startsWith(field + ":"), message));
	}

}
