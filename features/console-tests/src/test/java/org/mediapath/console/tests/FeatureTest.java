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
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The OSGi Feature an operator installs into an existing console (features/mediapath.feature.json)
 * names artifacts that exist, each of them a bundle that resolved and started in this runtime, and
 * it leaves out none of our bundles.
 */
@ExtendWith(BundleContextExtension.class)
class FeatureTest {

	@InjectBundleContext
	BundleContext context;

	private JsonObject feature;

	@BeforeEach
	void read() throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		try (Reader reader = Files.newBufferedReader(Path.of(context.getProperty("mediapath.feature")),
				StandardCharsets.UTF_8)) {
			feature = JsonParser.parseReader(reader).getAsJsonObject();
		}
	}

	@Test
	void theFeatureFollowsTheFeatureSpecificationShape() {
		assertThat(feature.get("feature-resource-version").getAsString()).isEqualTo("1.0");
		assertThat(feature.get("id").getAsString().split(":")).hasSizeBetween(3, 5);
		assertThat(feature.getAsJsonArray("bundles")).isNotEmpty();
		for (JsonElement bundle : feature.getAsJsonArray("bundles")) {
			assertThat(bundle.getAsJsonObject().get("id").getAsString().split(":")).hasSizeBetween(3, 5);
		}
	}

	@Test
	void everyArtifactExistsAndIsABundleThatResolvedAndStartedHere() throws IOException {
		List<String> problems = new ArrayList<>();
		for (JsonElement element : feature.getAsJsonArray("bundles")) {
			String id = element.getAsJsonObject().get("id").getAsString();
			Optional<Path> jar = locate(id);
			if (jar.isEmpty()) {
				problems.add(id + ": no such artifact");
				continue;
			}
			Manifest manifest;
			try (JarFile file = new JarFile(jar.get().toFile())) {
				manifest = file.getManifest();
			}
			String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
			if (bsn == null) {
				problems.add(id + ": not a bundle");
				continue;
			}
			String name = bsn.split(";")[0].strip();
			Version version = Version.parseVersion(manifest.getMainAttributes().getValue("Bundle-Version"));
			// A snapshot is rebuilt with a new qualifier each time: a partial build may resolve the
			// installed copy while the reactor holds a newer one. Releases must match exactly.
			boolean snapshot = id.endsWith("-SNAPSHOT");
			boolean active = Arrays.stream(context.getBundles()).anyMatch(b -> name.equals(b.getSymbolicName())
					&& (snapshot ? withoutQualifier(version).equals(withoutQualifier(b.getVersion()))
							: version.equals(b.getVersion()))
					&& b.getState() == Bundle.ACTIVE);
			if (!active) {
				problems.add(id + ": bundle " + name + " " + version + " is not active in the console runtime");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyMediapathBundleOfTheConsoleIsInTheFeature() {
		List<String> listed = new ArrayList<>();
		feature.getAsJsonArray("bundles").forEach(e -> listed.add(e.getAsJsonObject().get("id").getAsString()));
		List<String> missing = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
				.filter(name -> name.startsWith("org.mediapath.") && !name.endsWith(".tests"))
				.filter(name -> listed.stream().noneMatch(id -> id.startsWith("org.mediapath:mediapath-"
						+ name.substring("org.mediapath.".length()) + ":")))
				.collect(Collectors.toList());
		assertThat(missing).isEmpty();
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
