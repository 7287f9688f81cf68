package org.mediapath.responder;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mediapath.protocol.ControlTls;

/**
 * The responder's TLS identity: its private key and certificate, and the certificate's SHA-256
 * fingerprint that clients pin. Either generated on first start (an EC P-256 key and a self-signed
 * certificate made with Bouncy Castle, kept as PEM files readable by the owner only in the
 * responder's identity folder, and reused on every later start, so the pin stays valid), or an
 * operator's own key store.
 *
 * @param key the private key
 * @param chain the certificate first, then any issuers
 * @param fingerprint the SHA-256 fingerprint of the certificate, canonical form
 * @param source where it came from, for the status line
 */
public record ResponderIdentity(PrivateKey key, X509Certificate[] chain, String fingerprint, String source) {

	static final String KEY_FILE = "control-key.pem";
	static final String CERTIFICATE_FILE = "control-certificate.pem";
	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	/** @throws IllegalArgumentException if the chain is empty */
	public ResponderIdentity {
		if (chain.length == 0) {
			throw new IllegalArgumentException("a TLS identity needs its certificate");
		}
		chain = chain.clone();
	}

	@Override
	public X509Certificate[] chain() {
		return chain.clone();
	}

	/** @return a TLS 1.3 server context with this key and chain */
	SSLContext serverContext() {
		try {
			return ControlTls.serverContext(key, chain);
		} catch (GeneralSecurityException e) {
			throw new IllegalArgumentException(source + ": the key cannot serve TLS (" + e.getMessage() + ")", e);
		}
	}

	/**
	 * Loads the identity kept in the folder, or generates and keeps one there if the folder holds none.
	 *
	 * @param field the option or setting that named the folder, for error messages
	 * @param folder the folder (created owner-only if missing)
	 * @return the identity
	 * @throws IllegalArgumentException naming the field, if the folder or its files cannot be used
	 */
	public static ResponderIdentity loadOrCreate(String field, Path folder) {
		Path keyFile = folder.resolve(KEY_FILE);
		Path certificateFile = folder.resolve(CERTIFICATE_FILE);
		try {
			if (Files.exists(keyFile) || Files.exists(certificateFile)) {
				return load(field, keyFile, certificateFile);
			}
			createOwnerOnly(folder);
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			X509Certificate certificate = selfSigned(pair);
			// the key first, then the certificate: a half-written pair is told apart on the next start
			writeOwnerOnly(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
			writeOwnerOnly(certificateFile, pem(certificate));
			return new ResponderIdentity(pair.getPrivate(), new X509Certificate[] { certificate },
					ControlTls.fingerprint(certificate), "generated " + certificateFile);
		} catch (IOException | GeneralSecurityException | OperatorCreationException e) {
			throw new IllegalArgumentException(field + " " + folder + ": the responder's TLS identity cannot be kept there ("
					+ e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
		}
	}

	/**
	 * An operator's own key and certificate, from a PKCS#12 or JKS key store (the first key entry).
	 *
	 * @param field the option or setting that named the file
	 * @param file the key store
	 * @param password its password (also the key's)
	 * @return the identity
	 * @throws IllegalArgumentException naming the field, if the store cannot be read or holds no key
	 */
	public static ResponderIdentity fromKeyStore(String field, Path file, char[] password) {
		try {
			KeyStore store = KeyStore.getInstance(file.toFile(), password);
			for (String alias : Collections.list(store.aliases())) {
				if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof PrivateKey key) {
					Certificate[] chain = store.getCertificateChain(alias);
					if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
						continue;
					}
					X509Certificate[] x509 = java.util.Arrays.stream(chain).map(X509Certificate.class::cast)
							.toArray(X509Certificate[]::new);
					return new ResponderIdentity(key, x509, ControlTls.fingerprint(x509[0]),
							"key store " + file + " (alias " + alias + ")");
				}
			}
			throw new IllegalArgumentException(field + " " + file + ": holds no private key with an X.509 certificate");
		} catch (IOException | GeneralSecurityException e) {
			throw new IllegalArgumentException(field + " " + file + ": cannot be read as a PKCS#12 or JKS key store with"
					+ " the password given (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
		}
	}

	private static ResponderIdentity load(String field, Path keyFile, Path certificateFile)
			throws IOException, GeneralSecurityException {
		for (Path file : new Path[] { keyFile, certificateFile }) {
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException(field + ": " + file + " is missing while its partner file exists;"
						+ " delete both to have a new identity generated (clients must then pin the new fingerprint)");
			}
		}
		if (Files.getFileAttributeView(keyFile, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
			if (!OWNER_ONLY_FILE.containsAll(permissions)) {
				throw new IllegalArgumentException(field + ": " + keyFile + " is readable by others ("
						+ PosixFilePermissions.toString(permissions) + "); make it owner-only (chmod 600)");
			}
		}
		PrivateKey key;
		try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
			Object read = parser.readObject();
			if (read instanceof PrivateKeyInfo info) {
				key = new JcaPEMKeyConverter().getPrivateKey(info);
			} else if (read instanceof PEMKeyPair pair) { // "EC PRIVATE KEY", as openssl ecparam writes it
				key = new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
			} else {
				throw new IllegalArgumentException(field + ": " + keyFile + " holds no unencrypted private key in PEM");
			}
		}
		X509Certificate certificate;
		try (Reader reader = Files.newBufferedReader(certificateFile, StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(reader)) {
			Object read = parser.readObject();
			if (!(read instanceof X509CertificateHolder holder)) {
				throw new IllegalArgumentException(field + ": " + certificateFile + " holds no certificate");
			}
			certificate = new JcaX509CertificateConverter().getCertificate(holder);
		}
		return new ResponderIdentity(key, new X509Certificate[] { certificate }, ControlTls.fingerprint(certificate),
				"kept in " + certificateFile);
	}

	private static X509Certificate selfSigned(KeyPair pair) throws OperatorCreationException, GeneralSecurityException {
		X500Name name = new X500Name("CN=mediapath responder");
		Instant now = Instant.now();
		byte[] serial = new byte[16];
		new SecureRandom().nextBytes(serial);
		// long-lived on purpose: clients trust it by its pin, not by its dates, and a new one means new pins
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial),
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(20 * 366))), name,
				pair.getPublic());
		return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
	}

	private static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	private static void createOwnerOnly(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		try {
			Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
		} catch (UnsupportedOperationException notPosix) {
			Files.createDirectories(folder); // Windows: the folder lies under the user's own profile
		}
	}

	private static void writeOwnerOnly(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(temporary);
		try {
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		} catch (UnsupportedOperationException notPosix) {
			Files.createFile(temporary);
		} catch (FileAlreadyExistsException raced) {
			throw new IOException(temporary + " appeared while it was being written: is another responder starting?");
		}
		try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII)) {
			writer.write(text);
		}
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(temporary, file);
		}
	}
}
