package org.mediapath.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of every parser the protocol bundle owns: the STUN decoder with
 * its integrity, fingerprint, error-code and XOR-address readers, the control-message codec, the
 * frame reader (the application frames inside the control channel's TLS), and the reading of a
 * plaintext peer's first bytes ({@link LegacyProtocol}). Runs in the normal test phase for a bounded time ({@code JAZZER_FUZZ=1} is set
 * by this module's surefire configuration; without it Jazzer only replays stored inputs). Any
 * exception other than {@link ProtocolException}, and any crash or timeout, fails the test.
 */
class ParserJazzerTest {

	@FuzzTest(maxDuration = "15s")
	void parsersOnlyEverThrowProtocolException(byte[] input) {
		ParserFuzzTest.feed(input);
		frames(input);
		// what a TLS client reads first from a peer that may speak no TLS: decided without an exception
		LegacyProtocol.isVersion1Challenge(input, input.length);
		LegacyProtocol.failureIn(input, input.length);
	}

	/** The browser test's JSON as the console reads it from a responder: only ProtocolException may come out. */
	@FuzzTest(maxDuration = "8s")
	void browserJsonOnlyEverThrowsProtocolException(byte[] input) {
		String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
		for (int kind = 0; kind < 3; kind++) {
			try {
				switch (kind) {
					case 0 -> BrowserJson.readRuns(text);
					case 1 -> BrowserJson.readInvitations(text);
					default -> BrowserJson.readInvitation(text);
				}
			} catch (ProtocolException expected) {
				// fine
			}
		}
	}

	/** A stream of frames as the responder reads them: only ProtocolException or EOF may end it. */
	static void frames(byte[] input) {
		java.io.InputStream in = new java.io.ByteArrayInputStream(input);
		try {
			while (true) {
				byte[] frame = Frames.read(in, 4096);
				try {
					ControlCodec.decode(frame);
				} catch (ProtocolException expected) {
					// fine
				}
			}
		} catch (java.io.EOFException | ProtocolException expected) {
			// the end of the input, or a refused frame
		} catch (java.io.IOException e) {
			throw new AssertionError("a byte array stream cannot fail: " + e, e);
		}
	}
}
