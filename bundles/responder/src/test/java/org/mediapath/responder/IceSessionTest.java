package org.mediapath.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ice4j.ice.Agent;
import org.ice4j.ice.IceProcessingState;
import org.junit.jupiter.api.Test;
import org.mediapath.api.net.PortRange;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlClient.RefusedException;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.IceAnswer;
import org.mediapath.protocol.ControlMessage.IceOffer;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ice.IceAgents;

/** The responder's ICE session: IN_USE ports, other sessions' ports left alone, the account of arrived checks. */
class IceSessionTest {

	@Test
	void portsAnotherProgramHoldsAreReportedInUseAndTheAgentTakesTheNextOne() throws Exception {
		PortRange range = Fixtures.freeRange(4);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				DatagramSocket pbx1 = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, range.first()));
				DatagramSocket pbx2 = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, range.first() + 1));
				ControlClient control = Fixtures.connect(responder)) {
			SessionOpened opened = control.call(new OpenSession(SessionKind.ICE, range.ports().toArray(), "mpice", "ice-open"),
					SessionOpened.class);
			assertArrayEquals(new int[] { range.first(), range.first() + 1 }, opened.inUse(), "held by another program: IN_USE");
			assertArrayEquals(new int[] { range.first() + 2 }, opened.bound());
			control.call(new CloseSession(), SessionClosed.class);
		}
		assertTrue(Fixtures.udpFree(range.first() + 2), "the agent's port is released");
	}

	@Test
	void everyPortInUseIsARefusalNamingIt() throws Exception {
		PortRange range = Fixtures.freeRange(1);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				DatagramSocket pbx = new DatagramSocket(new InetSocketAddress(Fixtures.LOOPBACK, range.first()));
				ControlClient control = Fixtures.connect(responder)) {
			RefusedException e = assertThrows(RefusedException.class, () -> control.call(
					new OpenSession(SessionKind.ICE, range.ports().toArray(), "mpice", "ice-open"), SessionOpened.class));
			assertEquals("IN_USE", e.code());
		}
	}

	@Test
	void anIceSessionLeavesTheOtherSessionsPortsAloneAndTellsWhichChecksArrived() throws Exception {
		PortRange range = Fixtures.freeRange(4);
		PortRange clientRange = Fixtures.freeRange(2);
		try (Responder responder = new Responder(Fixtures.settings(range, ResponderSettings.Limits.DEFAULT));
				ControlClient sweep = Fixtures.connect(responder);
				ControlClient ice = Fixtures.connect(responder)) {
			SessionOpened udp = sweep.call(new OpenSession(SessionKind.UDP, new int[] { range.first(), range.first() + 1 },
					"cliU", "client-pass"), SessionOpened.class);
			assertEquals(2, udp.bound().length);
			SessionOpened opened = ice.call(new OpenSession(SessionKind.ICE, range.ports().toArray(), "mpice", "ice-open"),
					SessionOpened.class);
			assertArrayEquals(new int[0], opened.inUse(), "the sweep's ports are ours, not IN_USE, and not tried");
			assertArrayEquals(new int[] { range.first() + 2 }, opened.bound());

			Agent client = IceAgents.create(true, Fixtures.LOOPBACK, clientRange.ports().toArray());
			try {
				CountDownLatch connected = new CountDownLatch(1);
				client.addStateChangeListener(e -> {
					if (e.getNewValue() == IceProcessingState.COMPLETED || e.getNewValue() == IceProcessingState.TERMINATED) {
						connected.countDown();
					}
				});
				IceAnswer answer = ice.call(new IceOffer(client.getLocalUfrag(), client.getLocalPassword(),
						IceAgents.localCandidates(client)), IceAnswer.class);
				IceAgents.setRemote(client, answer.ufrag(), answer.password(), answer.candidates());
				client.startConnectivityEstablishment();
				assertTrue(connected.await(10, TimeUnit.SECONDS), "ICE connects on loopback");
				assertArrayEquals(new int[] { range.first() + 2 }, ice.call(new QueryReceived(), Received.class).ports(),
						"the client's checks arrived at the agent's port");
			} finally {
				client.free();
			}
			ice.call(new CloseSession(), SessionClosed.class);
			sweep.call(new CloseSession(), SessionClosed.class);
		}
		for (int port : range) {
			assertTrue(Fixtures.udpFree(port), "port " + port + " released");
		}
	}
}
