package org.mediapath.route.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.route.RouteEntry;
import org.mediapath.route.model.RejectRoute;

import inet.ipaddr.IPAddress;
import inet.ipaddr.format.util.AssociativeAddressTrie.AssociativeTrieNode;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;

/**
 * One routing table as a prefix trie: the longest-prefix match is a walk down the trie rather than
 * a scan comparing every route, and the routes sharing the winning prefix come back together so
 * that the metric can decide among them.
 */
final class PrefixTable {

	/** A row of the table: a forwarding route or a reject route, with its position for stable ties. */
	record Candidate(RouteEntry route, RejectRoute reject, long metric, int order) {

		String destination() {
			return route != null ? route.destination() : reject.destination();
		}
	}

	/** @param prefixLength the winning prefix's length; @param candidates every row with that prefix, best first */
	record Match(int prefixLength, List<Candidate> candidates) {

		Candidate best() {
			return candidates.get(0);
		}
	}

	private final IPv4AddressAssociativeTrie<List<Candidate>> v4 = new IPv4AddressAssociativeTrie<>();
	private final IPv6AddressAssociativeTrie<List<Candidate>> v6 = new IPv6AddressAssociativeTrie<>();
	private int size;

	void add(IPAddress block, Candidate candidate) {
		List<Candidate> list;
		if (block.isIPv4()) {
			IPv4Address key = block.toIPv4();
			list = v4.get(key);
			if (list == null) {
				list = new ArrayList<>();
				v4.put(key, list);
			}
		} else {
			IPv6Address key = block.toIPv6();
			list = v6.get(key);
			if (list == null) {
				list = new ArrayList<>();
				v6.put(key, list);
			}
		}
		list.add(candidate);
		size++;
	}

	int size() {
		return size;
	}

	Optional<Match> longestMatch(IPAddress target) {
		AssociativeTrieNode<? extends IPAddress, List<Candidate>> node = target.isIPv4()
				? v4.longestPrefixMatchNode(target.toIPv4())
				: v6.longestPrefixMatchNode(target.toIPv6());
		if (node == null || node.getValue() == null || node.getValue().isEmpty()) {
			return Optional.empty();
		}
		List<Candidate> sorted = new ArrayList<>(node.getValue());
		// Lowest metric wins; on a tie, the row listed first, as the outputs list routes in kernel order.
		sorted.sort((a, b) -> a.metric() != b.metric() ? Long.compare(a.metric(), b.metric())
				: Integer.compare(a.order(), b.order()));
		Integer length = node.getKey().getNetworkPrefixLength();
		return Optional.of(new Match(length == null ? node.getKey().getBitCount() : length, sorted));
	}
}
