/**
 * The port-probe service: TCP signalling, UDP media ranges in both directions, full ICE, and a
 * voice-like packet stream, each result saying which packets got through in which direction.
 *
 * <p>1.1: {@code PortProbeService.probeStream} and its records.
 * <p>1.2: the requests that talk to a responder carry its certificate pin ({@code responderFingerprint}).
 */
@Export
@Version("1.2.0")
package org.mediapath.api.probe;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
