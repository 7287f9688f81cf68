package org.mediapath.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Starts {@code target/mediapath.jar} as a user does ({@code java -jar mediapath.jar ...}), with a
 * home directory of the test's own, so that nothing is read from a Maven repository or from an
 * earlier run. Shared by the integration tests of the standalone console.
 */
final class MediapathJar {

	static final Path JAR = Path.of(System.getProperty("mediapath.jar", "target/mediapath.jar"));
	/** The login {@code mediapath console} prints when no password file is given. */
	static final String LOGIN = "admin:admin";

	private MediapathJar() {
	}

	/** The argument vector {@code java -Duser.home=HOME ... -jar mediapath.jar ARGUMENTS}. */
	static List<String> command(Path home, String... arguments) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Duser.home=" + home, "-Dfelix.fileinstall.dir=" + home.resolve("load"), "-jar",
				JAR.toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	static Process start(Path home, String... arguments) throws IOException {
		return new ProcessBuilder(command(home, arguments)).directory(home.toFile()).start();
	}

	/** Runs a subcommand to its end (30 s at most) and collects what it printed. */
	static Result run(Path home, String... arguments) throws Exception {
		Process process = start(home, arguments);
		process.getOutputStream().close();
		Output out = Output.of(process.getInputStream());
		Output err = Output.of(process.getErrorStream());
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("did not exit within 30 s: " + out + err);
		}
		Thread.sleep(50); // lets the reader threads take the last bytes of the closed pipes
		return new Result(process.exitValue(), out.text(), err.text());
	}

	/** Stops a console: SIGTERM lets the framework stop its bundles (the loopback secret file goes too). */
	static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * Waits until the Web Console lists every bundle (fragments aside) as Active.
	 *
	 * @return the Web Console's bundles.json
	 */
	static JsonObject awaitAllActive(int port, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = get(port, "/system/console/bundles.json", LOGIN);
				if (response.statusCode() == 200) {
					JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
					List<String> notActive = new ArrayList<>();
					for (JsonElement bundle : json.getAsJsonArray("data")) {
						JsonObject b = bundle.getAsJsonObject();
						boolean fragment = b.has("fragment") && b.get("fragment").getAsBoolean();
						if (!fragment && !"Active".equals(b.get("state").getAsString())) {
							notActive.add(b.get("symbolicName").getAsString() + "=" + b.get("state").getAsString());
						}
					}
					if (notActive.isEmpty()) {
						return json;
					}
					last = "not active: " + notActive;
				} else {
					last = "HTTP " + response.statusCode();
				}
			} catch (IOException notListeningYet) {
				last = notListeningYet.toString();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("bundles not all ACTIVE within " + timeout.toSeconds() + " s: " + last);
	}

	/** A GET on the console, with Basic credentials {@code user:password} or none. */
	static HttpResponse<String> get(int port, String path, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(2));
		if (credentials != null) {
			request.header("Authorization", basic(credentials));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	record Result(int exitCode, String out, String err) {
	}

	/** Collects a process stream on a daemon thread so the process never blocks on a full pipe. */
	static final class Output {
		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		static Output of(InputStream stream) {
			Output output = new Output();
			Thread reader = new Thread(() -> {
				byte[] chunk = new byte[8192];
				try {
					for (int n; (n = stream.read(chunk)) > 0;) {
						synchronized (output.buffer) {
							output.buffer.write(chunk, 0, n);
						}
					}
				} catch (IOException closed) {
					// the process ended
				}
			}, "it-output");
			reader.setDaemon(true);
			reader.start();
			return output;
		}

		String text() {
			synchronized (buffer) {
				return buffer.toString(StandardCharsets.UTF_8);
			}
		}

		boolean awaitContains(String expected, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (text().contains(expected)) {
					return true;
				}
				Thread.sleep(50);
			}
			return false;
		}

		@Override
		public String toString() {
			return text();
		}
	}
}
