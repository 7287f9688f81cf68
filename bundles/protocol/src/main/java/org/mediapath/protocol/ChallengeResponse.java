package org.mediapath.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual HMAC-SHA256 challenge-response over the pre-shared secret, inside the control channel's
 * TLS session and bound to it. The server sends a nonce; the client answers with its own nonce and
 * HMAC(secret, "client" | certificate | server nonce | client nonce); the server proves itself with
 * HMAC(secret, "server" | certificate | client nonce | server nonce), where certificate is the
 * SHA-256 digest of the responder's TLS certificate as each side sees it (the client: the one it
 * pinned and received; the responder: its own). A relay that terminates TLS with another
 * certificate therefore gets a proof that the responder behind it rejects, and cannot pass one on.
 * (Java 17's TLS offers no keying-material exporter, so the certificate is the binding.) Only
 * nonces and MACs cross the wire, never the secret, and the distinct labels keep one side's proof
 * from being replayed as the other's.
 */
public final class ChallengeResponse {

	/** Nonce size in bytes. */
	public static final int NONCE_SIZE = 32;
	/** MAC size in bytes. */
	public static final int MAC_SIZE = 32;
	/** The shortest secret accepted: shorter ones are guessable offline from one recorded exchange. */
	public static final int MIN_SECRET_BYTES = 16;

	private static final byte[] CLIENT_LABEL = "mediapath-control-v2 client".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] SERVER_LABEL = "mediapath-control-v2 server".getBytes(StandardCharsets.US_ASCII);

	private final byte[] secret;
	private final SecureRandom random = new SecureRandom();

	/**
	 * @param secret the pre-shared secret
	 * @throws IllegalArgumentException if it is shorter than {@link #MIN_SECRET_BYTES}
	 */
	public ChallengeResponse(byte[] secret) {
		if (secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("secret: " + secret.length + " bytes is shorter than the "
					+ MIN_SECRET_BYTES + " bytes required");
		}
		this.secret = secret.clone();
	}

	/** @return a fresh random nonce */
	public byte[] nonce() {
		byte[] nonce = new byte[NONCE_SIZE];
		random.nextBytes(nonce);
		return nonce;
	}

	/**
	 * @param certificate the SHA-256 digest of the responder's TLS certificate
	 * @param serverNonce the server's challenge
	 * @param clientNonce the client's nonce
	 * @return the client's proof
	 */
	public byte[] clientProof(byte[] certificate, byte[] serverNonce, byte[] clientNonce) {
		return mac(CLIENT_LABEL, certificate, serverNonce, clientNonce);
	}

	/**
	 * @param certificate the SHA-256 digest of the responder's TLS certificate
	 * @param clientNonce the client's nonce
	 * @param serverNonce the server's challenge
	 * @return the server's proof
	 */
	public byte[] serverProof(byte[] certificate, byte[] clientNonce, byte[] serverNonce) {
		return mac(SERVER_LABEL, certificate, clientNonce, serverNonce);
	}

	/**
	 * Compares in constant time, so that the time of a failed check tells nothing.
	 *
	 * @param expected the expected MAC
	 * @param actual the received MAC
	 * @return whether they are equal
	 */
	public static boolean matches(byte[] expected, byte[] actual) {
		return MessageDigest.isEqual(expected, actual);
	}

	private byte[] mac(byte[] label, byte[] certificate, byte[] first, byte[] second) {
		if (certificate.length != 32) {
			throw new IllegalArgumentException("certificate digest: " + certificate.length + " bytes, SHA-256 has 32");
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			mac.update(label);
			mac.update(certificate);
			mac.update(first);
			mac.update(second);
			return mac.doFinal();
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
		}
	}
}
