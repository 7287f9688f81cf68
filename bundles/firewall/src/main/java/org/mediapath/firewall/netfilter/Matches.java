package org.mediapath.firewall.netfilter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.Addresses;
import org.mediapath.firewall.core.PortSet;
import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Tri;

import inet.ipaddr.IPAddress;

/** The conditions netfilter rulesets use, shared by the nft (text and JSON) and iptables readers. */
public final class Matches {

	private Matches() {
	}

	/** The transport protocol is one of {@code protocols} (names or numbers, lower case). */
	public record ProtocolIs(Set<String> protocols, boolean negated, String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			boolean in = protocols.contains(probe.protocolName())
					|| protocols.contains(Integer.toString(probe.protocolNumber()));
			return Tri.of(in).negatedIf(negated);
		}
	}

	/** The packet's family: a match on an IPv4 header field implies IPv4, and so on. */
	public record FamilyIs(boolean ipv6, String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			return Tri.of(probe.ipv6() == ipv6);
		}
	}

	/**
	 * A destination or source port condition. A port field of a named protocol ({@code udp dport})
	 * also requires that protocol; {@code th dport} (any transport header) does not.
	 */
	public record PortIs(boolean destination, PortSet ports, boolean negated, String protocol, String text)
			implements Match {
		@Override
		public Tri test(Probe probe) {
			if (protocol != null && !protocol.equals(probe.protocolName())) {
				return Tri.NO;
			}
			if (destination) {
				return Tri.of(ports.contains(probe.port())).negatedIf(negated);
			}
			// The far end's source port is not part of the question.
			if (ports.isEmpty()) {
				return Tri.of(negated);
			}
			return ports.complement().isEmpty() ? Tri.of(!negated) : Tri.MAYBE;
		}

		@Override
		public void boundaries(TransportProtocol asked, IntConsumer boundary) {
			if (destination && (protocol == null || protocol.equals(asked.name().toLowerCase(Locale.ROOT)))) {
				ports.boundaries(boundary);
			}
		}
	}

	/**
	 * A source or destination address condition. The far end's address is the question's remote
	 * address; this host's own address is never fixed by a question.
	 *
	 * @param family 4 or 6 when the field belongs to that family's header, 0 when not
	 */
	public record AddressIs(boolean source, int family, List<IPAddress> prefixes, List<IPAddress[]> ranges,
			boolean negated, String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			if (family == 4 && probe.ipv6() || family == 6 && !probe.ipv6()) {
				return Tri.NO;
			}
			boolean remoteSide = source == (probe.direction() == TrafficDirection.INBOUND);
			if (!remoteSide || probe.remote().isEmpty()) {
				return Tri.MAYBE;
			}
			IPAddress remote = probe.remote().get();
			boolean in = prefixes.stream().anyMatch(p -> Addresses.contains(p, remote))
					|| ranges.stream().anyMatch(r -> Addresses.inRange(r[0], r[1], remote));
			return Tri.of(in).negatedIf(negated);
		}
	}

	/**
	 * Connection tracking state: the first packet of a call's media is NEW; before conntrack has seen
	 * it (raw priority on prerouting) the kernel reads its state as INVALID.
	 */
	public record CtStateIs(Set<String> states, boolean negated, String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			return Tri.of(states.contains(probe.beforeConntrack() ? "invalid" : "new")).negatedIf(negated);
		}
	}

	/**
	 * An interface name. Traffic from another host (any remote address but loopback, or none given:
	 * the question is about a far end) never arrives on loopback, so a loopback rule does not match
	 * it; any other name depends on which interface the traffic uses, which the question does not say.
	 */
	public record InterfaceIs(Set<String> names, boolean negated, String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			if (!probe.remoteIsLoopback() && names.stream().allMatch(Matches::isLoopbackName)) {
				return Tri.of(negated);
			}
			return Tri.MAYBE;
		}
	}

	/** A field of a protocol's header (tcp flags): holds only for that protocol, and then undecided. */
	public record ProtocolField(String protocol, String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			return protocol.equals(probe.protocolName()) ? Tri.MAYBE : Tri.NO;
		}
	}

	/** A condition this analysis does not judge (marks, rates, sets it cannot read): undecided. */
	public record Undecided(String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			return Tri.MAYBE;
		}
	}

	/** A condition that never holds for UDP or TCP traffic (an ICMP type, say). */
	public record Never(String text) implements Match {
		@Override
		public Tri test(Probe probe) {
			return Tri.NO;
		}
	}

	static boolean isLoopbackName(String name) {
		return name.equals("lo") || name.equals("lo0");
	}
}
