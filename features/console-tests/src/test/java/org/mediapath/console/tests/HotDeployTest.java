package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * Operators hot-update diagnostic modules: a bundle dropped into the watched load/ folder is
 * installed and started, a newer jar under the same name updates it in place, and removing the
 * jar uninstalls it, all without restarting the framework.
 */
@ExtendWith(BundleContextExtension.class)
class HotDeployTest {

	private static final String BSN = "org.mediapath.test.hotdeployed";
	private static final Duration WAIT = Duration.ofSeconds(15);

	@InjectBundleContext
	BundleContext context;

	@Test
	void aBundleDroppedIntoLoadIsInstalledStartedUpdatedAndRemovedInPlace() throws Exception {
		Path load = Path.of(context.getProperty("felix.fileinstall.dir"));
		Files.createDirectories(load);
		Path jar = load.resolve("hotdeployed.jar");
		Bundle framework = context.getBundle(0);
		long frameworkStarted = framework.getLastModified();
		int frameworkState = framework.getState();

		drop(jar, "1.0.0");
		assertThat(Frameworks.await(() -> active("1.0.0").isPresent(), WAIT)).as("v1 installed and started").isTrue();
		long bundleId = active("1.0.0").orElseThrow().getBundleId();

		drop(jar, "2.0.0");
		assertThat(Frameworks.await(() -> active("2.0.0").isPresent(), WAIT)).as("updated to v2").isTrue();
		assertThat(active("2.0.0").orElseThrow().getBundleId()).as("updated in place, not reinstalled")
				.isEqualTo(bundleId);

		Files.delete(jar);
		assertThat(Frameworks.await(() -> installed().isEmpty(), WAIT)).as("uninstalled with its jar").isTrue();

		assertThat(framework.getState()).isEqualTo(frameworkState);
		assertThat(framework.getLastModified()).as("the framework was not restarted").isEqualTo(frameworkStarted);
	}

	private Optional<Bundle> installed() {
		return Arrays.stream(context.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
	}

	private Optional<Bundle> active(String version) {
		return installed().filter(b -> b.getState() == Bundle.ACTIVE && b.getVersion().equals(Version.parseVersion(version)));
	}

	/** Writes a manifest-only bundle and moves it into place atomically, as an operator's copy should. */
	private static void drop(Path target, String version) throws IOException {
		Manifest manifest = new Manifest();
		Attributes main = manifest.getMainAttributes();
		main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		main.putValue("Bundle-ManifestVersion", "2");
		main.putValue("Bundle-SymbolicName", BSN);
		main.putValue("Bundle-Version", version);
		Path temp = Files.createTempFile(target.getParent().getParent(), "hotdeployed", ".tmp");
		try (OutputStream out = Files.newOutputStream(temp); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			// a manifest is all a bundle needs
		}
		// FileInstall compares timestamps; make the new jar visibly newer than the old one.
		Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
