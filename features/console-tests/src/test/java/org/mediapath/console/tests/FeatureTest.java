package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The two OSGi Features describe this console's bundle set exactly: the plug-in an administrator
 * installs into an existing console (features/mediapath.feature.json: its bundles and its
 * mediapath-only-if-missing group) and what the standalone console adds to it
 * (features/mediapath-console.feature.json). Every artifact they name exists, is a bundle, and
 * resolved and started in this runtime; together they name every bundle of mediapath.bndrun and
 * nothing else; the launcher's parts are in the console feature only. Whether the plug-in feature
 * alone works in a console that is not ours is proven by features/foreign-host-tests.
 */
@ExtendWith(BundleContextExtension.class)
class FeatureTest {

	/** The launcher's parts: a console that hosts the plug-in must not get them from it. */
	private static final List<String> LAUNCHER_PARTS = List.of("org.mediapath.cli", "org.apache.felix.gogo.runtime",
			"org.apache.felix.gogo.shell", "org.apache.felix.gogo.command", "org.apache.felix.fileinstall");

	@InjectBundleContext
	BundleContext context;

	private JsonObject plugin;
	private JsonObject console;

	@BeforeEach
	void read() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		plugin = parse(Path.of(context.getProperty("mediapath.feature")));
		console = parse(Path.of(context.getProperty("mediapath.feature")).resolveSibling("mediapath-console.feature.json"));
	}

	private static JsonObject parse(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return JsonParser.parseReader(reader).getAsJsonObject();
		}
	}

	@Test
	void theFeaturesFollowTheFeatureSpecificationShape() {
		for (JsonObject feature : List.of(plugin, console)) {
			assertThat(feature.get("feature-resource-version").getAsString()).isEqualTo("1.0");
			assertThat(feature.get("id").getAsString().split(":")).hasSizeBetween(3, 5);
			assertThat(feature.getAsJsonArray("bundles")).isNotEmpty();
		}
		assertThat(allIds()).allSatisfy(id -> assertThat(id.split(":")).hasSizeBetween(3, 5));
		JsonObject onlyIfMissing = plugin.getAsJsonObject("extensions").getAsJsonObject("mediapath-only-if-missing");
		assertThat(onlyIfMissing.get("kind").getAsString()).isEqualTo("optional");
		assertThat(onlyIfMissing.get("type").getAsString()).isEqualTo("artifacts");
		for (JsonElement artifact : onlyIfMissingArtifacts()) {
			assertThat(artifact.getAsJsonObject().get("only-if-missing").getAsString())
					.as("each only-if-missing artifact names the package whose exporter makes it unneeded")
					.matches("[a-z][\\w.]*;version=\"\\[\\d+(\\.\\d+)*,\\d+(\\.\\d+)*\\)\"");
		}
	}

	@Test
	void everyArtifactExistsAndIsABundleThatResolvedAndStartedHere() throws IOException {
		List<String> problems = new ArrayList<>();
		for (String id : allIds()) {
			Optional<Manifest> manifest = manifest(id);
			if (manifest.isEmpty()) {
				problems.add(id + ": no such artifact");
				continue;
			}
			Optional<String> name = symbolicName(manifest.get());
			if (name.isEmpty()) {
				problems.add(id + ": not a bundle");
				continue;
			}
			Version version = Version.parseVersion(manifest.get().getMainAttributes().getValue("Bundle-Version"));
			// A snapshot is rebuilt with a new qualifier each time: a partial build may resolve the
			// installed copy while the reactor holds a newer one. Releases must match exactly.
			boolean snapshot = id.endsWith("-SNAPSHOT");
			boolean active = Arrays.stream(context.getBundles()).anyMatch(b -> name.get().equals(b.getSymbolicName())
					&& (snapshot ? withoutQualifier(version).equals(withoutQualifier(b.getVersion()))
							: version.equals(b.getVersion()))
					&& b.getState() == Bundle.ACTIVE);
			if (!active) {
				problems.add(id + ": bundle " + name.get() + " " + version + " is not active in the console runtime");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void togetherTheFeaturesNameExactlyTheConsolesBundles() throws IOException {
		assertThat(names(allIds())).containsExactlyInAnyOrderElementsOf(consoleRunBundles());
	}

	@Test
	void theLaunchersPartsAreInTheConsoleFeatureOnly() throws IOException {
		Set<String> pluginBundles = names(ids(plugin.getAsJsonArray("bundles")));
		Set<String> onlyIfMissing = names(ids(onlyIfMissingArtifacts()));
		Set<String> consoleBundles = names(ids(console.getAsJsonArray("bundles")));
		assertThat(pluginBundles).doesNotContainAnyElementsOf(LAUNCHER_PARTS);
		assertThat(onlyIfMissing).doesNotContainAnyElementsOf(LAUNCHER_PARTS);
		assertThat(consoleBundles).containsAll(LAUNCHER_PARTS);
		assertThat(consoleBundles).as("the console adds to the plug-in's bundles").doesNotContainAnyElementsOf(pluginBundles);
		assertThat(consoleBundles).as("the standalone console has none of the only-if-missing group: it brings it")
				.containsAll(onlyIfMissing);
	}

	private Set<String> names(List<String> ids) throws IOException {
		Set<String> names = new TreeSet<>();
		for (String id : ids) {
			manifest(id).flatMap(FeatureTest::symbolicName).ifPresent(names::add);
		}
		return names;
	}

	private JsonArray onlyIfMissingArtifacts() {
		return plugin.getAsJsonObject("extensions").getAsJsonObject("mediapath-only-if-missing").getAsJsonArray("artifacts");
	}

	/** The plug-in's bundles and its only-if-missing group. */
	private List<String> pluginIds() {
		List<String> ids = ids(plugin.getAsJsonArray("bundles"));
		ids.addAll(ids(onlyIfMissingArtifacts()));
		return ids;
	}

	private List<String> allIds() {
		List<String> ids = pluginIds();
		ids.addAll(ids(console.getAsJsonArray("bundles")));
		return ids;
	}

	private static List<String> ids(JsonArray artifacts) {
		List<String> ids = new ArrayList<>();
		artifacts.forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsString()));
		return ids;
	}

	/** The symbolic names in mediapath.bndrun's -runbundles (the console, without this test's own bundles). */
	private Set<String> consoleRunBundles() throws IOException {
		Path bndrun = Path.of(context.getProperty("mediapath.feature")).resolveSibling("console").resolve("mediapath.bndrun");
		Set<String> names = new TreeSet<>();
		boolean inRunBundles = false;
		for (String line : Files.readAllLines(bndrun, StandardCharsets.UTF_8)) {
			if (line.startsWith("-runbundles:")) {
				inRunBundles = true;
				continue;
			}
			if (inRunBundles) {
				String entry = line.strip();
				if (entry.isEmpty()) {
					break;
				}
				names.add(entry.substring(0, entry.indexOf(';')));
				if (!entry.endsWith("\\")) {
					break;
				}
			}
		}
		assertThat(names).as("-runbundles of " + bndrun).isNotEmpty();
		return names;
	}

	private Optional<Manifest> manifest(String id) throws IOException {
		Optional<Path> jar = locate(id);
		if (jar.isEmpty()) {
			return Optional.empty();
		}
		try (JarFile file = new JarFile(jar.get().toFile())) {
			return Optional.of(file.getManifest() == null ? new Manifest() : file.getManifest());
		}
	}

	private static Optional<String> symbolicName(Manifest manifest) {
		String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
		return bsn == null ? Optional.empty() : Optional.of(bsn.split(";")[0].strip());
	}

	private static Version withoutQualifier(Version version) {
		return new Version(version.getMajor(), version.getMinor(), version.getMicro());
	}

	/**
	 * Our own artifacts are found in the reactor's target folders (a plain {@code mvn verify} does
	 * not install them); third-party ones in the local Maven repository.
	 */
	private Optional<Path> locate(String id) throws IOException {
		String[] parts = id.split(":");
		String group = parts[0];
		String artifact = parts[1];
		String version = parts[parts.length - 1];
		String fileName = artifact + "-" + version + ".jar";
		if (group.equals("org.mediapath")) {
			Path reactor = Path.of(context.getProperty("mediapath.feature")).toAbsolutePath().normalize().getParent()
					.getParent();
			try (Stream<Path> files = Files.find(reactor, 4,
					(path, attributes) -> path.getFileName().toString().equals(fileName)
							&& path.getParent().getFileName().toString().equals("target"))) {
				return files.findFirst();
			}
		}
		Path repository = Path.of(context.getProperty("mediapath.maven.repository"));
		Path jar = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(fileName);
		return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
	}
}
