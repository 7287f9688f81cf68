package org.mediapath.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlCodec;
import org.mediapath.protocol.ControlMessage;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.Frames;
import org.mediapath.protocol.Stun;
import org.mediapath.protocol.StunMessage;

/** Unauthenticated and malformed input: answered within the rules, bounded, and a legitimate session keeps working. */
class ResponderAbuseTest {

	@Test
	void wrongSecretOversizedFramesAndSilentClientsAreRefusedWhileALegitimateSessionWorks() throws Exception {
		PortRange range = Fixtures.freeRange(4);
		try (Responder responder = new Responder(Fixtures.settings(range, Fixtures.limits(4, Duration.ofMillis(1500))));
				ControlClient legit = Fixtures.connect(responder);
				DatagramSocket client = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, 0))) {
			SessionOpened session = legit.call(new OpenSession(SessionKind.UDP, range.ports().toArray(), "cliU", "client-pass"),
					SessionOpened.class);

			ControlClient.RefusedException wrong = assertThrows(ControlClient.RefusedException.class,
					() -> ControlClient.connect(responder.controlAddress(), "an entirely wrong secret".getBytes(),
							Fixtures.IDENTITY.fingerprint(), Duration.ofSeconds(2)));
			assertEquals("AUTH_FAILED", wrong.code());

			// a frame announcing 2 GiB before authentication (inside TLS): refused without allocating it
			try (Socket raw = Fixtures.tls(responder)) {
				InputStream in = raw.getInputStream();
				Frames.read(in, 256); // the challenge
				new DataOutputStream(raw.getOutputStream()).writeInt(Integer.MAX_VALUE);
				ControlMessage reply = ControlCodec.decode(Frames.read(in, 1024));
				assertEquals("PROTOCOL", ((ControlMessage.Failure) reply).code());
				assertEquals(-1, in.read(), "then the connection is closed");
			}

			// a client that never answers the challenge is cut off at the handshake deadline
			try (Socket silent = Fixtures.tls(responder)) {
				InputStream in = silent.getInputStream();
				Frames.read(in, 256);
				long start = System.nanoTime();
				assertEquals(-1, readOrEnd(in));
				assertTrue(System.nanoTime() - start < 2_500_000_000L);
			}

			// a client that starts a TLS hello and never finishes it is cut off at the same deadline
			try (Socket halfHello = new Socket()) {
				halfHello.connect(responder.controlAddress());
				halfHello.setSoTimeout(3000);
				halfHello.getOutputStream().write(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 });
				long start = System.nanoTime();
				assertEquals(-1, halfHello.getInputStream().read());
				assertTrue(System.nanoTime() - start < 2_500_000_000L);
			}

			// garbage and truncated STUN at the session's ports: no answer, nothing recorded
			Random random = new Random(7);
			try (DatagramSocket junk = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, 0))) {
				junk.setSoTimeout(200);
				byte[] good = Stun.bindingRequest(Stun.newTransactionId(), session.serverUfrag() + ":cliU", session.serverPassword());
				for (int i = 0; i < 2000; i++) {
					byte[] packet = i % 2 == 0 ? new byte[1 + random.nextInt(1400)] : java.util.Arrays.copyOf(good, random.nextInt(good.length));
					random.nextBytes(i % 2 == 0 ? packet : new byte[0]);
					junk.send(new DatagramPacket(packet, packet.length, Fixtures.LOOPBACK, range.first() + i % 4));
				}
				assertThrows(SocketTimeoutException.class, () -> junk.receive(new DatagramPacket(new byte[1500], 1500)));
			}

			// a flood of well-formed strangers' requests: errors only at the per-source rate, never larger
			try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, 0))) {
				stranger.setSoTimeout(300);
				byte[] request = Stun.bindingRequest(Stun.newTransactionId(), "nobody:cliU", null);
				for (int i = 0; i < 500; i++) {
					stranger.send(new DatagramPacket(request, request.length, Fixtures.LOOPBACK, range.first()));
				}
				int answers = 0;
				try {
					while (true) {
						DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
						stranger.receive(p);
						assertTrue(p.getLength() <= request.length);
						answers++;
					}
				} catch (SocketTimeoutException done) {
					// counted
				}
				assertTrue(answers >= 1 && answers <= 10, "rate-limited errors: " + answers);
			}

			// the legitimate session still works
			client.setSoTimeout(1000);
			byte[] check = Stun.bindingRequest(Stun.newTransactionId(), session.serverUfrag() + ":cliU", session.serverPassword());
			client.send(new DatagramPacket(check, check.length, Fixtures.LOOPBACK, range.last()));
			DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
			client.receive(answer);
			StunMessage success = Stun.decode(answer.getData(), 0, answer.getLength());
			assertEquals(Stun.BINDING_SUCCESS, success.type());
			assertArrayEquals(new int[] { range.last() }, legit.call(new QueryReceived(), Received.class).ports());
			assertTrue(responder.snapshot().droppedMalformed() > 500);
		}
	}

	@Test
	void neverAnswersPacketsFromItsOwnPorts() throws Exception {
		PortRange range = Fixtures.freeRange(4);
		int sessionPort = range.first();
		int ownSource = range.last();
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				ControlClient legit = Fixtures.connect(responder);
				DatagramSocket loop = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, ownSource))) {
			SessionOpened session = legit.call(new OpenSession(SessionKind.UDP, new int[] { sessionPort }, "cliU", "client-pass"),
					SessionOpened.class);
			loop.setSoTimeout(300);
			byte[] check = Stun.bindingRequest(Stun.newTransactionId(), session.serverUfrag() + ":cliU", session.serverPassword());
			loop.send(new DatagramPacket(check, check.length, Fixtures.LOOPBACK, sessionPort));
			assertThrows(SocketTimeoutException.class, () -> loop.receive(new DatagramPacket(new byte[1500], 1500)));
			Thread.sleep(50);
			assertEquals(1, responder.snapshot().droppedOwnRange());
		}
	}

	@Test
	void sessionAndConnectionFloodsAreBoundedAndRefusedAsBusy() throws Exception {
		PortRange range = Fixtures.freeRange(8);
		try (Responder responder = new Responder(Fixtures.settings(range, Fixtures.limits(2, Duration.ofSeconds(3))))) {
			List<ControlClient> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 2; i++) {
					ControlClient c = Fixtures.connect(responder);
					clients.add(c);
					c.call(new OpenSession(SessionKind.UDP, new int[] { range.first() + i }, "cliU", "client-pass"),
							SessionOpened.class);
				}
				ControlClient third = Fixtures.connect(responder);
				clients.add(third);
				ControlClient.RefusedException busy = assertThrows(ControlClient.RefusedException.class,
						() -> third.call(new OpenSession(SessionKind.UDP, new int[] { range.first() + 5 }, "cliU", "client-pass"),
								SessionOpened.class));
				assertEquals("BUSY", busy.code());
				// per-source connection limit (4 by default): the fifth connection from 127.0.0.1 is closed at once
				ControlClient fourth = Fixtures.connect(responder);
				clients.add(fourth);
				assertThrows(IOException.class, () -> Fixtures.connect(responder));
				int threads = Thread.activeCount();
				assertTrue(threads < 200, "threads bounded: " + threads);
			} finally {
				clients.forEach(ControlClient::close);
			}
		}
	}

	@Test
	void aThousandSessionsInARowLeaveNoDescriptorsThreadsOrPortsBehind() throws Exception {
		PortRange range = Fixtures.freeRange(16);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT))) {
			for (int i = 0; i < 20; i++) {
				oneSession(responder, range); // warm-up: class loading, thread pool
			}
			Thread.sleep(200);
			long fds = openDescriptors();
			int threads = Thread.activeCount();
			for (int i = 0; i < 1000; i++) {
				oneSession(responder, range);
			}
			Thread.sleep(300);
			assertTrue(openDescriptors() <= fds + 4, "descriptors: before " + fds + ", after " + openDescriptors());
			assertTrue(Thread.activeCount() <= threads + 4, "threads: before " + threads + ", after " + Thread.activeCount());
			assertEquals(0, responder.snapshot().activeSessions());
		}
		for (int port : range) {
			assertTrue(Fixtures.udpFree(port), "port " + port + " released");
		}
	}

	private static void oneSession(Responder responder, PortRange range) throws Exception {
		try (ControlClient c = Fixtures.connect(responder)) {
			c.call(new OpenSession(SessionKind.UDP, range.ports().toArray(), "cliU", "client-pass"), SessionOpened.class);
			c.call(new ControlMessage.CloseSession(), ControlMessage.SessionClosed.class);
		}
	}

	/** Reads one byte; a connection the responder closed under TLS ends either way. */
	static int readOrEnd(InputStream in) throws IOException {
		try {
			return in.read();
		} catch (javax.net.ssl.SSLException | java.net.SocketException closed) {
			return -1;
		}
	}

	private static long openDescriptors() throws IOException {
		try (var list = Files.list(Path.of("/proc/self/fd"))) {
			return list.count();
		}
	}
}
