package org.mediapath.api.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a UDP range probe.
 *
 * @param request what was asked
 * @param cooperative whether a responder took part (then SILENT is conclusive)
 * @param directions one result per direction probed (server-to-client needs a responder)
 * @param caveats what this probe could not know, in plain words (ICMP rate limiting, no responder)
 * @param duration how long the probe ran
 * @param nat what the responder saw of the client's address, when a responder took part and saw it
 * @param mediaAddress the address the checks went to when it is not the server address asked for: the
 *        address the responder's ports are bound on or that a PBX behind NAT announces, where media goes
 * @since 1.2 (nat, mediaAddress)
 */
public record UdpRangeProbe(UdpRangeProbeRequest request, boolean cooperative, List<DirectionResult> directions,
		List<String> caveats, Duration duration, Optional<NatObservation> nat, Optional<String> mediaAddress) {

	/** A probe that saw nothing of the client's address and sent its checks to the server address asked for. */
	public UdpRangeProbe(UdpRangeProbeRequest request, boolean cooperative, List<DirectionResult> directions,
			List<String> caveats, Duration duration) {
		this(request, cooperative, directions, caveats, duration, Optional.empty(), Optional.empty());
	}

	/** @throws NullPointerException if a component is null */
	public UdpRangeProbe {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(nat, "nat");
		Objects.requireNonNull(mediaAddress, "mediaAddress");
		directions = List.copyOf(directions);
		caveats = List.copyOf(caveats);
	}
}
