package org.mediapath.api.probe;

import java.time.Duration;

import org.mediapath.api.net.HostAndPort;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reproduces what a softphone's WebRTC stack does after "Accept" and says which packets got
 * through in which direction. Implemented by the probe bundle.
 *
 * <p>Promises: every method returns within its bound with a result rather than hanging; traffic
 * goes only to the addresses named in the request; packet rates stay under the configured cap.
 * Bad input (an unresolvable host is a result, not bad input) throws
 * {@link IllegalArgumentException} naming the field.
 */
@ProviderType
public interface PortProbeService {

	/**
	 * Probes the TCP signalling port.
	 *
	 * @param target the server and its signalling port
	 * @param timeout the connect timeout of one attempt
	 * @param attempts how many attempts to make (at least 1)
	 * @return the outcome with connect-time statistics
	 */
	SignallingProbe probeSignalling(HostAndPort target, Duration timeout, int attempts);

	/**
	 * Probes UDP media ports with STUN checks, in both directions when a responder takes part.
	 *
	 * @param request the ranges, the responder, and the sweep mode
	 * @return the per-direction outcomes compressed into runs
	 */
	UdpRangeProbe probeUdpRange(UdpRangeProbeRequest request);

	/**
	 * Runs a full ICE exchange against a responder's agent, as a softphone would.
	 *
	 * @param request the responder and the ranges
	 * @return the state timeline, every pair, and the outcome, known within the request's bound
	 */
	IceProbe probeIce(IceProbeRequest request);

	/**
	 * Streams voice-sized packets at a steady rate over one media port pair through a responder,
	 * which answers each: loss per direction, round-trip time and jitter on the media path itself.
	 * Returns after the stream's length plus a short wait for the last answers.
	 *
	 * @param request the responder, the ports, the rate, the length and the packet size
	 * @return every packet and its answer, and the responder's count of what arrived
	 * @since 1.1
	 */
	StreamProbe probeStream(StreamProbeRequest request);
}
