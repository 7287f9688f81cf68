package org.mediapath.api.probe;

import java.util.Objects;

/**
 * What the far end saw of this client's address: whether the client sits behind NAT, and how its
 * NAT maps ports. Most softphones sit behind NAT and their calls work: this is information, never a
 * cause by itself.
 *
 * @param localAddress the address the client's checks left from
 * @param mappedAddress the address the server saw them come from
 * @param mapping how the NAT keeps its public port when the destination port changes
 * @since 1.2
 */
public record NatObservation(String localAddress, String mappedAddress, NatMapping mapping) {

	/** How a NAT maps one client port when the same socket talks to several server ports (RFC 4787). */
	public enum NatMapping {
		/** No NAT: the server sees the client's own address. */
		NONE,
		/** One public port per client port, whatever the destination: peers can reach it without a relay. */
		ENDPOINT_INDEPENDENT,
		/** A new public port per destination ("symmetric"): softphone-to-softphone media needs a TURN relay. */
		ADDRESS_PORT_DEPENDENT,
		/** Too few answers came back to tell. */
		UNKNOWN
	}

	/** @throws NullPointerException if a component is null */
	public NatObservation {
		Objects.requireNonNull(localAddress, "localAddress");
		Objects.requireNonNull(mappedAddress, "mappedAddress");
		Objects.requireNonNull(mapping, "mapping");
	}

	/** @return whether the server saw another address than the client's own */
	public boolean behindNat() {
		return !localAddress.equals(mappedAddress);
	}
}
