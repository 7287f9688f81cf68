package org.mediapath.pbx;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxEntry;

/**
 * The PBXs on disk, in one directory the console and every command-line run share: one
 * properties file per PBX, and its secret in {@code secrets/}, a folder and files only the owner
 * can read. Every write goes to a temporary file first and is moved into place, so a reader in
 * another process sees the old or the new file, never half of one.
 */
final class PbxFiles {

	static final String SUFFIX = ".properties";
	static final String SECRET_SUFFIX = ".secret";
	private static final SecureRandom TEMP_NAMES = new SecureRandom();

	private final Path directory;
	private final Path secrets;
	private final Consumer<String> log;

	PbxFiles(Path directory, Consumer<String> log) {
		this.directory = directory;
		this.secrets = directory.resolve("secrets");
		this.log = log;
	}

	Path directory() {
		return directory;
	}

	/** @return every stored PBX, by name; unreadable files are logged and left out */
	List<PbxEntry> list() {
		List<PbxEntry> out = new ArrayList<>();
		if (!Files.isDirectory(directory)) {
			return out;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
			for (Path file : files) {
				read(file).ifPresent(out::add);
			}
		} catch (IOException e) {
			log.accept("PBXs: cannot list " + directory + ": " + e.getMessage());
		}
		out.sort(Comparator.comparing(PbxEntry::name, String.CASE_INSENSITIVE_ORDER));
		return out;
	}

	Optional<PbxEntry> get(String name) {
		return read(directory.resolve(key(name) + SUFFIX)).filter(e -> e.name().equals(name));
	}

	private Optional<PbxEntry> read(Path file) {
		try {
			Properties p = new Properties();
			p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
			String name = p.getProperty("name", "");
			return Optional.of(new PbxEntry(name, p.getProperty("server", ""),
					Integer.parseInt(p.getProperty("signalling.port", "2230")),
					PortRange.parse("server.ports", p.getProperty("server.ports", "")),
					PortRange.parse("client.ports", p.getProperty("client.ports", "")),
					optional(p, "responder").map(r -> HostAndPort.parse("responder", r, -1)), optional(p, "fingerprint"),
					Boolean.parseBoolean(p.getProperty("require.vpn", "false")),
					Files.isRegularFile(secretFile(name)), false));
		} catch (NoSuchFileException gone) {
			return Optional.empty();
		} catch (IOException | RuntimeException e) {
			log.accept("PBXs: skipping unreadable " + file.getFileName() + ": " + e.getMessage());
			return Optional.empty();
		}
	}

	private static Optional<String> optional(Properties p, String key) {
		String v = p.getProperty(key, "").strip();
		return v.isEmpty() ? Optional.empty() : Optional.of(v);
	}

	/** Writes the PBX's file (its secret is not in it); does nothing when the file already says the same. */
	void save(PbxEntry entry) {
		Properties p = new Properties();
		p.setProperty("name", entry.name());
		p.setProperty("server", entry.server());
		p.setProperty("signalling.port", Integer.toString(entry.signallingPort()));
		p.setProperty("server.ports", entry.serverPorts().toString());
		p.setProperty("client.ports", entry.clientPorts().toString());
		entry.responder().ifPresent(r -> p.setProperty("responder", r.toString()));
		entry.fingerprint().ifPresent(f -> p.setProperty("fingerprint", f));
		p.setProperty("require.vpn", Boolean.toString(entry.requireVpn()));
		StringWriter text = new StringWriter();
		try {
			p.store(text, null);
		} catch (IOException impossible) {
			throw new UncheckedIOException(impossible);
		}
		// Properties.store starts with a date line: compare without it, so an unchanged PBX is not rewritten
		String body = text.toString().replaceFirst("^#[^\n]*\n", "");
		Path file = directory.resolve(key(entry.name()) + SUFFIX);
		try {
			if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(body)) {
				return;
			}
		} catch (IOException unreadable) {
			// rewrite it
		}
		write(directory, file, body, false);
	}

	/** Stores a secret for the PBX, readable by the owner only. */
	void saveSecret(String name, String secret) {
		write(secrets, secretFile(name), secret + "\n", true);
	}

	Path secretFile(String name) {
		return secrets.resolve(key(name) + SECRET_SUFFIX);
	}

	/** @return whether the PBX was there */
	boolean delete(String name) {
		try {
			Files.deleteIfExists(secretFile(name));
			return Files.deleteIfExists(directory.resolve(key(name) + SUFFIX));
		} catch (IOException e) {
			throw new UncheckedIOException("PBX " + name + ": cannot delete: " + e.getMessage(), e);
		}
	}

	/** Moves a secret to a PBX's new name. */
	void renameSecret(String from, String to) {
		try {
			if (Files.isRegularFile(secretFile(from))) {
				Files.move(secretFile(from), secretFile(to), StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("PBX " + from + ": cannot move its secret: " + e.getMessage(), e);
		}
	}

	private static void write(Path folder, Path file, String text, boolean ownerOnly) {
		Path temp = folder.resolve(".tmp-" + Long.toHexString(TEMP_NAMES.nextLong()));
		try {
			if (ownerOnly) {
				createOwnerOnlyDirectory(folder);
			} else {
				Files.createDirectories(folder);
			}
			Files.writeString(temp, "", StandardCharsets.UTF_8);
			if (ownerOnly) {
				// permissions first, then the secret: it is never readable by others, not even briefly
				ownerOnly(temp, "rw-------");
			}
			Files.writeString(temp, text, StandardCharsets.UTF_8);
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			try {
				Files.deleteIfExists(temp);
			} catch (IOException ignored) {
				// a leftover temporary file is never read
			}
			throw new UncheckedIOException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
		}
	}

	private static void createOwnerOnlyDirectory(Path folder) throws IOException {
		Files.createDirectories(folder);
		ownerOnly(folder, "rwx------");
	}

	private static void ownerOnly(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		} catch (UnsupportedOperationException notPosix) {
			// Windows: the folder lies in the user's own profile, whose ACL admits the user only
		}
	}

	/** A file name for a PBX name: letters, digits, '-' and '_' as they are, anything else as ~hex. */
	static String key(String name) {
		StringBuilder b = new StringBuilder();
		for (char c : name.toCharArray()) {
			if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
				b.append(c);
			} else {
				b.append('~').append(String.format("%04x", (int) c));
			}
		}
		// file names stop at 255 bytes: a long name keeps its start and a hash of the whole
		return b.length() > 160 ? b.substring(0, 120) + "~" + Integer.toHexString(name.hashCode()) : b.toString();
	}
}
