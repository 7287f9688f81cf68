package org.mediapath.firewall.core;

import java.util.List;
import java.util.function.IntConsumer;

import org.mediapath.api.firewall.TransportProtocol;

/** One firewall's parsed configuration, able to judge a single port. */
public interface Ruleset {

	/** @return the format it was read from, as a user names it ({@code nft list ruleset}) */
	String format();

	/** @return what the input cannot show or what was not understood */
	List<String> warnings();

	/**
	 * Reports the ports where a rule's port condition starts or stops holding: between two such
	 * ports every port is judged alike, so one port per stretch is enough.
	 *
	 * @param protocol the asked protocol
	 * @param boundary receives port numbers at which a new stretch begins
	 */
	void boundaries(TransportProtocol protocol, IntConsumer boundary);

	/**
	 * @param probe the traffic of one port
	 * @return the verdict with its deciding rule
	 */
	Decision judge(Probe probe);
}
