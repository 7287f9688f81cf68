package org.mediapath.diagnosis.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

class CheckSupportTest {

	@Test
	void aResponderThatRefusesOnItsControlChannelIsReachable() {
		RuntimeException refused = new RuntimeException("ICE probe against 198.18.3.1:2232: responder refused "
				+ "(PORTS_OUTSIDE_RANGE): requested ports 50000-50099 are outside this responder's range",
				new IOException("responder refused (PORTS_OUTSIDE_RANGE): ..."));
		assertFalse(CheckSupport.unreachable(refused));
	}

	@Test
	void noConnectionAtAllIsUnreachableButARefusedOneReachedTheHost() {
		// a TCP reset came from the host: it is reachable, only its responder is not running
		assertFalse(CheckSupport.unreachable(new RuntimeException("ICE probe", new ConnectException("Connection refused"))));
		assertTrue(CheckSupport.unreachable(new RuntimeException("ICE probe", new SocketTimeoutException("connect timed out"))));
	}
}
