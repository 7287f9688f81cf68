package org.mediapath.firewall.netfilter;

import java.util.List;

import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Tri;

/**
 * One rule of a chain.
 *
 * @param id how its format identifies it ({@code handle 7}, {@code rule 3})
 * @param text the rule as written
 * @param matches its conditions, all of which must hold
 * @param action what it does
 */
public record Rule(String id, String text, List<Match> matches, Action action) {

	public Rule {
		matches = List.copyOf(matches);
	}

	public Tri test(Probe probe) {
		Tri result = Tri.YES;
		for (Match match : matches) {
			result = result.and(match.test(probe));
			if (result == Tri.NO) {
				return Tri.NO;
			}
		}
		return result;
	}

	/**
	 * @param protocol the asked protocol ({@code udp}, {@code tcp})
	 * @return the destination ports at which the rule can match at all; its other conditions aside
	 */
	public org.mediapath.firewall.core.PortSet portFilter(String protocol) {
		org.mediapath.firewall.core.PortSet filter = org.mediapath.firewall.core.PortSet.ALL;
		String number = protocol.equals("udp") ? "17" : "6";
		for (Match match : matches) {
			if (match instanceof Matches.PortIs port) {
				if (port.protocol() != null && !port.protocol().equals(protocol)) {
					return org.mediapath.firewall.core.PortSet.NONE;
				}
				if (port.destination()) {
					filter = filter.intersect(port.negated() ? port.ports().complement() : port.ports());
				}
			} else if (match instanceof Matches.ProtocolIs is && !is.negated() && !is.protocols().contains(protocol)
					&& !is.protocols().contains(number)) {
				return org.mediapath.firewall.core.PortSet.NONE;
			}
		}
		return filter;
	}

	/** @return the conditions that are undecided for the probe, as written */
	public String undecided(Probe probe) {
		StringBuilder s = new StringBuilder();
		for (Match match : matches) {
			if (match.test(probe) == Tri.MAYBE) {
				s.append(s.length() == 0 ? "" : ", ").append(match.text());
			}
		}
		return s.toString();
	}
}
