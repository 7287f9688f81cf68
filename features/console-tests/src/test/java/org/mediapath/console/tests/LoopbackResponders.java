package org.mediapath.console.tests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.mediapath.api.net.PortRange;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A responder on 127.0.0.1 started as an operator starts one: by a configuration of its PID. */
final class LoopbackResponders {

	static final String PID = "org.mediapath.responder";

	private LoopbackResponders() {
	}

	/**
	 * @return the configuration; delete it to stop the responder
	 */
	static Configuration configure(ConfigurationAdmin configurationAdmin, PortRange udpPorts, int controlPort,
			java.nio.file.Path secretFile) throws IOException {
		Configuration responder = configurationAdmin.getConfiguration(PID, "?");
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("bind.address", "127.0.0.1");
		properties.put("udp.ports", udpPorts.toString());
		properties.put("control.port", controlPort);
		properties.put("secret.file", secretFile.toString());
		properties.put("identity.dir", identityDir(secretFile).toString());
		responder.update(properties);
		return responder;
	}

	/** The responder keeps its TLS identity beside the test's secret file. */
	static java.nio.file.Path identityDir(java.nio.file.Path secretFile) {
		return java.nio.file.Path.of(secretFile + ".identity");
	}

	/**
	 * @return the fingerprint of the certificate the configured responder generated, as an operator reads
	 *         it from the responder's folder (or its ready line), once the file is there
	 */
	static String fingerprint(java.nio.file.Path secretFile) throws Exception {
		java.nio.file.Path certificate = identityDir(secretFile).resolve("control-certificate.pem");
		for (int i = 0; i < 400 && !java.nio.file.Files.isRegularFile(certificate); i++) {
			Thread.sleep(25);
		}
		try (java.io.InputStream in = java.nio.file.Files.newInputStream(certificate)) {
			java.security.cert.Certificate parsed = java.security.cert.CertificateFactory.getInstance("X.509")
					.generateCertificate(in);
			return org.mediapath.api.net.Fingerprints.format(
					java.security.MessageDigest.getInstance("SHA-256").digest(parsed.getEncoded()));
		}
	}

	/** Deletes the secret file and the identity the responder kept beside it. */
	static void deleteFiles(java.nio.file.Path secretFile) throws IOException {
		java.nio.file.Files.deleteIfExists(secretFile);
		java.nio.file.Path identity = identityDir(secretFile);
		if (java.nio.file.Files.isDirectory(identity)) {
			try (var files = java.nio.file.Files.list(identity)) {
				for (java.nio.file.Path f : files.toList()) {
					java.nio.file.Files.delete(f);
				}
			}
			java.nio.file.Files.delete(identity);
		}
	}
}
