package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediapath.api.browser.InvitationRequest;

class InviteFormTest {

	private static InviteForm.Parsed parse(String... pairs) {
		Map<String, String> m = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put(pairs[i], pairs[i + 1]);
		}
		return InviteForm.parse(m::get);
	}

	@Test
	void theDefaultsAreOneUseForADayWithoutPolicy() {
		InviteForm.Parsed p = parse("pbx", "Head office", "uses", "1", "expires", "24h", "label", "", "vpn-ranges", "");
		assertEquals(Map.of(), p.errors());
		InvitationRequest r = p.request().orElseThrow();
		assertEquals(1, r.uses());
		assertEquals(Duration.ofHours(24), r.validFor());
		assertEquals("", r.label());
		assertFalse(r.policy().requireVpn());
		assertEquals("Head office", p.pbx());
	}

	@Test
	void aCampaignLinkWithItsPolicy() {
		InviteForm.Parsed p = parse("pbx", "x", "uses", "25", "expires", "7d", "label", " ticket 4711, Anna ",
				"require-vpn", "true", "vpn-ranges", "10.8.0.0/24, 10.9.0.0/16\nfd00:8::/64");
		InvitationRequest r = p.request().orElseThrow();
		assertEquals(25, r.uses());
		assertEquals(Duration.ofDays(7), r.validFor());
		assertEquals("ticket 4711, Anna", r.label());
		assertTrue(r.policy().requireVpn());
		assertEquals(List.of("10.8.0.0/24", "10.9.0.0/16", "fd00:8::/64"), r.policy().vpnAddressRanges());
	}

	@Test
	void everyWrongFieldIsNamed() {
		InviteForm.Parsed p = parse("pbx", "", "uses", "1001", "expires", "2 weeks", "label", "a\u0007b",
				"vpn-ranges", "10.8/16");
		assertTrue(p.request().isEmpty());
		assertEquals(List.of("pbx", "uses", "expires", "label", "vpn-ranges"), List.copyOf(p.errors().keySet()));
		assertTrue(p.errors().get("uses").startsWith("uses: 1001 is outside 1-1000"), p.errors().toString());
		assertTrue(p.errors().get("expires").startsWith("expires: '2 weeks' is not a duration"), p.errors().toString());
		assertTrue(p.errors().get("vpn-ranges").startsWith("vpn-ranges: '10.8/16' is not an address range"), p.errors().toString());
		assertEquals("uses: 'many' is not a whole number (1 for one user, more for a campaign link)",
				parse("pbx", "x", "uses", "many").errors().get("uses"));
		assertTrue(parse("pbx", "x", "label", "x".repeat(201)).errors().get("label").startsWith("label: longer than 200"));
		assertTrue(parse("pbx", "x", "expires", "31d").errors().get("expires").contains("outside 1 minute to 30 days"));
		assertTrue(parse("pbx", "x", "expires", "0m").errors().get("expires").contains("outside 1 minute to 30 days"));
	}

	@Test
	void durations() {
		assertEquals(Duration.ofMinutes(30), InviteForm.duration("30m"));
		assertEquals(Duration.ofHours(36), InviteForm.duration("1d12h"));
		assertEquals(Duration.ofHours(36), InviteForm.duration("1d 12h"));
		assertEquals(Duration.ofHours(2), InviteForm.duration(" 2H "));
		for (String bad : List.of("", "h", "12", "12x", "-1h", "1h-", "1.5h", "PT1H")) {
			assertThrows(IllegalArgumentException.class, () -> InviteForm.duration(bad), bad);
		}
	}

	@Test
	void cidrBlocksOnlyAsLiterals() {
		// as the responder takes them (the API's AddressBlock): a single address is a block of one
		for (String ok : List.of("10.8.0.0", "10.8.0.0/24", "0.0.0.0/0", "198.18.0.0/15", "fd00::/8", "2001:db8::/32")) {
			assertTrue(InviteForm.isCidr(ok), ok);
		}
		for (String bad : List.of("10.8.0.0/33", "256.1.1.1/8", "10.8/16", "vpn.example/24", "10.8.0.0/255.255.0.0",
				"*.*.*.*/8", "fd00::/129", "fd00:::1/64", "1:2:3:4:5:6:7:8:9/64", "10.0.0.0/8/8")) {
			assertFalse(InviteForm.isCidr(bad), bad);
		}
		assertThrows(IllegalArgumentException.class, () -> InviteForm.ranges("10.0.0.0/8,".repeat(40)));
	}
}
