package org.mediapath.foreignhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediapath.foreignhost.PluginFeature.Artifact;
import org.mediapath.foreignhost.PluginFeature.OnlyIfMissing;
import org.mediapath.foreignhost.WebConsole.BundleRow;
import org.mediapath.protocol.ice.Ice4jSettings;
import org.osgi.framework.Version;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The plug-in feature in a Felix console that is not ours, installed as its administrator would:
 * the host is Felix's own launcher with exactly the declared prerequisites from Maven Central (no
 * Gogo, none of mediapath's launcher); the feature's bundles, and of its only-if-missing group only
 * what the host does not export already, go in through the Web Console's upload; the responder is
 * configured on the Web Console's Configuration page; the page runs a diagnosis against it on
 * loopback; one of our bundles is updated through the upload while the host runs; and uninstalling
 * everything we added leaves the host as it was. Two hosts: one with SLF4J 2.0.17 and
 * log4j-over-slf4j (the versions the feature would bring), and one with its own SLF4J 2.0.16, another
 * provider and no log4j bridge, where a second exporter of org.slf4j beside the host's would be the
 * classic wiring trap.
 */
class ForeignHostIT {

	private static final Path HOST_FILES = Path.of(System.getProperty("foreignhost.dir", "target/host"));
	private static final Path FEATURE = Path.of(System.getProperty("mediapath.feature", "../mediapath.feature.json"));
	private static final Path REPOSITORY = Path.of(System.getProperty("mediapath.maven.repository",
			System.getProperty("user.home") + "/.m2/repository"));
	private static final String PAGE = WebConsole.ROOT + "/mediapath";
	private static final String RESPONDER_PID = "org.mediapath.responder";
	private static final Duration WAIT = Duration.ofSeconds(45);
	private static final Pattern CSRF = Pattern.compile("name='mp-csrf' value='([^']+)'");

	static List<ForeignHost.Recipe> hosts() {
		return List.of(
				new ForeignHost.Recipe("prerequisites-only", HOST_FILES.resolve("logging"), HOST_FILES.resolve("services"),
						Map.of()),
				// As consoles often do: com.sun.* by boot delegation; SLF4J of its own choosing.
				new ForeignHost.Recipe("own-slf4j-2.0.16", HOST_FILES.resolve("logging-own-slf4j"),
						HOST_FILES.resolve("services"), Map.of("org.osgi.framework.bootdelegation", "com.sun.*,sun.*")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hosts")
	void thePluginFeatureInstallsRunsUpdatesAndUninstallsInAForeignHost(ForeignHost.Recipe recipe) throws Exception {
		PluginFeature feature = PluginFeature.read(FEATURE, REPOSITORY);
		try (ForeignHost host = ForeignHost.start(HOST_FILES, recipe)) {
			WebConsole console = host.console;
			List<BundleRow> hostBundles = console.bundles();
			assertTrue(hostBundles.stream().noneMatch(b -> b.symbolicName().startsWith("org.apache.felix.gogo")
					|| b.symbolicName().startsWith("org.mediapath")), "the host has no Gogo and nothing of ours: " + hostBundles);
			Map<Long, List<String>> hostExports = exports(console, hostBundles);
			assertTrue(exporters(hostExports, "com.sun.nio.sctp").contains(0L),
					"jain-sip's com.sun.nio.sctp comes from the system bundle without any framework property: "
							+ hostExports.get(0L).stream().filter(p -> p.startsWith("com.sun.nio")).toList());

			// The administrator's choice: every bundle of the feature, and of the only-if-missing
			// group what the host does not already export within the range the feature names.
			List<Artifact> toInstall = new ArrayList<>(feature.bundles());
			List<OnlyIfMissing> skipped = new ArrayList<>();
			for (OnlyIfMissing candidate : feature.onlyIfMissing()) {
				if (exportedInRange(hostExports, candidate).isEmpty()) {
					toInstall.add(candidate.artifact());
				} else {
					skipped.add(candidate);
				}
			}
			assertTrue(skipped.stream().anyMatch(s -> s.packageName().equals("org.slf4j")),
					"both hosts have their own SLF4J 2, so slf4j-api is not installed: " + skipped);
			boolean hostHasLog4jBridge = hostBundles.stream().anyMatch(b -> b.symbolicName().equals("log4j.over.slf4j"));
			assertEquals(hostHasLog4jBridge, skipped.stream().anyMatch(s -> s.packageName().equals("org.apache.log4j")),
					"log4j-over-slf4j goes in exactly where the host has no org.apache.log4j: " + skipped);

			console.upload(toInstall.stream().map(Artifact::jar).toList(), 2);
			Map<String, Long> installed = awaitInstalled(console, toInstall, host);
			for (Artifact artifact : toInstall) {
				console.bundleAction(installed.get(artifact.symbolicName()), "start");
			}
			console.awaitAllActive(WAIT, () -> unresolved(console) + host.describe());

			List<BundleRow> withPlugin = console.bundles();
			Map<Long, List<String>> allExports = exports(console, withPlugin);
			for (OnlyIfMissing candidate : feature.onlyIfMissing()) {
				assertEquals(1, exportedInRange(allExports, candidate).size(), "exactly one exporter of "
						+ candidate.packageName() + " in " + candidate.range() + " (no second one beside the host's)");
			}
			OnlyIfMissing slf4j = skipped.stream().filter(s -> s.packageName().equals("org.slf4j")).findFirst().orElseThrow();
			long hostSlf4j = exportedInRange(hostExports, slf4j).get(0);
			for (String ours : List.of("org.mediapath.diagnosis", "org.mediapath.responder")) {
				List<String> imports = console.details(installed.get(ours)).get("Imported Packages");
				assertTrue(imports.stream().anyMatch(i -> i.startsWith("org.slf4j,") && i.contains("(" + hostSlf4j + ")")),
						ours + " logs through the host's own SLF4J (bundle " + hostSlf4j + "): " + imports);
			}
			for (Artifact artifact : toInstall) {
				if (!artifact.symbolicName().startsWith("org.mediapath.")) {
					List<String> importers = console.details(installed.get(artifact.symbolicName()))
							.getOrDefault("Importing Bundles", List.of());
					assertFalse(importers.isEmpty(), artifact.id() + " is needed by some bundle (or it must leave the feature)");
				}
			}

			HttpResponse<String> page = console.get(PAGE);
			assertEquals(200, page.statusCode(), page.body());
			String token = csrf(page.body());

			// The responder, configured as the host's administrator would, on the Configuration page.
			Path secret = host.directory.resolve("responder.secret");
			Files.writeString(secret, "mediapath-foreign-host-" + System.nanoTime() + "\n", StandardCharsets.UTF_8);
			int controlPort = freeTcpPort();
			String serverPorts = freeUdpRange(20);
			console.configure(RESPONDER_PID, Map.of("bind.address", "127.0.0.1", "udp.ports", serverPorts, "control.port",
					Integer.toString(controlPort), "secret.file", secret.toString()));
			awaitListening(controlPort, host);
			// the administrator reads the responder's certificate fingerprint on the Web Console's status page
			// and pins it in the PBX it keeps (the control channel trusts no unpinned certificate)
			String status = console.get(WebConsole.ROOT + "/status-mediapath-responder.txt").body();
			Matcher pin = java.util.regex.Pattern.compile("fingerprint \\(clients pin it with --responder-fingerprint\\): "
					+ "((?:[0-9A-F]{2}:){31}[0-9A-F]{2})").matcher(status);
			assertTrue(pin.find(), "the status page shows the responder's fingerprint: " + status);

			// The administrator keeps the PBX by name once (its secret typed into the page, never a file path),
			// then picks it.
			Map<String, String> pbx = new LinkedHashMap<>();
			pbx.put("mp-csrf", token);
			pbx.put("name", "loopback PBX");
			pbx.put("server", "127.0.0.1");
			pbx.put("signalling-port", Integer.toString(controlPort));
			pbx.put("server-ports", serverPorts);
			pbx.put("client-ports", freeUdpRange(20));
			pbx.put("responder", "127.0.0.1:" + controlPort);
			pbx.put("fingerprint", pin.group(1));
			pbx.put("secret", Files.readAllLines(secret).get(0).strip());
			HttpResponse<String> saved = console.post(PAGE + "/pbx", pbx, "application/json");
			assertEquals(200, saved.statusCode(), saved.body());
			Map<String, String> form = new LinkedHashMap<>();
			form.put("mp-csrf", token);
			form.put("pbx", "loopback PBX");
			String first = diagnose(console, form, host);
			assertTrue(history(console).contains(first), "stored and listed in history.json");
			assertTrue(console.get(PAGE).body().contains(first), "the page's history shows the report");

			// What ice4j needs, the host did not set: the protocol bundle did, before its first agent.
			String systemProperties = console.get(WebConsole.ROOT + "/status-System%20Properties.txt").body();
			for (Map.Entry<String, String> setting : Ice4jSettings.REQUIRED.entrySet()) {
				assertTrue(systemProperties.contains(setting.getKey() + " = " + setting.getValue()),
						setting + " on the System Properties page");
			}

			// A new version of the page bundle through the same upload, while everything runs.
			long uiId = installed.get("org.mediapath.ui");
			Artifact ui = toInstall.stream().filter(a -> a.symbolicName().equals("org.mediapath.ui")).findFirst().orElseThrow();
			Version before = Version.parseVersion(row(console, uiId).orElseThrow().version());
			Version after = new Version(before.getMajor(), before.getMinor(), before.getMicro() + 1);
			Path updated = withVersion(ui.jar(), after, host.directory.resolve("mediapath-ui-update.jar"));
			console.upload(List.of(updated), 2);
			await(() -> row(console, uiId).filter(r -> Version.parseVersion(r.version()).equals(after)
					&& r.state().equals("Active")).isPresent(), "the page bundle updated in place to " + after, host);
			console.awaitAllActive(WAIT, () -> unresolved(console) + host.describe());
			HttpResponse<String> updatedPage = console.get(PAGE);
			assertEquals(200, updatedPage.statusCode(), updatedPage.body());
			assertEquals(token, csrf(updatedPage.body()),
					"the administrator's session survived the update: the HTTP service, and the framework, kept running");
			assertTrue(host.isAlive());
			assertTrue(updatedPage.body().contains(first), "the report is still in the page's history");
			String second = diagnose(console, form, host);
			assertNotEquals(first, second);
			assertTrue(history(console).containsAll(List.of(first, second)));

			// Uninstall what we added: the host is left as it was, every bundle of it active.
			for (long id : installed.values()) {
				console.bundleAction(id, "uninstall");
			}
			console.refreshPackages();
			Set<String> expected = hostBundles.stream().map(b -> b.id() + " " + b.symbolicName()).collect(Collectors.toCollection(TreeSet::new));
			await(() -> {
				List<BundleRow> rows = console.bundles();
				return rows.stream().map(b -> b.id() + " " + b.symbolicName()).collect(Collectors.toCollection(TreeSet::new)).equals(expected)
						&& rows.stream().allMatch(b -> b.state().equals("Active"));
			}, "only the host's bundles, all active", host);
			assertEquals(404, console.get(PAGE).statusCode(), "the page left with its bundle");
			assertEquals(200, console.get(WebConsole.ROOT + "/bundles").statusCode(), "the Web Console still works");
		}
	}

	// ---------- the administrator's steps

	private static String diagnose(WebConsole console, Map<String, String> form, ForeignHost host) throws Exception {
		HttpResponse<String> started = console.post(PAGE + "/run", form, "application/json");
		assertEquals(202, started.statusCode(), started.body());
		String runId = JsonParser.parseString(started.body()).getAsJsonObject().get("runId").getAsString();
		JsonObject[] progress = new JsonObject[1];
		await(() -> {
			HttpResponse<String> p = console.getJsonAccepted(PAGE + "/progress.json?run=" + runId);
			progress[0] = JsonParser.parseString(p.body()).getAsJsonObject();
			return progress[0].has("done") && progress[0].get("done").getAsBoolean();
		}, "diagnosis " + runId + " done", host);
		assertEquals("OK", progress[0].get("verdict").getAsString(),
				"a healthy loopback path with its responder reads OK: " + progress[0]);
		return progress[0].get("reportId").getAsString();
	}

	private static List<String> history(WebConsole console) throws Exception {
		HttpResponse<String> history = console.get(PAGE + "/history.json");
		assertEquals(200, history.statusCode(), history.body());
		List<String> ids = new ArrayList<>();
		JsonParser.parseString(history.body()).getAsJsonObject().getAsJsonArray("reports")
				.forEach(r -> ids.add(r.getAsJsonObject().get("reportId").getAsString()));
		return ids;
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertTrue(matcher.find(), "the page carries its form token");
		return matcher.group(1);
	}

	/** Waits until the uploads (installed in the background) are all listed; symbolic name to id. */
	private static Map<String, Long> awaitInstalled(WebConsole console, List<Artifact> artifacts, ForeignHost host)
			throws Exception {
		Map<String, Long> ids = new LinkedHashMap<>();
		await(() -> {
			List<BundleRow> rows = console.bundles();
			ids.clear();
			for (Artifact artifact : artifacts) {
				rows.stream().filter(r -> r.symbolicName().equals(artifact.symbolicName())).findFirst()
						.ifPresent(r -> ids.put(artifact.symbolicName(), r.id()));
			}
			return ids.size() == artifacts.size();
		}, "every upload installed", host);
		return Map.copyOf(ids);
	}

	// ---------- what the Web Console shows

	/**
	 * Each bundle's exported packages as the bundle page lists them ("org.slf4j,version=2.0.16"),
	 * without the page's marks for a package that boot delegation also covers
	 * ("!! com.sun.nio.sctp,version=0.0.0.JavaSE_017 -- Overwritten by Boot Delegation").
	 */
	private static Map<Long, List<String>> exports(WebConsole console, List<BundleRow> bundles) throws Exception {
		Map<Long, List<String>> exports = new LinkedHashMap<>();
		for (BundleRow bundle : bundles) {
			exports.put(bundle.id(), console.details(bundle.id()).getOrDefault("Exported Packages", List.of()).stream()
					.map(p -> p.replaceFirst("^!! ", "").replaceFirst(" -- .*$", "")).toList());
		}
		return exports;
	}

	private static List<Long> exporters(Map<Long, List<String>> exports, String packageName) {
		return exports.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(p -> p.equals(packageName)
				|| p.startsWith(packageName + ",version="))).map(Map.Entry::getKey).toList();
	}

	/** The bundles that export the candidate's package at a version inside its range. */
	private static List<Long> exportedInRange(Map<Long, List<String>> exports, OnlyIfMissing candidate) {
		String prefix = candidate.packageName() + ",version=";
		return exports.entrySet().stream()
				.filter(e -> e.getValue().stream().filter(p -> p.startsWith(prefix))
						.map(p -> Version.parseVersion(p.substring(prefix.length())))
						.anyMatch(candidate.range()::includes))
				.map(Map.Entry::getKey).toList();
	}

	private static Optional<BundleRow> row(WebConsole console, long id) throws Exception {
		return console.bundles().stream().filter(r -> r.id() == id).findFirst();
	}

	/** What the bundle pages say cannot be resolved, for failure messages. */
	private static String unresolved(WebConsole console) {
		try {
			StringBuilder text = new StringBuilder();
			for (BundleRow row : console.bundles()) {
				if (!row.state().equals("Active")) {
					text.append(row).append(": ").append(console.details(row.id()).getOrDefault("Imported Packages", List.of())
							.stream().filter(i -> i.contains("Cannot be resolved")).toList()).append('\n');
				}
			}
			return text.toString();
		} catch (Exception e) {
			return e.toString();
		}
	}

	// ---------- helpers

	/** A copy of a bundle jar whose manifest says another Bundle-Version: the "new release" to upload. */
	private static Path withVersion(Path jar, Version version, Path target) throws IOException {
		try (JarFile in = new JarFile(jar.toFile())) {
			Manifest manifest = new Manifest(in.getManifest());
			manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version.toString());
			try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
				for (JarEntry entry : in.stream().toList()) {
					if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
						continue;
					}
					out.putNextEntry(new JarEntry(entry.getName()));
					try (InputStream content = in.getInputStream(entry)) {
						content.transferTo(out);
					}
					out.closeEntry();
				}
			}
		}
		return target;
	}

	private static int freeTcpPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** {@code count} consecutive UDP ports free on 127.0.0.1, below the kernel's ephemeral range. */
	private static String freeUdpRange(int count) throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		for (int base = 20000 + (int) (Math.random() * 500) * 20; base < 32000; base += count) {
			List<DatagramSocket> held = new ArrayList<>();
			try {
				for (int port = base; port < base + count; port++) {
					held.add(new DatagramSocket(new InetSocketAddress(loopback, port)));
				}
				return base + "-" + (base + count - 1);
			} catch (IOException inUse) {
				// try the next block
			} finally {
				held.forEach(DatagramSocket::close);
			}
		}
		throw new IOException("no " + count + " consecutive free UDP ports between 20000 and 32000");
	}

	private static void awaitListening(int port, ForeignHost host) throws Exception {
		await(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
				return true;
			} catch (IOException e) {
				return false;
			}
		}, "the responder listens on " + port, host);
	}

	@FunctionalInterface
	private interface Condition {
		boolean holds() throws Exception;
	}

	private static void await(Condition condition, String what, ForeignHost host) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Exception last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.holds()) {
					return;
				}
			} catch (IOException | RuntimeException e) {
				last = e;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("not within " + WAIT + ": " + what + (last == null ? "" : " (last error " + last + ")")
				+ "\n" + host.describe());
	}
}
