package org.mediapath.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers for what users type into options and form
 * fields: {@link PortRange#parse}, {@link HostAndPort#parse} and {@link HostNames#requireValid}.
 *
 * <p>Their contract (Javadoc): bad text is an {@link IllegalArgumentException} whose message starts
 * with the field name, nothing else ever escapes; and a value that parses is written by
 * {@code toString()} in the form {@code parse} reads back to the same value. The report store and
 * the console's "run again" form rely on that round trip.
 */
class NetParsersJazzerTest {

	private static final String FIELD = "some-field";

	@FuzzTest(maxDuration = "8s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void typedTextParsesAndRoundTripsOrNamesTheField(FuzzedDataProvider data) {
		int defaultPort = data.pickValue(new int[] { -1, 2231, 1, 65535 });
		String text = data.consumeRemainingAsString();
		portRange(text);
		hostAndPort(text, defaultPort);
		hostName(text);
	}

	static void portRange(String text) {
		PortRange range;
		try {
			range = PortRange.parse(FIELD, text);
		} catch (IllegalArgumentException e) {
			assertNamesField(e);
			return;
		}
		assertTrue(range.first() >= PortRange.MIN_PORT && range.first() <= range.last() && range.last() <= PortRange.MAX_PORT,
				range::toString);
		assertEquals(range, PortRange.parse(FIELD, range.toString()), "round trip of " + show(text));
	}

	static void hostAndPort(String text, int defaultPort) {
		HostAndPort parsed;
		try {
			parsed = HostAndPort.parse(FIELD, text, defaultPort);
		} catch (IllegalArgumentException e) {
			assertNamesField(e);
			return;
		}
		assertTrue(HostNames.isValid(parsed.host()), "parsed host is valid: " + show(parsed.host()));
		assertAscii(parsed.host(), text);
		// The written form names its port, so it must read back even where a port is required.
		assertEquals(parsed, HostAndPort.parse(FIELD, parsed.toString(), -1), "round trip of " + show(text));
	}

	static void hostName(String text) {
		String host;
		try {
			host = HostNames.requireValid(FIELD, text);
		} catch (IllegalArgumentException e) {
			assertNamesField(e);
			return;
		}
		assertEquals(text, host, "requireValid returns the text unchanged");
		assertAscii(host, text);
		// A valid host with any port is a valid HostAndPort: the console builds one from the other.
		HostAndPort withPort = new HostAndPort(host, 5060);
		assertEquals(withPort, HostAndPort.parse(FIELD, withPort.toString(), -1), "round trip of " + show(text));
	}

	/** Names are letters, digits, '-' and '.'; addresses hex digits, ':' and '.': all ASCII (the zone too). */
	private static void assertAscii(String host, String text) {
		assertTrue(host.chars().allMatch(c -> c > 0x20 && c < 0x7f), "accepted a non-ASCII host " + show(text));
	}

	private static void assertNamesField(IllegalArgumentException e) {
		assertNotNull(e.getMessage());
		assertTrue(e.getMessage().startsWith(FIELD + ": "), "message must start with the field name: " + e.getMessage());
	}

	private static String show(String text) {
		StringBuilder out = new StringBuilder("\"");
		text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return out.append('"').toString();
	}
}
