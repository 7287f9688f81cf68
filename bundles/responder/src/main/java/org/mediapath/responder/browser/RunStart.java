package org.mediapath.responder.browser;

import java.time.Duration;

/**
 * The answer to the page's start: the run, the key that proves later requests come from the same page,
 * and the ports to test.
 *
 * @param runId the run's id
 * @param runKey a secret only this page knows: every offer and report carries it
 * @param mediaAddress the address the ports are offered on (for the page's progress text)
 * @param ports the PBX's media ports to test, ascending; one RTCPeerConnection each
 * @param reportEvery how often the page reports its counts
 * @param deadline the longest the run may take; the page reports a last time then
 */
public record RunStart(String runId, String runKey, String mediaAddress, int[] ports, Duration reportEvery,
		Duration deadline) {
}
