package org.mediapath.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage.ChecksSent;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SendChecks;
import org.mediapath.protocol.ControlMessage.SendTriggered;
import org.mediapath.protocol.ControlMessage.TriggeredSent;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;

class ResponderSessionTest {

	@Test
	void answersTheSessionsChecksReportsArrivalsSendsChecksBackAndReleasesPorts() throws Exception {
		PortRange range = Fixtures.freeRange(10);
		PortRange clientRange = Fixtures.freeRange(3);
		int taken = range.first() + 5;
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, taken));
				ControlClient control = Fixtures.connect(responder)) {
			SessionOpened opened = control.call(new OpenSession(SessionKind.UDP, range.ports().toArray(), "cliU", "client-pass"),
					SessionOpened.class);
			assertArrayEquals(new int[] { taken }, opened.inUse(), "a port the PBX holds is IN_USE");
			assertEquals(9, opened.bound().length);

			try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, clientRange.first()))) {
				client.setSoTimeout(1000);
				for (int port : new int[] { range.first(), range.last() }) {
					byte[] check = Stun.bindingRequest(Stun.newTransactionId(), opened.serverUfrag() + ":cliU",
							opened.serverPassword());
					client.send(new DatagramPacket(check, check.length, Fixtures.LOOPBACK, port));
					DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
					client.receive(answer);
					StunMessage response = Stun.decode(answer.getData(), 0, answer.getLength());
					assertEquals(Stun.BINDING_SUCCESS, response.type());
					assertTrue(Stun.hasValidIntegrity(response, opened.serverPassword()));
					assertEquals(client.getLocalSocketAddress(), Stun.xorMappedAddress(response));
					assertEquals(port, answer.getPort());
				}
				assertArrayEquals(new int[] { range.first(), range.last() },
						control.call(new QueryReceived(), Received.class).ports());

				int[] clientPorts = { clientRange.first() };
				assertEquals(1, control.call(new SendChecks(clientPorts, 0), ChecksSent.class).sent());
				DatagramPacket check = new DatagramPacket(new byte[1500], 1500);
				client.receive(check);
				StunMessage request = Stun.decode(check.getData(), 0, check.getLength());
				assertEquals(Stun.BINDING_REQUEST, request.type());
				assertEquals("cliU:" + opened.serverUfrag(), request.username().orElseThrow());
				assertTrue(Stun.hasValidIntegrity(request, "client-pass"));
				assertTrue(range.contains(check.getPort()), "server-to-client checks leave from the session's ports");
			}
			control.call(new CloseSession(), SessionClosed.class);
		}
		for (int port : range) {
			if (port != taken) {
				assertTrue(Fixtures.udpFree(port), "port " + port + " released");
			}
		}
	}

	@Test
	void wrongCredentialsGetAtMostASmallErrorAndNoArrivalIsRecorded() throws Exception {
		PortRange range = Fixtures.freeRange(2);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				ControlClient control = Fixtures.connect(responder);
				DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, 0))) {
			SessionOpened opened = control.call(new OpenSession(SessionKind.UDP, range.ports().toArray(), "cliU", "client-pass"),
					SessionOpened.class);
			stranger.setSoTimeout(300);
			byte[] wrongPassword = Stun.bindingRequest(Stun.newTransactionId(), opened.serverUfrag() + ":cliU", "guess-guess");
			stranger.send(new DatagramPacket(wrongPassword, wrongPassword.length, Fixtures.LOOPBACK, range.first()));
			DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
			stranger.receive(answer);
			assertTrue(answer.getLength() <= wrongPassword.length, "never larger than the request");
			StunMessage error = Stun.decode(answer.getData(), 0, answer.getLength());
			assertEquals(Stun.BINDING_ERROR, error.type());
			assertEquals(401, Stun.errorCode(error).orElseThrow());

			byte[] bare = new Stun.Builder(Stun.BINDING_REQUEST, Stun.newTransactionId()).build();
			stranger.send(new DatagramPacket(bare, bare.length, Fixtures.LOOPBACK, range.first()));
			assertThrows(SocketTimeoutException.class, () -> stranger.receive(new DatagramPacket(new byte[1500], 1500)),
					"a 20-byte request cannot be answered without amplification");
			assertEquals(0, control.call(new QueryReceived(), Received.class).ports().length);
		}
	}

	@Test
	void refusesPortsOutsideItsRangeAndBadRequestsWithoutDying() throws Exception {
		PortRange range = Fixtures.freeRange(2);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT))) {
			try (ControlClient control = Fixtures.connect(responder)) {
				ControlClient.RefusedException e = assertThrows(ControlClient.RefusedException.class,
						() -> control.call(new OpenSession(SessionKind.UDP, new int[] { range.last() + 1 }, "cliU", "client-pass"),
								SessionOpened.class));
				assertEquals("PORTS_OUTSIDE_RANGE", e.code());
			}
			try (ControlClient control = Fixtures.connect(responder)) {
				ControlClient.RefusedException e = assertThrows(ControlClient.RefusedException.class,
						() -> control.call(new QueryReceived(), Received.class));
				assertEquals("BAD_REQUEST", e.code());
				assertTrue(e.getMessage().contains("open a session first"), e.getMessage());
			}
			try (ControlClient control = Fixtures.connect(responder)) {
				control.call(new OpenSession(SessionKind.UDP, range.ports().toArray(), "cliU", "client-pass"), SessionOpened.class);
			}
		}
	}

	@Test
	void refusesToStartWithoutAUsableSecret(@TempDir Path dir) throws Exception {
		Path empty = Files.writeString(dir.resolve("empty"), "\n");
		ResponderOptions options = new ResponderOptions();
		options.bind = "127.0.0.1";
		options.udpPorts = "30000-30010";
		options.controlPort = 2231;
		options.maxSessions = 4;
		options.secretFile = empty;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResponderSubcommand.settings(options));
		assertTrue(e.getMessage().startsWith("--secret-file"), e.getMessage());
		options.secretFile = dir.resolve("missing");
		assertThrows(IllegalArgumentException.class, () -> ResponderSubcommand.settings(options));
		options.secretFile = Files.writeString(dir.resolve("ok"), "0123456789abcdef\n");
		options.identityDir = dir.resolve("identity");
		ResponderSettings settings = ResponderSubcommand.settings(options);
		assertEquals(16, settings.secret().length);
		assertTrue(Files.isRegularFile(dir.resolve("identity").resolve(ResponderIdentity.CERTIFICATE_FILE)));
		options.keystorePasswordFile = options.secretFile;
		IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> ResponderSubcommand.settings(options));
		assertEquals("--keystore-password-file needs --keystore", alone.getMessage());
	}

	@Test
	void triggeredChecksGoBackAlongTheCheckPathOnceEachAndOnlyForChecksThatArrived() throws Exception {
		PortRange range = Fixtures.freeRange(4);
		PortRange clientRange = Fixtures.freeRange(2);
		byte[] prefix = "mediapath!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				ControlClient control = Fixtures.connect(responder);
				DatagramSocket client = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, clientRange.first()))) {
			SessionOpened opened = control.call(new OpenSession(SessionKind.UDP, range.ports().toArray(), "cliU", "client-pass"),
					SessionOpened.class);
			client.setSoTimeout(1000);
			byte[] id = java.util.Arrays.copyOf(prefix, 12);
			id[10] = (byte) (clientRange.first() >>> 8);
			id[11] = (byte) clientRange.first();
			byte[] check = Stun.bindingRequest(id, opened.serverUfrag() + ":cliU", opened.serverPassword());
			client.send(new DatagramPacket(check, check.length, Fixtures.LOOPBACK, range.last()));
			client.receive(new DatagramPacket(new byte[1500], 1500)); // the answer
			// the client's second port sent nothing: nothing goes there (never a reflector)
			var sent = control.call(new SendTriggered(prefix, new int[] { clientRange.first(), clientRange.last() }),
					TriggeredSent.class);
			assertArrayEquals(new int[] { clientRange.first() }, sent.arrived());
			assertEquals(Fixtures.LOOPBACK.getHostAddress() + ":" + clientRange.first(), sent.seenAs());
			DatagramPacket back = new DatagramPacket(new byte[1500], 1500);
			client.receive(back);
			StunMessage request = Stun.decode(back.getData(), 0, back.getLength());
			assertEquals(Stun.BINDING_REQUEST, request.type());
			assertEquals("cliU:" + opened.serverUfrag(), request.username().orElseThrow());
			assertTrue(Stun.hasValidIntegrity(request, "client-pass"));
			assertEquals(range.last(), back.getPort(), "from the port the client's check arrived on");
			// each arrived check is answered once
			assertEquals(0, control.call(new SendTriggered(prefix, new int[] { clientRange.first() }), TriggeredSent.class)
					.arrived().length);
			assertThrows(SocketTimeoutException.class, () -> client.receive(new DatagramPacket(new byte[1500], 1500)));
			control.call(new CloseSession(), SessionClosed.class);
		}
	}
}
