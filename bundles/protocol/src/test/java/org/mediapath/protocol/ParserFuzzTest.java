package org.mediapath.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mediapath.protocol.ControlMessage.Candidate;
import org.mediapath.protocol.ControlMessage.IceOffer;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.SessionKind;

/**
 * A bounded, seeded mutation fuzz of both parsers: every input either decodes or throws
 * {@link ProtocolException}; nothing else may escape (no index, arithmetic or allocation errors).
 * A coverage-guided Jazzer run can reuse {@link #feed} as its target.
 */
class ParserFuzzTest {

	private static final int ITERATIONS = 200_000;

	@Test
	void mutatedInputOnlyEverYieldsProtocolException() {
		Random random = new Random(20240601);
		List<byte[]> seeds = List.of(Stun.bindingRequest(Stun.newTransactionId(), "abc:def", "pw"),
				new Stun.Builder(Stun.BINDING_ERROR, new byte[12]).errorCode(401, "Unauthorized").build(),
				ControlCodec.encode(new OpenSession(SessionKind.UDP, new int[] { 1, 2, 3, 9 }, "u", "p")),
				ControlCodec.encode(new IceOffer("u", "p", List.of(new Candidate("f", 1, 1, "::1", 5, "host")))),
				ControlCodec.encode(new ControlMessage.Failure("X", "y")));
		for (int i = 0; i < ITERATIONS; i++) {
			byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
			int mutations = 1 + random.nextInt(4);
			for (int m = 0; m < mutations; m++) {
				switch (random.nextInt(3)) {
					case 0 -> input[random.nextInt(input.length)] = (byte) random.nextInt(256);
					case 1 -> input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
					default -> input = java.util.Arrays.copyOf(input, input.length + random.nextInt(8));
				}
				if (input.length == 0) {
					break;
				}
			}
			feed(input);
		}
	}

	static void feed(byte[] input) {
		try {
			StunMessage message = Stun.decode(input, 0, input.length);
			Stun.hasValidIntegrity(message, "pw");
			Stun.hasValidFingerprint(message);
			Stun.errorCode(message);
			try {
				Stun.xorMappedAddress(message);
			} catch (ProtocolException expected) {
				// fine
			}
		} catch (ProtocolException expected) {
			// fine
		} catch (RuntimeException e) {
			fail("STUN decoder threw " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
		}
		try {
			ControlCodec.decode(input);
		} catch (ProtocolException expected) {
			// fine
		} catch (RuntimeException e) {
			fail("control decoder threw " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
		}
	}
}
