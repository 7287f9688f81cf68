package org.mediapath.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlCodec;
import org.mediapath.protocol.ControlMessage;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ControlTls;
import org.mediapath.protocol.Frames;
import org.mediapath.protocol.LegacyProtocol;
import org.mediapath.protocol.Stun;

/**
 * The control channel's TLS on loopback: the pin, the binding of the secret's proof to the
 * certificate, peers of the plaintext version 1, a proxy that tampers with records after the
 * handshake, and TLS handshakes that never finish.
 */
class ControlTlsTest {

	@Test
	void theIdentityIsGeneratedOnceOwnerOnlyAndKeptAcrossStarts(@TempDir Path dir) throws Exception {
		Path folder = dir.resolve("identity");
		ResponderIdentity first = ResponderIdentity.loadOrCreate("identity", folder);
		ResponderIdentity again = ResponderIdentity.loadOrCreate("identity", folder);
		assertEquals(first.fingerprint(), again.fingerprint(), "the pin stays valid across starts");
		assertEquals(first.fingerprint(), ControlTls.fingerprint(first.chain()[0]));
		assertTrue(first.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first.fingerprint());
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(ResponderIdentity.KEY_FILE))));
		Files.setPosixFilePermissions(folder.resolve(ResponderIdentity.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
		IllegalArgumentException readable = assertThrows(IllegalArgumentException.class,
				() -> ResponderIdentity.loadOrCreate("--identity-dir", folder));
		assertTrue(readable.getMessage().startsWith("--identity-dir: ") && readable.getMessage().contains("chmod 600"),
				readable.getMessage());
	}

	@Test
	void anOperatorsOwnKeyStoreIsServedAndPinned(@TempDir Path dir) throws Exception {
		java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
		store.load(null, null);
		ResponderIdentity own = ResponderIdentity.loadOrCreate("identity", dir.resolve("own"));
		char[] password = "store-password".toCharArray();
		store.setKeyEntry("pbx", own.key(), password, own.chain());
		Path file = dir.resolve("pbx.p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, password);
		}
		ResponderIdentity loaded = ResponderIdentity.fromKeyStore("--keystore", file, password);
		assertEquals(own.fingerprint(), loaded.fingerprint());
		IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
				() -> ResponderIdentity.fromKeyStore("--keystore", file, "wrong".toCharArray()));
		assertTrue(wrong.getMessage().startsWith("--keystore " + file), wrong.getMessage());
		PortRange range = Fixtures.freeRange(2);
		try (Responder responder = new Responder(new ResponderSettings(Fixtures.LOOPBACK, Fixtures.LOOPBACK, range, 0,
				Fixtures.SECRET, loaded, ResponderSettings.Limits.DEFAULT));
				ControlClient client = ControlClient.connect(responder.controlAddress(), Fixtures.SECRET, own.fingerprint(),
						Duration.ofSeconds(3))) {
			client.call(new OpenSession(SessionKind.UDP, new int[] { range.first() }, "cliU", "client-pass"),
					SessionOpened.class);
		}
	}

	@Test
	void withoutAPinTheFingerprintIsShownAndNothingIsSent() throws Exception {
		try (Responder responder = new Responder(Fixtures.settings(Fixtures.freeRange(2), ResponderSettings.Limits.DEFAULT))) {
			ControlClient.UntrustedResponderException e = assertThrows(ControlClient.UntrustedResponderException.class,
					() -> ControlClient.connect(responder.controlAddress(), Fixtures.SECRET, null, Duration.ofSeconds(3)));
			assertEquals(Fixtures.IDENTITY.fingerprint(), e.fingerprint());
			assertTrue(e.getMessage().contains("--responder-fingerprint " + Fixtures.IDENTITY.fingerprint()), e.getMessage());
			assertFalse(e.getMessage().contains("\n"), "one line");
			for (int i = 0; i < 100 && responder.snapshot().tlsFailures() == 0; i++) {
				Thread.sleep(20);
			}
			assertEquals(1, responder.snapshot().tlsFailures());
			assertEquals(0, responder.snapshot().authFailures(), "no proof reached the responder");
			// the same pin in lower case and without colons is the same pin
			String plain = Fixtures.IDENTITY.fingerprint().replace(":", "").toLowerCase();
			try (ControlClient ok = ControlClient.connect(responder.controlAddress(), Fixtures.SECRET, plain, Duration.ofSeconds(3))) {
				assertTrue(ok.localAddress().getAddress().isLoopbackAddress());
			}
		}
	}

	/**
	 * A relay with its own certificate: a client with the right pin refuses it before sending any
	 * proof; a client tricked into pinning the relay sends a proof bound to the relay's certificate,
	 * which the real responder behind the relay rejects.
	 */
	@Test
	void aRelayWithAnotherCertificateGainsNothing(@TempDir Path dir) throws Exception {
		ResponderIdentity relayIdentity = ResponderIdentity.loadOrCreate("identity", dir.resolve("relay"));
		try (Responder responder = new Responder(Fixtures.settings(Fixtures.freeRange(2), ResponderSettings.Limits.DEFAULT));
				Relay relay = new Relay(relayIdentity, responder.controlAddress())) {
			ControlClient.UntrustedResponderException refused = assertThrows(ControlClient.UntrustedResponderException.class,
					() -> ControlClient.connect(relay.address(), Fixtures.SECRET, Fixtures.IDENTITY.fingerprint(),
							Duration.ofSeconds(3)));
			assertEquals(relayIdentity.fingerprint(), refused.fingerprint());
			assertTrue(refused.getMessage().contains("not the pinned " + Fixtures.IDENTITY.fingerprint()), refused.getMessage());
			assertEquals(0, relay.applicationBytesFromClients.get(), "no byte of a proof went to the relay");

			ControlClient.RefusedException rejected = assertThrows(ControlClient.RefusedException.class,
					() -> ControlClient.connect(relay.address(), Fixtures.SECRET, relayIdentity.fingerprint(),
							Duration.ofSeconds(3)));
			assertEquals("AUTH_FAILED", rejected.code(), "the proof covers the relay's certificate, not the responder's");
			assertEquals(1, responder.snapshot().authFailures());
		}
	}

	@Test
	void aClientOfThePlaintextVersion1IsToldToUpdateInOneFrame() throws Exception {
		try (Responder responder = new Responder(Fixtures.settings(Fixtures.freeRange(2), ResponderSettings.Limits.DEFAULT))) {
			// version 1 connected and waited for the responder's challenge
			try (Socket old = new Socket()) {
				old.connect(responder.controlAddress());
				old.setSoTimeout(3000);
				long start = System.nanoTime();
				ControlMessage reply = ControlCodec.decode(Frames.read(old.getInputStream(), Frames.DEFAULT_MAX_FRAME));
				ControlMessage.Failure failure = assertInstanceOf(ControlMessage.Failure.class, reply);
				assertEquals(LegacyProtocol.UPGRADE_CLIENT, failure.code());
				assertTrue(failure.message().contains("update mediapath on the client"), failure.message());
				assertTrue(System.nanoTime() - start < 2_800_000_000L, "told within the wait, before a version-1 client's own 3 s timeout");
				assertEquals(-1, old.getInputStream().read(), "then closed");
			}
			// anything else that is no TLS hello gets the same one line
			try (Socket http = new Socket()) {
				http.connect(responder.controlAddress());
				http.setSoTimeout(3000);
				http.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
				ControlMessage reply = ControlCodec.decode(Frames.read(http.getInputStream(), Frames.DEFAULT_MAX_FRAME));
				assertEquals(LegacyProtocol.UPGRADE_CLIENT, ((ControlMessage.Failure) reply).code());
			}
			assertEquals(2, responder.snapshot().notTls());
		}
	}

	@Test
	void aResponderOfThePlaintextVersion1OrAnotherServiceIsNamedInOneLine() throws Exception {
		try (ServerSocket old = new ServerSocket(0, 50, Fixtures.LOOPBACK)) {
			Thread greeter = new Thread(() -> {
				for (int i = 0; i < 3; i++) {
					try (Socket s = old.accept()) {
						// version 1 greeted every connection with its challenge, in the clear; then another service;
						// then what this version's responder says when a hello comes later than it waits
						if (i < 2) {
							Frames.write(s.getOutputStream(), i == 0 ? ControlCodec.encode(new ControlMessage.Challenge(1, new byte[32]))
									: "SSH-2.0-OpenSSH_9.2\r\n".getBytes());
						} else {
							s.getOutputStream().write(LegacyProtocol.failureFrame(LegacyProtocol.UPGRADE_CLIENT, "heard no TLS hello"));
						}
						s.getInputStream().read(new byte[4096]);
					} catch (IOException e) {
						return;
					}
				}
			});
			greeter.start();
			InetSocketAddress address = (InetSocketAddress) old.getLocalSocketAddress();
			IOException versionOne = assertThrows(IOException.class,
					() -> ControlClient.connect(address, Fixtures.SECRET, Fixtures.IDENTITY.fingerprint(), Duration.ofSeconds(3)));
			assertTrue(versionOne.getMessage().contains("older plaintext control protocol")
					&& versionOne.getMessage().contains("update mediapath on the responder's host"), versionOne.getMessage());
			IOException other = assertThrows(IOException.class,
					() -> ControlClient.connect(address, Fixtures.SECRET, Fixtures.IDENTITY.fingerprint(), Duration.ofSeconds(3)));
			assertTrue(other.getMessage().contains("answered with something other than TLS"), other.getMessage());
			assertFalse(other.getMessage().contains("\n"), other.getMessage());
			IOException late = assertThrows(IOException.class,
					() -> ControlClient.connect(address, Fixtures.SECRET, Fixtures.IDENTITY.fingerprint(), Duration.ofSeconds(3)));
			assertTrue(late.getMessage().contains("stopped waiting for this client's TLS hello")
					&& late.getMessage().endsWith("run again"), late.getMessage());
			greeter.join(3000);
		}
	}

	/**
	 * Every record of a whole session, one at a time, altered, dropped or replayed by a proxy: no
	 * conversation returns a result; after the handshake the client says the integrity check failed
	 * (a dropped last record can only show as a reply that never comes).
	 */
	@Test
	void aProxyThatAltersDropsOrReplaysAnyRecordNeverChangesAResult() throws Exception {
		PortRange range = Fixtures.freeRange(2);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT))) {
			int[] baseline;
			int[] recordsPerDirection = new int[2];
			try (TamperingProxy proxy = new TamperingProxy(responder.controlAddress(), null, false, -1)) {
				// the records up to the last answer: what comes after it (the client's close_notify) cannot change a result
				baseline = session(proxy.address(), range, () -> {
					recordsPerDirection[0] = proxy.records[0].get();
					recordsPerDirection[1] = proxy.records[1].get();
				});
			}
			assertArrayEquals(new int[] { range.first() }, baseline, "untampered, the check arrives");
			int integrity = 0;
			List<String> outcomes = new ArrayList<>();
			for (TamperingProxy.Mode mode : TamperingProxy.Mode.values()) {
				for (int direction = 0; direction < 2; direction++) {
					for (int index = 0; index < recordsPerDirection[direction]; index++) {
						try (TamperingProxy proxy = new TamperingProxy(responder.controlAddress(), mode, direction == 1, index)) {
							String what = mode + " of record " + index + (direction == 1 ? " responder->client" : " client->responder");
							int[] result;
							try {
								result = session(proxy.address(), range);
							} catch (IOException failed) {
								String message = String.valueOf(failed.getMessage());
								assertFalse(message.contains("\n"), message);
								if (failed instanceof ControlClient.IntegrityException) {
									integrity++;
								} else {
									// inside the handshake, JSSE's own error; a dropped record the peer waits for: no reply
									assertTrue(message.contains("TLS handshake") || failed instanceof java.net.SocketTimeoutException
											|| message.contains("closed the connection before its reply"), what + ": " + failed);
								}
								outcomes.add(what + ": " + failed.getClass().getSimpleName());
								continue;
							}
							// only a copy of a direction's last record, arriving after the last answer was read, leaves the
							// answers whole (the peer rejects the copy, but nothing is asked any more)
							assertTrue(mode == TamperingProxy.Mode.REPLAY && index == recordsPerDirection[direction] - 1,
									what + " let the conversation finish");
							assertArrayEquals(baseline, result, what + " changed the result");
							outcomes.add(what + ": answered before the copy arrived, the same result");
						}
					}
				}
			}
			assertTrue(integrity >= 3 * 2, "the integrity error names most tamperings after the handshake: " + outcomes);
			// and the responder keeps serving: the next honest conversation gets the true answer
			assertArrayEquals(baseline, session(responder.controlAddress(), range));
		}
	}

	/**
	 * 3000 connections from 127.0.0.2 that never finish TLS (silent, or a hello cut short) while a
	 * client from 127.0.0.1 runs a whole session: it is served, at its usual speed.
	 */
	@Test
	void threeThousandUnfinishedTlsConnectionsFromAnotherAddressLeaveALegitimateSessionWorking() throws Exception {
		PortRange range = Fixtures.freeRange(2);
		InetAddress attacker = InetAddress.getByName("127.0.0.2");
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT))) {
			AtomicInteger opened = new AtomicInteger();
			AtomicBoolean stop = new AtomicBoolean();
			List<Socket> held = new CopyOnWriteArrayList<>();
			Thread flood = new Thread(() -> {
				while (!stop.get() && opened.get() < 3000) {
					Socket s = new Socket();
					try {
						s.bind(new InetSocketAddress(attacker, 0));
						s.connect(responder.controlAddress(), 1000);
						if (opened.incrementAndGet() % 2 == 0) {
							s.getOutputStream().write(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00 }); // a hello cut short
						}
						held.add(s);
					} catch (IOException refused) {
						closeQuietly(s);
					}
				}
			});
			flood.start();
			try {
				while (opened.get() < 500) {
					Thread.sleep(5);
				}
				long start = System.nanoTime();
				int[] arrived = session(responder.controlAddress(), range, Duration.ofSeconds(3), () -> {
				});
				long millis = (System.nanoTime() - start) / 1_000_000;
				assertArrayEquals(new int[] { range.first() }, arrived);
				assertTrue(millis < 2000, "a whole session during the flood took " + millis + " ms");
				flood.join(120_000);
				assertEquals(3000, opened.get(), "the flood opened its 3000 connections");
				assertArrayEquals(new int[] { range.first() }, session(responder.controlAddress(), range, Duration.ofSeconds(3), () -> {
				}));
				assertTrue(responder.snapshot().refusedBusy() > 0, "the per-source limit closed the attacker's extra connections");
			} finally {
				stop.set(true);
				flood.join(5000);
				held.forEach(ControlTlsTest::closeQuietly);
			}
		}
	}

	/** One whole UDP session through {@code control}: the arrived ports after one check from the client. */
	private static int[] session(InetSocketAddress control, PortRange range) throws Exception {
		return session(control, range, () -> {
		});
	}

	private static int[] session(InetSocketAddress control, PortRange range, Runnable atLastAnswer) throws Exception {
		return session(control, range, Duration.ofSeconds(1), atLastAnswer);
	}

	/** @param timeout connect and reply timeout (a diagnosis uses 3 s: one lost SYN is retried after 1 s) */
	private static int[] session(InetSocketAddress control, PortRange range, Duration timeout, Runnable atLastAnswer)
			throws Exception {
		try (ControlClient client = ControlClient.connect(control, Fixtures.SECRET, Fixtures.IDENTITY.fingerprint(),
				timeout);
				DatagramSocket udp = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, 0))) {
			SessionOpened session = client.call(new OpenSession(SessionKind.UDP, new int[] { range.first() }, "cliU",
					"client-pass"), SessionOpened.class);
			byte[] check = Stun.bindingRequest(Stun.newTransactionId(), session.serverUfrag() + ":cliU", session.serverPassword());
			udp.setSoTimeout(1000);
			udp.send(new DatagramPacket(check, check.length, Fixtures.LOOPBACK, range.first()));
			udp.receive(new DatagramPacket(new byte[1500], 1500));
			int[] arrived = client.call(new QueryReceived(), Received.class).ports();
			client.call(new CloseSession(), SessionClosed.class);
			atLastAnswer.run();
			return arrived;
		}
	}

	private static void closeQuietly(AutoCloseable c) {
		try {
			c.close();
		} catch (Exception ignored) {
			// closing is all we wanted
		}
	}

	/**
	 * A TCP proxy that reads TLS records (5-byte header, then the body) and, in one direction, alters
	 * one byte inside the body of record number {@code index}, drops it, or sends it twice.
	 */
	static final class TamperingProxy implements AutoCloseable {
		enum Mode {
			FLIP, DROP, REPLAY
		}

		final AtomicInteger[] records = { new AtomicInteger(), new AtomicInteger() };
		private final ServerSocket listener = new ServerSocket(0, 50, Fixtures.LOOPBACK);
		private final List<Socket> sockets = new CopyOnWriteArrayList<>();
		private final Thread acceptor;

		TamperingProxy(InetSocketAddress target, Mode mode, boolean towardsClient, int index) throws IOException {
			acceptor = new Thread(() -> {
				try {
					Socket client = listener.accept();
					Socket server = new Socket();
					server.connect(target, 2000);
					sockets.add(client);
					sockets.add(server);
					pump(client, server, 0, towardsClient ? null : mode, index);
					pump(server, client, 1, towardsClient ? mode : null, index);
				} catch (IOException e) {
					// the test closed the proxy
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		InetSocketAddress address() {
			return (InetSocketAddress) listener.getLocalSocketAddress();
		}

		private void pump(Socket from, Socket to, int direction, Mode mode, int index) {
			Thread t = new Thread(() -> {
				try {
					DataInputStream in = new DataInputStream(from.getInputStream());
					OutputStream out = to.getOutputStream();
					while (true) {
						byte[] header = new byte[5];
						in.readFully(header);
						int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
						byte[] body = new byte[length];
						in.readFully(body);
						if (header[0] == 20) { // TLS 1.3's ChangeCipherSpec is a compatibility dummy, outside the transcript
							out.write(header);
							out.write(body);
							out.flush();
							continue;
						}
						int number = records[direction].getAndIncrement();
						ByteArrayOutputStream record = new ByteArrayOutputStream();
						record.write(header);
						record.write(body);
						byte[] bytes = record.toByteArray();
						if (mode != null && number == index) {
							switch (mode) {
								case FLIP -> {
									bytes[5 + length / 2] ^= 0x01;
									out.write(bytes);
								}
								case DROP -> {
									// not sent
								}
								case REPLAY -> {
									out.write(bytes);
									out.write(bytes);
								}
							}
						} else {
							out.write(bytes);
						}
						out.flush();
					}
				} catch (IOException ended) {
					closeQuietly(to);
				}
			});
			t.setDaemon(true);
			t.start();
		}

		@Override
		public void close() throws IOException {
			listener.close();
			sockets.forEach(ControlTlsTest::closeQuietly);
		}
	}

	/** Terminates TLS with its own identity, opens TLS to the responder (trusting it), and passes the bytes on. */
	static final class Relay implements AutoCloseable {
		final AtomicLong applicationBytesFromClients = new AtomicLong();
		private final SSLServerSocket listener;
		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		Relay(ResponderIdentity identity, InetSocketAddress responder) throws Exception {
			listener = (SSLServerSocket) identity.serverContext().getServerSocketFactory().createServerSocket(0, 50,
					Fixtures.LOOPBACK);
			Thread acceptor = new Thread(() -> {
				while (!listener.isClosed()) {
					try {
						SSLSocket client = (SSLSocket) listener.accept();
						sockets.add(client);
						Thread serve = new Thread(() -> relay(client, responder));
						serve.setDaemon(true);
						serve.start();
					} catch (IOException e) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private void relay(SSLSocket client, InetSocketAddress responder) {
			try {
				client.startHandshake();
				SSLSocket server = Fixtures.tls(responder);
				sockets.add(server);
				Thread back = new Thread(() -> copy(server, client, null));
				back.setDaemon(true);
				back.start();
				copy(client, server, applicationBytesFromClients);
			} catch (Exception e) {
				closeQuietly(client);
			}
		}

		private void copy(Socket from, Socket to, AtomicLong counted) {
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				byte[] buffer = new byte[4096];
				int n;
				while ((n = in.read(buffer)) > 0) {
					if (counted != null) {
						counted.addAndGet(n);
					}
					out.write(buffer, 0, n);
					out.flush();
				}
			} catch (IOException ended) {
				// either side closed
			} finally {
				closeQuietly(to);
			}
		}

		InetSocketAddress address() {
			return (InetSocketAddress) listener.getLocalSocketAddress();
		}

		@Override
		public void close() throws IOException {
			listener.close();
			sockets.forEach(ControlTlsTest::closeQuietly);
		}
	}
}
