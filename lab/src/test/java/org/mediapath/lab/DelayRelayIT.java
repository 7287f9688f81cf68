package org.mediapath.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The lab's long-haul link, on loopback (needs no root): late by its delay each way, in order, and only between its two ends. */
class DelayRelayIT {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	@Test
	void holdsEveryDatagramForItsDelayInEachDirectionAndKeepsTheOrder() throws Exception {
		try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
				DatagramSocket b = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
				DelayRelay relay = new DelayRelay(new InetSocketAddress(LOOPBACK, 0), address(a), address(b), 150)) {
			a.setSoTimeout(3000);
			b.setSoTimeout(3000);

			long sent = System.nanoTime();
			a.send(packet("ping", relay.address()));
			DatagramPacket got = receive(b);
			long oneWay = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
			assertEquals("ping", text(got));
			assertEquals(relay.address(), got.getSocketAddress(), "B hears the relay, not A");
			assertTrue(oneWay >= 150 && oneWay < 1000, "one way took " + oneWay + " ms, the delay is 150 ms");

			sent = System.nanoTime();
			b.send(packet("pong", relay.address()));
			assertEquals("pong", text(receive(a)));
			long back = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
			assertTrue(back >= 150 && back < 1000, "the way back took " + back + " ms, the delay is 150 ms");

			// a burst arrives whole and in order, all of it late by the delay (not by the delay times the count)
			sent = System.nanoTime();
			for (int i = 0; i < 200; i++) {
				a.send(packet("n" + i, relay.address()));
			}
			for (int i = 0; i < 200; i++) {
				assertEquals("n" + i, text(receive(b)));
			}
			long burst = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
			assertTrue(burst >= 150 && burst < 1500, "a burst of 200 took " + burst + " ms");
			assertEquals(202, relay.relayed());
		}
	}

	@Test
	void aStrangerIsNotRelayed() throws Exception {
		try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
				DatagramSocket b = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
				DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
				DelayRelay relay = new DelayRelay(new InetSocketAddress(LOOPBACK, 0), address(a), address(b), 10)) {
			b.setSoTimeout(500);
			stranger.send(packet("intruder", relay.address()));
			assertThrows(SocketTimeoutException.class, () -> receive(b));
			a.send(packet("expected", relay.address()));
			assertArrayEquals("expected".getBytes(StandardCharsets.US_ASCII), data(receive(b)));
		}
	}

	@Test
	void badArgumentsAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelayRelay.parse("A", "198.18.1.1"));
		assertTrue(e.getMessage().contains("A: expected ADDRESS:PORT"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> DelayRelay.parse("B", "relay.example:7000"));
		assertTrue(e.getMessage().contains("not an IPv4 address"), e.getMessage());
	}

	private static InetSocketAddress address(DatagramSocket s) {
		return (InetSocketAddress) s.getLocalSocketAddress();
	}

	private static DatagramPacket packet(String text, InetSocketAddress to) {
		byte[] data = text.getBytes(StandardCharsets.US_ASCII);
		return new DatagramPacket(data, data.length, to);
	}

	private static DatagramPacket receive(DatagramSocket s) throws Exception {
		DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
		s.receive(p);
		return p;
	}

	private static byte[] data(DatagramPacket p) {
		return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
	}

	private static String text(DatagramPacket p) {
		return new String(data(p), StandardCharsets.US_ASCII);
	}
}
