package org.mediapath.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StunTest {

	@Test
	void bindingRequestRoundTripsWithIntegrityAndFingerprint() throws Exception {
		byte[] id = Stun.newTransactionId();
		byte[] wire = Stun.bindingRequest(id, "srv:cli", "server-password");
		assertTrue(Stun.looksLikeStun(wire, 0, wire.length));
		StunMessage message = Stun.decode(wire, 0, wire.length);
		assertEquals(Stun.BINDING_REQUEST, message.type());
		assertTrue(message.isRequest());
		assertArrayEquals(id, message.transactionId());
		assertEquals(Optional.of("srv:cli"), message.username());
		assertTrue(Stun.hasValidIntegrity(message, "server-password"));
		assertFalse(Stun.hasValidIntegrity(message, "other-password"));
		assertTrue(Stun.hasValidFingerprint(message));
	}

	@Test
	void paddedRequestHasTheMediaPacketsSizeAndItsAnswerNeverExceedsIt() throws Exception {
		for (int size : new int[] { 100, 172, 176, 1200 }) {
			byte[] wire = Stun.bindingRequest(Stun.newTransactionId(), "srv:cli", "server-password", size);
			assertEquals(size, wire.length);
			StunMessage request = Stun.decode(wire, 0, wire.length);
			assertTrue(request.attribute(Stun.PADDING).isPresent());
			assertTrue(Stun.hasValidIntegrity(request, "server-password"));
			assertTrue(Stun.hasValidFingerprint(request));
			byte[] answer = Stun.bindingSuccess(request, new InetSocketAddress("198.18.3.4", 50000), "server-password");
			assertTrue(answer.length <= size && answer.length > size - 8, size + " -> " + answer.length);
			StunMessage decoded = Stun.decode(answer, 0, answer.length);
			assertTrue(Stun.hasValidIntegrity(decoded, "server-password"));
			assertTrue(Stun.hasValidFingerprint(decoded));
		}
		// No room for padding: the request is as small as it can be, and its answer is unpadded.
		byte[] tight = Stun.bindingRequest(Stun.newTransactionId(), "srv:cli", "pw", 40);
		assertEquals(Stun.bindingRequest(Stun.newTransactionId(), "srv:cli", "pw").length, tight.length);
		// An unpadded check (an ICE agent's) gets the plain answer, as before.
		byte[] plain = Stun.bindingRequest(Stun.newTransactionId(), "srv:cli", "pw");
		StunMessage plainRequest = Stun.decode(plain, 0, plain.length);
		assertTrue(Stun.decode(Stun.bindingSuccess(plainRequest, new InetSocketAddress("127.0.0.1", 1), "pw"), 0,
				Stun.bindingSuccess(plainRequest, new InetSocketAddress("127.0.0.1", 1), "pw").length)
				.attribute(Stun.PADDING).isEmpty());
	}

	@Test
	void tamperedRequestFailsIntegrityAndFingerprint() throws Exception {
		byte[] wire = Stun.bindingRequest(Stun.newTransactionId(), "srv:cli", "pw");
		wire[25] ^= 1; // inside USERNAME
		StunMessage message = Stun.decode(wire, 0, wire.length);
		assertFalse(Stun.hasValidIntegrity(message, "pw"));
		assertFalse(Stun.hasValidFingerprint(message));
	}

	@Test
	void successResponseCarriesTheMappedAddressV4AndV6() throws Exception {
		for (String host : new String[] { "127.0.0.1", "::1", "198.18.3.4" }) {
			byte[] req = Stun.bindingRequest(Stun.newTransactionId(), "a:b", "pw");
			StunMessage request = Stun.decode(req, 0, req.length);
			InetSocketAddress seen = new InetSocketAddress(InetAddress.getByName(host), 49152);
			byte[] wire = Stun.bindingSuccess(request, seen, "pw");
			StunMessage response = Stun.decode(wire, 0, wire.length);
			assertTrue(response.isResponse());
			assertEquals(seen, Stun.xorMappedAddress(response));
			assertTrue(Stun.hasValidIntegrity(response, "pw"));
			assertTrue(Stun.hasValidFingerprint(response));
		}
	}

	@Test
	void matchesAnRfc5769StyleIntegrityComputedIndependently() throws Exception {
		// Recompute the HMAC by hand over the message with the length adjusted, as RFC 5389 15.4 says.
		byte[] wire = new Stun.Builder(Stun.BINDING_REQUEST, new byte[12]).username("u").integrity("k").build();
		int miOffset = wire.length - 24;
		byte[] signed = Arrays.copyOf(wire, miOffset);
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
		mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(), "HmacSHA1"));
		assertEquals(wire.length - 20, ByteBuffer.wrap(signed).getShort(2));
		assertArrayEquals(mac.doFinal(signed), Arrays.copyOfRange(wire, miOffset + 4, wire.length));
	}

	@Test
	void smallErrorIsNeverLargerThanTheRequest() throws Exception {
		byte[] tiny = new Stun.Builder(Stun.BINDING_REQUEST, Stun.newTransactionId()).build();
		StunMessage bare = Stun.decode(tiny, 0, tiny.length);
		assertTrue(Stun.smallError(bare, 400).isEmpty(), "a 20-byte request gets nothing back");
		byte[] withName = Stun.bindingRequest(Stun.newTransactionId(), "nobody:x", null);
		StunMessage request = Stun.decode(withName, 0, withName.length);
		byte[] error = Stun.smallError(request, 401).orElseThrow();
		assertTrue(error.length <= withName.length);
		StunMessage decoded = Stun.decode(error, 0, error.length);
		assertEquals(Stun.BINDING_ERROR, decoded.type());
		assertEquals(Optional.of(401), Stun.errorCode(decoded));
	}

	@Test
	void malformedInputIsRejectedNamingTheProblem() {
		byte[] good = Stun.bindingRequest(Stun.newTransactionId(), "a:b", "pw");
		assertMessage("shorter than the 20-byte header", Arrays.copyOf(good, 19));
		byte[] truncated = Arrays.copyOf(good, good.length - 4);
		assertMessage("does not match", truncated);
		byte[] noCookie = good.clone();
		noCookie[4] = 0;
		assertMessage("magic cookie", noCookie);
		byte[] topBits = good.clone();
		topBits[0] = (byte) 0x80;
		assertMessage("top bits", topBits);
		byte[] overrun = good.clone();
		ByteBuffer.wrap(overrun).putShort(22, (short) 2000); // USERNAME claims 2000 bytes
		assertMessage("runs past the end", overrun);
		assertMessage("larger than", new byte[Stun.MAX_MESSAGE_SIZE + 4]);
		ByteBuffer many = ByteBuffer.allocate(20 + 4 * 40);
		many.putShort((short) 1).putShort((short) 160).putInt(Stun.MAGIC_COOKIE).put(new byte[12]);
		assertMessage("more than", many.array());
	}

	@Test
	void malformedMappedAddressIsAnError() throws Exception {
		byte[] wire = new Stun.Builder(Stun.BINDING_SUCCESS, new byte[12]).attribute(Stun.XOR_MAPPED_ADDRESS, new byte[5])
				.build();
		StunMessage message = Stun.decode(wire, 0, wire.length);
		assertThrows(ProtocolException.class, () -> Stun.xorMappedAddress(message));
	}

	private static void assertMessage(String expected, byte[] input) {
		ProtocolException e = assertThrows(ProtocolException.class, () -> Stun.decode(input, 0, input.length));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}
}
