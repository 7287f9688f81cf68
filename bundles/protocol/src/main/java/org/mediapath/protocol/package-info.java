/**
 * The wire formats shared by the probe and the responder: a bounded STUN codec
 * ({@link org.mediapath.protocol.Stun}), the control channel's frames and messages
 * ({@link org.mediapath.protocol.Frames}, {@link org.mediapath.protocol.ControlMessage},
 * {@link org.mediapath.protocol.ControlCodec}) and its HMAC-SHA256 challenge-response
 * ({@link org.mediapath.protocol.ChallengeResponse}). Every decoder names what was wrong in a
 * {@link org.mediapath.protocol.ProtocolException} and never reads past its input.
 */
@Export
@Version("1.1.0")
package org.mediapath.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
