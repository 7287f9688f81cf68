package org.mediapath.responder.browser;

/**
 * What the page's {@code getStats()} says of the candidate pair toward one PBX port (the last
 * snapshot it saw: after Chrome's own failure the pair vanishes from the stats).
 *
 * @param port the PBX's media port the RTCPeerConnection was made for
 * @param pairState the pair's state ({@code frozen}, {@code waiting}, {@code in-progress}, {@code succeeded},
 *        {@code failed}), or "" when the page saw no pair
 * @param requestsSent connectivity checks the browser sent
 * @param responsesReceived answers it received
 * @param requestsReceived checks from the PBX it received
 * @param roundTripSeconds the pair's current round trip, NaN when not known
 * @param localCandidateType the pair's local candidate type (host, srflx, prflx, relay) or ""
 * @param connectionState the RTCPeerConnection's connectionState (new, connecting, connected, failed, ...)
 */
public record PairReport(int port, String pairState, long requestsSent, long responsesReceived, long requestsReceived,
		double roundTripSeconds, String localCandidateType, String connectionState) {
}
