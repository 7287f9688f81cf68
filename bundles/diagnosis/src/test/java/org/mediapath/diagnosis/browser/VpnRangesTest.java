package org.mediapath.diagnosis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The VPN pools of a browser test's policy: parsed without DNS, matched per address family. */
class VpnRangesTest {

	@Test
	void rangesParseAndHoldTheirAddresses() {
		List<String> pools = VpnRanges.parseList("--vpn-ranges", "10.8.0.0/24, 2001:db8:8::/48");
		assertEquals(List.of("10.8.0.0/24", "2001:db8:8:0:0:0:0:0/48"), pools);
		assertEquals(Optional.of("10.8.0.0/24"), VpnRanges.rangeOf(pools, "10.8.0.77"));
		assertEquals(Optional.of("2001:db8:8:0:0:0:0:0/48"), VpnRanges.rangeOf(pools, "2001:db8:8::5"));
		assertEquals(Optional.empty(), VpnRanges.rangeOf(pools, "10.9.0.1"));
		assertEquals(Optional.empty(), VpnRanges.rangeOf(pools, "vpn.example.com"), "a name is never looked up");
		assertEquals(Optional.empty(), VpnRanges.rangeOf(List.of("not a range"), "10.8.0.1"));
	}

	@Test
	void aBadRangeNamesTheOption() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> VpnRanges.parseList("--vpn-ranges", "10.8.0.0/24,,10.9.0.0/24"));
		assertTrue(e.getMessage().startsWith("--vpn-ranges: "), e.getMessage());
	}
}
