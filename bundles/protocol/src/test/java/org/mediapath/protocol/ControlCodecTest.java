package org.mediapath.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.mediapath.protocol.ControlMessage.Candidate;
import org.mediapath.protocol.ControlMessage.IceOffer;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;

class ControlCodecTest {

	@Test
	void everyMessageRoundTrips() throws Exception {
		int[] ports = IntStream.concat(IntStream.rangeClosed(30000, 33000), IntStream.of(40000, 65535)).toArray();
		List<ControlMessage> messages = List.of(new ControlMessage.Challenge(1, new byte[32]),
				new ControlMessage.Authenticate(new byte[32], new byte[32]), new ControlMessage.Welcome(new byte[32]),
				new OpenSession(SessionKind.ICE, ports, "cu", "cp"),
				new SessionOpened("::1", "su", "sp", ports, new int[] { 30001 }),
				new ControlMessage.SendChecks(new int[] { 49152, 65535 }, 5000), new ControlMessage.ChecksSent(2),
				new ControlMessage.QueryReceived(), new ControlMessage.Received(ports),
				new IceOffer("u", "p", List.of(new Candidate("1", 1, 2130706431L, "127.0.0.1", 49152, "host"))),
				new ControlMessage.IceAnswer("u", "p", List.of()), new ControlMessage.CloseSession(),
				new ControlMessage.SessionClosed(), new ControlMessage.Failure("BUSY", "too many sessions"),
				new ControlMessage.QueryCounts(), new ControlMessage.Counts(150, Long.MAX_VALUE),
				new ControlMessage.SendTriggered(new byte[10], new int[] { 49152, 49153, 65535 }),
				new ControlMessage.TriggeredSent(new int[] { 49152 }, "198.18.2.1:40000"),
				new ControlMessage.CreateInvitation(5, 86400, "ticket 4711 — Anna", true, "198.18.50.0/24,fd00::/64"),
				new ControlMessage.InvitationMade("{\"token\":\"x\"}"), new ControlMessage.QueryBrowserRuns("tok", 50),
				new ControlMessage.BrowserRuns("[" + "{},".repeat(9000) + "{}]"), new ControlMessage.QueryInvitations(),
				new ControlMessage.InvitationList("[]"));
		for (ControlMessage message : messages) {
			byte[] wire = ControlCodec.encode(message);
			ControlMessage back = ControlCodec.decode(wire);
			assertEquals(message.getClass(), back.getClass());
			assertArrayEquals(wire, ControlCodec.encode(back), message.getClass().getSimpleName());
		}
		OpenSession open = (OpenSession) ControlCodec.decode(ControlCodec.encode(messages.get(3)));
		assertArrayEquals(ports, open.serverPorts());
		assertTrue(ControlCodec.encode(messages.get(3)).length < 64, "a range travels as one pair of ports");
		IceOffer offer = (IceOffer) ControlCodec.decode(ControlCodec.encode(messages.get(9)));
		assertEquals(messages.get(9), offer);
	}

	@Test
	void malformedFramesAreRejectedNamingTheField() {
		assertFails("empty frame", new byte[0]);
		assertFails("unknown type 99", new byte[] { 99 });
		assertFails("truncated", new byte[] { 1, 0 });
		byte[] trailing = Arrays.copyOf(ControlCodec.encode(new ControlMessage.QueryReceived()), 3);
		assertFails("trailing bytes", trailing);
		// OpenSession whose port list announces 1000 ranges but has none
		assertFails("serverPorts announces", new byte[] { 4, 0, 0x03, (byte) 0xE8 });
		// descending range
		assertFails("not ascending", ByteBuffer.allocate(8).put((byte) 9).putShort((short) 1).putShort((short) 500)
				.putShort((short) 400).array());
		// port 0
		assertFails("not ascending", ByteBuffer.allocate(8).put((byte) 9).putShort((short) 1).putShort((short) 0)
				.putShort((short) 1).array());
		// string longer than allowed
		assertFails("exceeds", ByteBuffer.allocate(3).put((byte) 3).putShort((short) 60000).array());
		// invalid UTF-8 in Failure.code
		assertFails("not UTF-8", new byte[] { 14, 0, 2, (byte) 0xC3, (byte) 0x28, 0, 0 });
		assertFails("control characters", new byte[] { 14, 0, 1, 0x1B, 0, 0 });
		// U+009B, the 8-bit CSI some terminals obey, as a responder's failure reason would reach the CLI
		assertFails("control characters", new byte[] { 14, 0, 1, 0x41, 0, 2, (byte) 0xC2, (byte) 0x9B });
		assertFails("session kind 7", new byte[] { 4, 7, 0, 0 });
		assertFails("negative", new byte[] { 7, (byte) 0xFF, 0, 0, 0 });
		// SendTriggered whose transaction id prefix is not ten bytes
		assertFails("prefix of 3 bytes", new byte[] { 22, 0, 3, 1, 2, 3, 0, 0 });
	}

	@Test
	void framesAreBoundedBeforeAnythingIsAllocated() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Frames.write(out, new byte[] { 8 });
		assertArrayEquals(new byte[] { 8 }, Frames.read(new ByteArrayInputStream(out.toByteArray()), 16));
		byte[] huge = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
		ProtocolException e = assertThrows(ProtocolException.class,
				() -> Frames.read(new ByteArrayInputStream(huge), Frames.DEFAULT_MAX_FRAME));
		assertTrue(e.getMessage().contains("outside 1-65536"), e.getMessage());
		assertThrows(ProtocolException.class, () -> Frames.read(new ByteArrayInputStream(new byte[4]), 16));
		assertThrows(ProtocolException.class,
				() -> Frames.read(new ByteArrayInputStream(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }), 16));
		assertThrows(EOFException.class, () -> Frames.read(new ByteArrayInputStream(new byte[] { 0, 0, 0, 5, 1 }), 16));
	}

	@Test
	void challengeResponseProvesBothSidesWithoutTheSecretAndIsBoundToTheCertificate() {
		ChallengeResponse server = new ChallengeResponse("0123456789abcdef-secret".getBytes());
		ChallengeResponse client = new ChallengeResponse("0123456789abcdef-secret".getBytes());
		ChallengeResponse wrong = new ChallengeResponse("0123456789abcdef-WRONG!".getBytes());
		byte[] certificate = new byte[32];
		Arrays.fill(certificate, (byte) 7);
		byte[] relays = certificate.clone();
		relays[31] ^= 1;
		byte[] challenge = server.nonce();
		byte[] clientNonce = client.nonce();
		assertFalse(Arrays.equals(challenge, server.nonce()), "nonces are fresh");
		assertTrue(ChallengeResponse.matches(server.clientProof(certificate, challenge, clientNonce),
				client.clientProof(certificate, challenge, clientNonce)));
		assertFalse(ChallengeResponse.matches(server.clientProof(certificate, challenge, clientNonce),
				wrong.clientProof(certificate, challenge, clientNonce)));
		assertFalse(ChallengeResponse.matches(server.clientProof(certificate, challenge, clientNonce),
				client.clientProof(relays, challenge, clientNonce)), "a proof made for a relay's certificate is worthless");
		assertFalse(ChallengeResponse.matches(server.clientProof(certificate, challenge, clientNonce),
				server.serverProof(certificate, challenge, clientNonce)), "a client proof is not a server proof");
		assertEquals(ChallengeResponse.MAC_SIZE, client.clientProof(certificate, challenge, clientNonce).length);
		assertThrows(IllegalArgumentException.class, () -> new ChallengeResponse("short".getBytes()));
		assertThrows(IllegalArgumentException.class, () -> client.clientProof(new byte[20], challenge, clientNonce));
	}

	@Test
	void aVersion1ChallengeAndThisVersionsRefusalAreRecognisedFromTheirFirstBytes() throws Exception {
		byte[] payload = ControlCodec.encode(new ControlMessage.Challenge(1, new byte[32]));
		byte[] old = java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
		assertTrue(LegacyProtocol.isVersion1Challenge(old, old.length));
		assertTrue(LegacyProtocol.isVersion1Challenge(old, 5), "a TLS client reads a record header: 5 bytes");
		assertFalse(LegacyProtocol.isVersion1Challenge(old, 4), "too few bytes to tell");
		byte[] tls = { 0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00 };
		assertFalse(LegacyProtocol.isVersion1Challenge(tls, tls.length));
		byte[] refusal = LegacyProtocol.failureFrame(LegacyProtocol.UPGRADE_CLIENT, "update this client");
		ControlMessage.Failure failure = LegacyProtocol.failureIn(refusal, refusal.length);
		assertEquals(LegacyProtocol.UPGRADE_CLIENT, failure.code());
		assertEquals("update this client", failure.message());
		// a version-1 client reads the same bytes as one Failure frame
		assertEquals(failure, ControlCodec.decode(Frames.read(new ByteArrayInputStream(refusal), Frames.DEFAULT_MAX_FRAME)));
		assertEquals(null, LegacyProtocol.failureIn(old, old.length));
	}

	private static void assertFails(String expected, byte[] frame) {
		ProtocolException e = assertThrows(ProtocolException.class, () -> ControlCodec.decode(frame));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}
}
