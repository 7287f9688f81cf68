package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;
import org.mediapath.route.model.PolicyRule;

class IpRuleTextParserTest {

	@Test
	void tailscaleRules() {
		Capture c = Fixtures.parseOnly("linux/tailscale-ip-rule-text.txt", Format.IP_RULE, new IpRuleTextParser());
		assertTrue(c.rulesKnown);
		assertEquals(7, c.rules.size());
		PolicyRule marked = c.rules.get(1);
		assertEquals(5210, marked.priority());
		assertEquals("0x80000/0xff0000", marked.fwmark());
		assertFalse(marked.matchesLocalUnmarked(), "fwmark rules do not see unmarked packets");
		assertEquals("unreachable", c.rules.get(3).action());
		PolicyRule table52 = c.rules.get(4);
		assertEquals("52", table52.table());
		assertTrue(table52.matchesLocalUnmarked());
	}

	@Test
	void wgQuickInvertedMarkAndSuppress() {
		Capture c = new Capture();
		new IpRuleTextParser().parse(new Segment(Format.IP_RULE, 1, List.of(
				"32764:	from all lookup main suppress_prefixlength 0",
				"32765:	not from all fwmark 0xca6c lookup 51820",
				"32766:	from 198.18.0.0/15 lookup 7",
				"nonsense")), c);
		assertEquals(OptionalInt.of(0), c.rules.get(0).suppressPrefixLength());
		assertTrue(c.rules.get(1).inverted());
		assertTrue(c.rules.get(1).matchesLocalUnmarked(), "'not fwmark' matches packets without the mark");
		assertFalse(c.rules.get(2).matchesLocalUnmarked(), "a source-specific rule needs a bound source");
		assertEquals(1, c.warningCount());
	}
}
