package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Timeout;
import org.mediapath.api.report.DiagnosisRequest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of what the console page takes from the browser and writes back
 * into it. One target, since Jazzer fuzzes a single test per JVM:
 * <ul>
 * <li>{@link FormInput#from} and {@link FormInput#validate}: any posted fields give messages, never
 * an exception; each message starts with its field's name (the page puts it beside that field); a
 * form that validates makes a request, and the form filled from that request ("run again")
 * validates and makes the same request.</li>
 * <li>{@link InviteForm#parse} (the browser-test link's form): any posted fields give messages, never an
 * exception; each message starts with its field's name; a request exactly when there is no message,
 * and then within the API's bounds.</li>
 * <li>{@link Html}: the output holds no {@code < > " '} and no {@code $} (the Web Console's
 * {@code ${...}} filter), and every {@code &} starts an entity.</li>
 * <li>{@link Json}: a string is written with {@code < > & ' $} U+2028 U+2029 and control characters
 * as escapes, and reads back as the same string.</li>
 * </ul>
 * Runs in the normal test phase for a bounded time ({@code JAZZER_FUZZ=1} is set by this module's
 * surefire configuration).
 */
class BrowserInputJazzerTest {

	private static final String[] SAMPLES = { "", " ", "pbx.example.com", "198.18.2.10", "::1", "[::1]:2231",
			"pbx:2231", "2230", "30000-33000", "49152-65535", "0", "65536", "33000-30000", "/etc/mediapath/secret",
			"true", "false", "${x}", "<script>", "1", "1000", "1001", "24h", "30m", "7d", "1d12h", "31d", "10.8.0.0/24",
			"fd00::/8, 10.8.0.0/24", "10.8/16" };
	private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");

	/**
	 * {@code @Timeout} becomes libFuzzer's per-input timeout, so a hang fails; JUnit applies it to the
	 * whole bounded run too, so it must exceed maxDuration.
	 */
	@FuzzTest(maxDuration = "10s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void browserInputNeverBreaksTheFormOrTheEscaping(FuzzedDataProvider data) {
		Map<String, String> posted = new HashMap<>();
		for (String field : FormInput.TEXT_FIELDS) {
			// A field may be missing from the post, a realistic value, or anything.
			switch (data.consumeInt(0, 2)) {
			case 0 -> { }
			case 1 -> posted.put(field, data.pickValue(SAMPLES));
			default -> posted.put(field, data.consumeString(64));
			}
		}
		if (data.consumeBoolean()) {
			posted.put(FormInput.REQUIRE_VPN, data.consumeString(8));
		}
		form(posted);
		Map<String, String> invite = new HashMap<>();
		for (String field : new String[] { InviteForm.PBX, InviteForm.USES, InviteForm.EXPIRES, InviteForm.LABEL,
				InviteForm.VPN_RANGES, InviteForm.REQUIRE_VPN }) {
			switch (data.consumeInt(0, 2)) {
			case 0 -> { }
			case 1 -> invite.put(field, data.pickValue(SAMPLES));
			default -> invite.put(field, data.consumeString(64));
			}
		}
		invite(invite);
		String text = data.consumeRemainingAsString();
		html(text);
		json(text);
	}

	static void form(Map<String, String> posted) {
		Map<String, String> errors;
		Optional<DiagnosisRequest> request;
		try {
			FormInput input = FormInput.from(posted::get);
			errors = input.validate();
			request = input.toRequest();
		} catch (RuntimeException e) {
			throw new AssertionError("the form threw " + e + " on " + posted, e);
		}
		errors.forEach((field, message) -> assertTrue(message.startsWith(field + ": "),
				"message for " + field + " must name it: " + message + " on " + posted));
		assertEquals(errors.isEmpty(), request.isPresent(), () -> "validate and toRequest disagree on " + posted);
		if (request.isPresent()) {
			FormInput again = FormInput.of(request.get());
			assertEquals(Map.of(), again.validate(), () -> "run again of " + posted);
			assertEquals(request, again.toRequest(), () -> "run again of " + posted);
		}
	}

	static void invite(Map<String, String> posted) {
		InviteForm.Parsed parsed;
		try {
			parsed = InviteForm.parse(posted::get);
		} catch (RuntimeException e) {
			throw new AssertionError("the link's form threw " + e + " on " + posted, e);
		}
		parsed.errors().forEach((field, message) -> assertTrue(message.startsWith(field + ": "),
				"message for " + field + " must name it: " + message + " on " + posted));
		assertEquals(parsed.errors().isEmpty(), parsed.request().isPresent(), () -> "errors and request disagree on " + posted);
		parsed.request().ifPresent(r -> assertTrue(r.uses() >= 1 && r.uses() <= 1000
				&& r.policy().vpnAddressRanges().size() <= InviteForm.MAX_RANGES, () -> r + " from " + posted));
	}

	static void html(String text) {
		for (String escaped : new String[] { Html.text(text), Html.attr(text) }) {
			for (char c : new char[] { '<', '>', '"', '\'', '$' }) {
				if (escaped.indexOf(c) >= 0) {
					fail("'" + c + "' left in " + escaped + " from " + text);
				}
			}
			for (int amp = escaped.indexOf('&'); amp >= 0; amp = escaped.indexOf('&', amp + 1)) {
				if (!ENTITY.matcher(escaped).region(amp, escaped.length()).lookingAt()) {
					fail("'&' not starting an entity at " + amp + " in " + escaped + " from " + text);
				}
			}
		}
	}

	static void json(String text) {
		String written = Json.write(text);
		for (int i = 0; i < written.length(); i++) {
			char c = written.charAt(i);
			if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '$' || c == 0x2028 || c == 0x2029) {
				fail(String.format("U+%04X left raw in %s", (int) c, written));
			}
		}
		assertEquals(text, readString(written), "reads back");
		assertEquals(Json.write(Map.of(text, text)), "{" + written + ":" + written + "}", "keys are escaped alike");
	}

	/** A strict reader of one JSON string, independent of the writer under test. */
	private static String readString(String json) {
		assertTrue(json.length() >= 2 && json.charAt(0) == '"' && json.charAt(json.length() - 1) == '"', json);
		StringBuilder out = new StringBuilder();
		for (int i = 1; i < json.length() - 1; i++) {
			char c = json.charAt(i);
			if (c == '"') {
				fail("unescaped quote inside " + json);
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char e = json.charAt(++i);
			switch (e) {
			case '"', '\\', '/' -> out.append(e);
			case 'n' -> out.append('\n');
			case 'r' -> out.append('\r');
			case 't' -> out.append('\t');
			case 'b' -> out.append('\b');
			case 'f' -> out.append('\f');
			case 'u' -> {
				out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
				i += 4;
			}
			default -> fail("bad escape \\" + e + " in " + json);
			}
		}
		return out.toString();
	}
}
