package org.mediapath.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class AddressBlockTest {

	@Test
	void membershipFollowsThePrefix() throws Exception {
		AddressBlock pool = AddressBlock.parse("vpn-ranges", "198.18.50.0/23");
		assertTrue(pool.contains(InetAddress.getByName("198.18.51.200")));
		assertFalse(pool.contains(InetAddress.getByName("198.18.52.1")));
		assertFalse(pool.contains(InetAddress.getByName("::1")), "another family is never inside");
		assertTrue(AddressBlock.parse("f", "fd00:1::/64").contains(InetAddress.getByName("fd00:1::7")));
		assertTrue(AddressBlock.parse("f", "0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
		assertEquals("198.18.7.7/32", AddressBlock.parse("f", "198.18.7.7").toString());
		assertTrue(AddressBlock.parse("f", "10.8.0.0/13").contains(InetAddress.getByName("10.15.255.255")));
		assertFalse(AddressBlock.parse("f", "10.8.0.0/13").contains(InetAddress.getByName("10.16.0.0")));
	}

	@Test
	void badBlocksAreRefusedNamingTheField() {
		for (String bad : new String[] { "", "vpn.example.com/24", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::1/129",
				"10.0.0.256/8", "1.2.3.4/-1" }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("vpn-ranges", bad));
			assertTrue(e.getMessage().startsWith("vpn-ranges: "), e.getMessage());
		}
	}
}
