package org.mediapath.diagnosis.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RouteCheckCandidatesTest {

	@Test
	void theAddressOfACandidateIsRoutedAsAServerAddress() {
		assertEquals(Optional.of("198.18.5.2"), RouteCheck.candidateAddress("198.18.5.2:30000/udp host"));
		assertEquals(Optional.of("fd00::2"), RouteCheck.candidateAddress("[fd00::2]:30000/udp host"));
		assertEquals(Optional.of("127.0.0.1"), RouteCheck.candidateAddress("127.0.0.1:30000"));
	}

	@Test
	void anythingElseIsIgnored() {
		assertEquals(Optional.empty(), RouteCheck.candidateAddress("no port here"));
		assertEquals(Optional.empty(), RouteCheck.candidateAddress(":30000/udp host"));
		assertEquals(Optional.empty(), RouteCheck.candidateAddress("<img src=x>:1/udp"));
	}
}
