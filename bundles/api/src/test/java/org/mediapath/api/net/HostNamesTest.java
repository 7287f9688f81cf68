package org.mediapath.api.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

	@ParameterizedTest
	@ValueSource(strings = { "pbx.example.com", "pbx.example.com.", "198.18.2.10", "::1", "::", "fe80::1%eth0",
			"2001:db8::1", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "1::", "sip_1-a" })
	void plausibleHostsAreValid(String host) {
		assertTrue(HostNames.isValid(host), host);
	}

	/**
	 * Found by NetParsersJazzerTest: {@code Character.digit} counts other scripts' digits (here NKo
	 * U+07C6) and fullwidth letters as hex digits, so "::\u07c66A:\u07c66A" passed as an IPv6 address,
	 * was accepted as a server or responder and failed only when resolved.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "::\u07c66A:\u07c66A", "::\uff11", "\uff41::1", "::ffff:\u0661.2.3.4", "::1.2.3.\u0664" })
	void nonAsciiDigitsAreNoAddress(String host) {
		assertFalse(HostNames.isValid(host), host);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> HostAndPort.parse("responder", "[" + host + "]:2231", -1));
		assertTrue(e.getMessage().startsWith("responder: "), e.getMessage());
	}

	/** Seen while fixing the above: a lone ':' at either end was taken for part of an address. */
	@ParameterizedTest
	@ValueSource(strings = { "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8", "1::2:", ":1::2", ":" })
	void aSingleColonAtAnEndIsNoAddress(String host) {
		assertFalse(HostNames.isValid(host), host);
	}

	@Test
	void requireValidNamesTheField() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> HostNames.requireValid("server", "bad host!"));
		assertTrue(e.getMessage().startsWith("server: 'bad host!'"), e.getMessage());
	}
}
