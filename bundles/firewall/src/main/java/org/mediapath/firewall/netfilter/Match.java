package org.mediapath.firewall.netfilter;

import java.util.function.IntConsumer;

import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Tri;

/** One condition of a netfilter rule. */
public interface Match {

	/** @return whether it holds for the probe; {@link Tri#MAYBE} when the question does not fix it */
	Tri test(Probe probe);

	/** Reports the ports where this condition changes, for the asked protocol. */
	default void boundaries(TransportProtocol protocol, IntConsumer boundary) {
	}

	/** @return the condition as the ruleset wrote it */
	String text();
}
