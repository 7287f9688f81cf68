/**
 * The wire formats shared by the probe and the responder: a bounded STUN codec
 * ({@link org.mediapath.protocol.Stun}), the control channel's frames and messages
 * ({@link org.mediapath.protocol.Frames}, {@link org.mediapath.protocol.ControlMessage},
 * {@link org.mediapath.protocol.ControlCodec}), its TLS 1.3 with a pinned responder certificate
 * ({@link org.mediapath.protocol.ControlTls}) and its HMAC-SHA256 challenge-response bound to that
 * certificate ({@link org.mediapath.protocol.ChallengeResponse}). Every decoder names what was wrong in a
 * {@link org.mediapath.protocol.ProtocolException} and never reads past its input.
 *
 * <p>2.0: the control channel runs inside TLS ({@code ControlClient.connect} takes the certificate pin,
 * the proofs of {@code ChallengeResponse} cover the certificate); {@code ControlTls} and
 * {@code LegacyProtocol} are new.
 */
@Export
@Version("2.0.0")
package org.mediapath.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
