package org.mediapath.foreignhost;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.osgi.framework.VersionRange;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The plug-in feature as an administrator reads it: the bundles to install always, and the
 * only-if-missing group, each artifact with the package whose exporter in the host makes it
 * unneeded. Artifacts are found as an administrator's feature installer finds them in a Maven
 * repository; ours in the reactor's target folders (a plain {@code mvn verify} installs nothing).
 */
record PluginFeature(List<Artifact> bundles, List<OnlyIfMissing> onlyIfMissing) {

	/** One artifact of the feature and its jar. */
	record Artifact(String id, Path jar, String symbolicName) {
	}

	/** An artifact to install only where no bundle of the host exports {@code packageName} in {@code range}. */
	record OnlyIfMissing(Artifact artifact, String packageName, VersionRange range) {
	}

	static PluginFeature read(Path featureFile, Path mavenRepository) throws IOException {
		JsonObject feature;
		try (Reader reader = Files.newBufferedReader(featureFile, StandardCharsets.UTF_8)) {
			feature = JsonParser.parseReader(reader).getAsJsonObject();
		}
		Path reactor = featureFile.toAbsolutePath().normalize().getParent().getParent();
		List<Artifact> bundles = new ArrayList<>();
		for (JsonElement element : feature.getAsJsonArray("bundles")) {
			bundles.add(artifact(element.getAsJsonObject().get("id").getAsString(), reactor, mavenRepository));
		}
		List<OnlyIfMissing> onlyIfMissing = new ArrayList<>();
		for (JsonElement element : feature.getAsJsonObject("extensions").getAsJsonObject("mediapath-only-if-missing")
				.getAsJsonArray("artifacts")) {
			JsonObject entry = element.getAsJsonObject();
			// "org.slf4j;version=\"[2.0,3)\""
			String[] clause = entry.get("only-if-missing").getAsString().split(";version=", 2);
			onlyIfMissing.add(new OnlyIfMissing(artifact(entry.get("id").getAsString(), reactor, mavenRepository),
					clause[0].strip(), VersionRange.valueOf(clause[1].replace("\"", "").strip())));
		}
		return new PluginFeature(List.copyOf(bundles), List.copyOf(onlyIfMissing));
	}

	private static Artifact artifact(String id, Path reactor, Path repository) throws IOException {
		String[] parts = id.split(":");
		String group = parts[0];
		String name = parts[1];
		String version = parts[parts.length - 1];
		String fileName = name + "-" + version + ".jar";
		Optional<Path> jar = Optional.empty();
		if (group.equals("org.mediapath")) {
			try (Stream<Path> files = Files.find(reactor, 4, (path, attributes) -> path.getFileName().toString()
					.equals(fileName) && path.getParent().getFileName().toString().equals("target"))) {
				jar = files.findFirst();
			}
		}
		if (jar.isEmpty()) {
			Path inRepository = repository.resolve(group.replace('.', '/')).resolve(name).resolve(version).resolve(fileName);
			if (!Files.isRegularFile(inRepository)) {
				throw new IOException(id + ": no such artifact in the reactor or in " + repository);
			}
			jar = Optional.of(inRepository);
		}
		try (JarFile file = new JarFile(jar.get().toFile())) {
			String bsn = file.getManifest() == null ? null
					: file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
			if (bsn == null) {
				throw new IOException(id + ": " + jar.get() + " is not a bundle");
			}
			return new Artifact(id, jar.get(), bsn.split(";")[0].strip());
		}
	}
}
