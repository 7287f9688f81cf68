package org.mediapath.protocol;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.mediapath.api.net.Fingerprints;

/**
 * The control channel's TLS: version 1.3 only, JSSE's own record layer and handshake, and trust by
 * pin: the client accepts exactly the responder certificate whose SHA-256 fingerprint it was given,
 * whatever signed it (a responder's certificate is self-signed; no certificate authority vouches for
 * a PBX's control port). Without a pin it accepts none, and says which fingerprint it saw.
 */
public final class ControlTls {

	/** The one protocol version the control channel speaks. */
	public static final String PROTOCOL = "TLSv1.3";
	/** The first byte of a TLS handshake record (a ClientHello starts with it). */
	public static final int HANDSHAKE_RECORD = 0x16;

	private ControlTls() {
	}

	/**
	 * @param certificate a certificate
	 * @return the SHA-256 digest of its DER encoding, in canonical form (upper case, colons)
	 */
	public static String fingerprint(Certificate certificate) {
		return Fingerprints.format(digest(certificate));
	}

	/**
	 * @param certificate a certificate
	 * @return the SHA-256 digest of its DER encoding: what the proofs of {@link ChallengeResponse} cover
	 */
	public static byte[] digest(Certificate certificate) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		} catch (NoSuchAlgorithmException | CertificateEncodingException e) {
			throw new IllegalStateException("SHA-256 of a parsed certificate cannot fail", e);
		}
	}

	/**
	 * The responder's side: its key and certificate chain.
	 *
	 * @param key the private key
	 * @param chain its certificate first, then any issuers
	 * @return a context for server sockets
	 * @throws GeneralSecurityException if the key does not fit the runtime's providers
	 */
	public static SSLContext serverContext(PrivateKey key, X509Certificate[] chain) throws GeneralSecurityException {
		try {
			char[] password = new char[0];
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("responder", key, password, chain);
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, password);
			SSLContext context = SSLContext.getInstance(PROTOCOL);
			context.init(keys.getKeyManagers(), null, new SecureRandom());
			return context;
		} catch (IOException e) {
			throw new GeneralSecurityException("in-memory key store: " + e.getMessage(), e);
		}
	}

	/**
	 * The client's side: trusts exactly the pinned certificate.
	 *
	 * @param pin the canonical SHA-256 fingerprint, or null for none (then every certificate is refused)
	 * @return the trust manager, which remembers the fingerprint it was shown
	 */
	static PinningTrustManager pinning(String pin) {
		return new PinningTrustManager(pin);
	}

	static SSLContext clientContext(PinningTrustManager trust) {
		try {
			SSLContext context = SSLContext.getInstance(PROTOCOL);
			context.init(null, new TrustManager[] { trust }, new SecureRandom());
			return context;
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("TLS 1.3 is part of every Java 17 runtime", e);
		}
	}

	/**
	 * @param socket a TLS socket
	 * @return it, limited to TLS 1.3
	 */
	public static SSLSocket onlyTls13(SSLSocket socket) {
		socket.setEnabledProtocols(new String[] { PROTOCOL });
		return socket;
	}

	/**
	 * @param session an established session
	 * @return the SHA-256 digest of the server's own certificate in it (the one the client pinned)
	 * @throws SSLPeerUnverifiedException if the session has none
	 */
	static byte[] peerCertificateDigest(SSLSession session) throws SSLPeerUnverifiedException {
		return digest(session.getPeerCertificates()[0]);
	}

	/** Why the client did not trust the responder's certificate: no pin, or another one. */
	static final class UntrustedCertificate extends CertificateException {
		private static final long serialVersionUID = 1L;
		final String seen;
		final String pinned;

		UntrustedCertificate(String seen, String pinned) {
			super(pinned == null ? "no pin for certificate " + seen : "certificate " + seen + " is not the pinned " + pinned);
			this.seen = seen;
			this.pinned = pinned;
		}
	}

	/** Accepts the one certificate whose fingerprint is pinned; never a client certificate. */
	static final class PinningTrustManager extends X509ExtendedTrustManager {
		private final String pin;
		private volatile UntrustedCertificate refusal;

		PinningTrustManager(String pin) {
			this.pin = pin;
		}

		/** @return why the last handshake's certificate was refused, or null */
		UntrustedCertificate refusal() {
			return refusal;
		}

		private void check(X509Certificate[] chain) throws CertificateException {
			if (chain == null || chain.length == 0) {
				throw new CertificateException("the responder sent no certificate");
			}
			String seen = fingerprint(chain[0]);
			// the comparison runs on public values (fingerprints), so its timing tells nothing secret
			if (pin == null || !pin.equals(seen)) {
				refusal = new UntrustedCertificate(seen, pin);
				throw refusal;
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
			check(chain);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
			check(chain);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			check(chain);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
			throw new CertificateException("the control channel's client has no certificate");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
			throw new CertificateException("the control channel's client has no certificate");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("the control channel's client has no certificate");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}
	}
}
