package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PbxFormTest {

	static final String PIN = "3a:4b:5c:6d:7e:8f:90:01:12:23:34:45:56:67:78:89:9a:ab:bc:cd:de:ef:f0:01:12:23:34:45:56:67:78:89";

	/** The PBX editor as the page posts it: the port fields filled as their defaults are. */
	static Map<String, String> form(Map<String, String> fields) {
		Map<String, String> all = new HashMap<>(Map.of("name", "Head office", "server", "pbx.example.org", "signalling-port",
				"2230", "server-ports", "30000-33000", "client-ports", "49152-65535"));
		all.putAll(fields);
		return all;
	}

	@Test
	void theFingerprintPinsTheResponderInItsCanonicalForm() {
		Map<String, String> p = form(Map.of("responder", "pbx.example.org:2231", "fingerprint", PIN.replace(":", ""),
				"secret", "s3cret"));
		PbxForm.Parsed parsed = PbxForm.parse(p::get);
		assertTrue(parsed.errors().isEmpty(), parsed.errors().toString());
		assertEquals(PIN.toUpperCase(), parsed.entry().orElseThrow().fingerprint().orElseThrow(), "upper case with colons");
	}

	@Test
	void aResponderWithoutItsFingerprintOrWithABadOneIsRefusedByName() {
		Map<String, String> missing = form(Map.of("responder", "pbx.example.org:2231", "secret", "s3cret"));
		PbxForm.Parsed unpinned = PbxForm.parse(missing::get);
		assertTrue(unpinned.entry().isEmpty());
		assertTrue(unpinned.errors().get("fingerprint").startsWith("fingerprint: needed with a responder"),
				unpinned.errors().toString());
		Map<String, String> bad = form(Map.of("responder", "pbx.example.org:2231", "fingerprint", "AB:CD"));
		PbxForm.Parsed wrong = PbxForm.parse(bad::get);
		assertTrue(wrong.errors().get("fingerprint").startsWith("fingerprint: 'AB:CD' is not a SHA-256"), wrong.errors().toString());
	}

	@Test
	void aPbxWithoutAResponderNeedsNoFingerprint() {
		Map<String, String> p = form(Map.of());
		PbxForm.Parsed parsed = PbxForm.parse(p::get);
		assertTrue(parsed.errors().isEmpty(), parsed.errors().toString());
		assertTrue(parsed.entry().orElseThrow().fingerprint().isEmpty());
	}
}
