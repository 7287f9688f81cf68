package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The responder's web port as a PBX exposes it to users' networks: only the browser test answers there
 * (never the Web Console, whose default login would be a gift), over HTTP or over HTTPS with the
 * operator's own certificate in Felix HTTP's key store settings, and a bad option is a usage error.
 */
class ResponderWebPortIT {

	@TempDir
	Path home;

	@Test
	void httpsWithTheOperatorsKeyStoreServesOnlyTheBrowserTest() throws Exception {
		Path keystore = home.resolve("web.p12");
		String password = "web-store-pass";
		// the operator's certificate, made as an operator would: keytool, a fixed argument vector, no shell
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", password, "-keypass", password).redirectErrorStream(true).start();
		assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
				new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		Path passwordFile = Files.writeString(home.resolve("web.pass"), password + "\n");
		Path secret = Files.writeString(home.resolve("secret"), "0123456789abcdef0123456789abcdef\n");
		int webPort = MediapathJar.freePort();
		int controlPort = MediapathJar.freePort();
		Process responder = MediapathJar.start(home, "responder", "--bind", "127.0.0.1", "--udp-ports", "41000-41020",
				"--control-port", String.valueOf(controlPort), "--secret-file", secret.toString(), "--identity-dir",
				home.resolve("id").toString(), "--web-port", String.valueOf(webPort), "--web-keystore", keystore.toString(),
				"--web-keystore-password-file", passwordFile.toString());
		MediapathJar.Output out = MediapathJar.Output.of(responder.getInputStream());
		MediapathJar.Output err = MediapathJar.Output.of(responder.getErrorStream());
		try {
			assertTrue(out.awaitContains("user's-browser test on https://127.0.0.1:" + webPort, Duration.ofSeconds(40)),
					"ready line: " + out + err);
			HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore, password))
					.connectTimeout(Duration.ofSeconds(5)).build();
			HttpResponse<String> forged = client.send(HttpRequest.newBuilder(
					URI.create("https://127.0.0.1:" + webPort + "/browser-test/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertEquals(404, forged.statusCode());
			assertTrue(forged.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
			assertTrue(forged.body().contains("<!DOCTYPE html>"), "a page in plain words, no stack trace");
			assertFalse(forged.body().contains("Exception"));
			assertTrue(forged.headers().firstValue("Server").isEmpty(), "no server version on a port facing users");
			for (String path : List.of("/system/console", "/system/console/bundles", "/system/console/mediapath", "/")) {
				HttpResponse<String> console = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + webPort + path))
						.header("Authorization", MediapathJar.basic(MediapathJar.LOGIN)).build(), HttpResponse.BodyHandlers.ofString());
				assertEquals(404, console.statusCode(), path + " must not answer on the web port");
			}
			// plain HTTP is not served on the HTTPS port
			HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			boolean plainServed;
			try {
				plainServed = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/browser-test/t/x"))
						.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 404;
			} catch (java.io.IOException refused) {
				plainServed = false;
			}
			assertFalse(plainServed);
		} finally {
			MediapathJar.stop(responder);
		}
	}

	@Test
	void webOptionsAreCheckedNamingTheOption() throws Exception {
		Path secret = Files.writeString(home.resolve("secret"), "0123456789abcdef0123456789abcdef\n");
		String[][] cases = { { "--web-port", "70000" }, { "--web-port", "8089", "--web-url", "ftp://x" },
				{ "--web-port", "8089", "--web-keystore", home.resolve("missing.p12").toString(), "--web-keystore-password-file",
						secret.toString() },
				{ "--web-url", "http://pbx.example.com" } };
		String[] expected = { "--web-port", "--web-url", "--web-keystore", "--web-port" };
		for (int i = 0; i < cases.length; i++) {
			List<String> args = new java.util.ArrayList<>(List.of("responder", "--bind", "127.0.0.1", "--udp-ports", "41000-41020",
					"--control-port", String.valueOf(MediapathJar.freePort()), "--secret-file", secret.toString(), "--identity-dir",
					home.resolve("id").toString()));
			args.addAll(List.of(cases[i]));
			MediapathJar.Result result = MediapathJar.run(home, args.toArray(String[]::new));
			assertEquals(2, result.exitCode(), result.toString());
			assertTrue(result.err().contains(expected[i]), result.err());
		}
	}

	private static SSLContext trusting(Path keystore, String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, password.toCharArray());
		}
		Certificate certificate = store.getCertificate("web");
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("web", certificate);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}
}
