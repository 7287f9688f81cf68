package org.mediapath.console.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.mediapath.console.tests.tinycheck.TinyCheckActivator;
import org.osgi.framework.BundleContext;

/**
 * Builds a tiny partner check bundle at test time: the classes of the {@code tinycheck} package,
 * copied out of this test bundle, with a manifest that imports only the API (and the framework).
 */
final class CheckBundles {

	static final String PACKAGE_PATH = "org/mediapath/console/tests/tinycheck";

	private CheckBundles() {
	}

	/**
	 * @param context this test bundle's context (the classes are read from its content)
	 * @param bsn the bundle's symbolic name
	 * @param version its version
	 * @param checkId the id its check registers with
	 * @param delayMillis how long its check takes
	 * @return the jar's bytes
	 */
	static byte[] tinyCheck(BundleContext context, String bsn, String version, String checkId, long delayMillis)
			throws IOException {
		Manifest manifest = new Manifest();
		Attributes main = manifest.getMainAttributes();
		main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		main.putValue("Bundle-ManifestVersion", "2");
		main.putValue("Bundle-SymbolicName", bsn);
		main.putValue("Bundle-Version", version);
		main.putValue("Bundle-Activator", TinyCheckActivator.class.getName());
		main.putValue("Import-Package", "org.osgi.framework,org.mediapath.api.check,org.mediapath.api.report");
		main.putValue("X-Check-Id", checkId);
		main.putValue("X-Check-Delay-Millis", Long.toString(delayMillis));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
			Enumeration<URL> classes = context.getBundle().findEntries(PACKAGE_PATH, "*.class", false);
			if (classes == null) {
				throw new IllegalStateException("the test bundle holds no " + PACKAGE_PATH + " classes");
			}
			while (classes.hasMoreElements()) {
				URL url = classes.nextElement();
				String path = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
				jar.putNextEntry(new JarEntry(path));
				try (InputStream in = url.openStream()) {
					in.transferTo(jar);
				}
				jar.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	/** Writes a jar and moves it into place atomically, newer than any earlier one (FileInstall compares timestamps). */
	static void drop(Path target, byte[] jar) throws IOException {
		Files.createDirectories(target.getParent());
		Path temp = Files.createTempFile(target.getParent().getParent(), "tinycheck", ".tmp");
		try (OutputStream out = Files.newOutputStream(temp)) {
			out.write(jar);
		}
		long previous = Files.exists(target) ? Files.getLastModifiedTime(target).toMillis() : 0;
		long stamp = Math.max(System.currentTimeMillis() + 2000, previous + 2000);
		Files.setLastModifiedTime(temp, FileTime.fromMillis(stamp));
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
