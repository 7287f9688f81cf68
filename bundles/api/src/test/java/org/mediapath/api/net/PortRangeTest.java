package org.mediapath.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PortRangeTest {

	@Test
	void parsesARangeAndASinglePort() {
		PortRange media = PortRange.parse("server-ports", "30000-33000");
		assertEquals(30000, media.first());
		assertEquals(33000, media.last());
		assertEquals(3001, media.size());
		assertEquals("30000-33000", media.toString());
		assertEquals(PortRange.of(2230), PortRange.parse("signalling-port", " 2230 "));
		assertTrue(media.contains(30000) && media.contains(33000) && !media.contains(33001));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"33000-30000|reversed",
			"0-100|outside 1-65535",
			"30000-70000|outside 1-65535",
			"abc|not a port number",
			"30000-|not a port number",
			"30000-33000-34000|not a port number",
			"-5|not a port number" })
	void rejectsBadRangesNamingTheFieldAndTheProblem(String text, String problem) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> PortRange.parse("server-ports", text));
		assertTrue(e.getMessage().startsWith("server-ports: "), e.getMessage());
		assertTrue(e.getMessage().contains(problem), e.getMessage());
	}

	@ParameterizedTest
	@ValueSource(strings = { "pbx", "pbx.example.org", "198.18.2.10", "::1", "fd00::2", "fe80::1%eth0",
			"::ffff:198.18.0.1", "xn--bcher-kva.example" })
	void acceptsHostNamesAndAddresses(String host) {
		assertTrue(HostNames.isValid(host), host);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-pbx", "pbx-", "a b", "<img src=x onerror=alert(1)>", "pbx;rm -rf /", "1::2::3",
			"12345::", "..", "pbx..example" })
	void rejectsWhatCannotNameAHost(String host) {
		assertFalse(HostNames.isValid(host), host);
	}

	@Test
	void hostAndPortParsesTheFormsUsersType() {
		assertEquals(new HostAndPort("pbx", 2231), HostAndPort.parse("responder", "pbx:2231", -1));
		assertEquals(new HostAndPort("::1", 2231), HostAndPort.parse("responder", "[::1]:2231", -1));
		assertEquals(new HostAndPort("pbx", 2231), HostAndPort.parse("responder", "pbx", 2231));
		assertEquals("[::1]:2231", new HostAndPort("::1", 2231).toString());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> HostAndPort.parse("peer", "pbx", -1));
		assertTrue(e.getMessage().startsWith("peer: "), e.getMessage());
	}

	@Test
	void aHostAndPortNeedsOnePortAndAsciiDigits() {
		IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
				() -> HostAndPort.parse("responder", "pbx:2231-2240", -1));
		assertTrue(range.getMessage().startsWith("responder: ") && range.getMessage().contains("is a range"),
				range.getMessage());
		IllegalArgumentException arabic = assertThrows(IllegalArgumentException.class,
				() -> PortRange.parse("server-ports", "\u0663\u0660\u0660\u0660\u0660"));
		assertTrue(arabic.getMessage().startsWith("server-ports: "), arabic.getMessage());
	}
}
