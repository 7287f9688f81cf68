package org.mediapath.diagnosis.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.mediapath.diagnosis.json.ReportJson;

/**
 * Reports as JSON files in one directory, one file per report. A report is written to a temporary
 * file and moved into place atomically, so a crash loses at most the report being written and never
 * leaves a half-written one for the next start to trip over. Retention keeps at most a number of
 * reports and none older than a maximum age.
 *
 * <p>Several processes share one directory (the console and every command-line run): before each
 * query and each store the index of (id, target, start) is brought up to date with the directory
 * (files another process added, replaced or deleted), so a report written elsewhere shows at the
 * next query, once. Each writer's temporary file has a name of its own, and only temporary files
 * older than {@link #STALE_TEMP} are taken for a crash's leftovers, so two processes storing at once
 * never remove each other's report in the making.
 */
public final class FileReportStore implements ReportStore {

	static final String SUFFIX = ".json";
	static final String TEMP_PREFIX = ".tmp-";
	/** A temporary file older than this is a crash's leftover, not another process's write in progress. */
	static final Duration STALE_TEMP = Duration.ofMinutes(10);

	/** What the index knows of one file; {@code modified} and {@code size} tell when another process replaced it. */
	private record Entry(String id, String target, Instant started, Path file, FileTime modified, long size) {
	}

	private static final SecureRandom TEMP_NAMES = new SecureRandom();

	private final Path directory;
	private final int maxReports;
	private final Duration maxAge;
	private final Clock clock;
	private final Consumer<String> log;
	private final Map<String, Entry> index = new HashMap<>();
	/** The same entries by file name, and the files that could not be read as they were (not re-read until they change). */
	private final Map<String, Entry> byFile = new HashMap<>();
	private final Map<String, FileTime> unreadable = new HashMap<>();

	/**
	 * Opens the store, creating the directory, removing temporary files a crash left, and indexing
	 * the reports already there (unreadable files are logged and left alone).
	 *
	 * @param directory where the files live
	 * @param maxReports how many reports to keep at most (at least 1)
	 * @param maxAge how long to keep a report
	 * @param clock the clock retention is measured by
	 * @param log where problems are reported
	 * @throws UncheckedIOException if the directory cannot be created or listed
	 */
	public FileReportStore(Path directory, int maxReports, Duration maxAge, Clock clock, Consumer<String> log) {
		if (maxReports < 1) {
			throw new IllegalArgumentException("retention.max.reports must be at least 1, was " + maxReports);
		}
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("retention.max.age.days must be positive");
		}
		this.directory = directory;
		this.maxReports = maxReports;
		this.maxAge = maxAge;
		this.clock = clock;
		this.log = log;
		try {
			Files.createDirectories(directory);
		} catch (IOException e) {
			throw new UncheckedIOException("report store " + directory + ": " + e.getMessage(), e);
		}
		synchronized (this) {
			refresh(true);
			enforceRetention();
		}
	}

	/**
	 * Brings the index up to date with the directory: loads files that are new or changed, forgets
	 * files that are gone, and (at start-up) removes a crash's temporary files.
	 *
	 * @throws UncheckedIOException if the directory cannot be listed
	 */
	private void refresh(boolean removeStaleTemps) {
		Map<String, Path> present = new HashMap<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (name.startsWith(TEMP_PREFIX)) {
					if (removeStaleTemps) {
						removeIfStale(file);
					}
				} else if (name.endsWith(SUFFIX)) {
					present.put(name, file);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("report store " + directory + ": " + e.getMessage(), e);
		}
		for (Entry gone : List.copyOf(byFile.values())) {
			if (!present.containsKey(gone.file().getFileName().toString())) {
				forget(gone);
			}
		}
		unreadable.keySet().retainAll(present.keySet());
		for (Map.Entry<String, Path> file : present.entrySet()) {
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(file.getValue(), BasicFileAttributes.class);
			} catch (IOException deletedMeanwhile) {
				continue;
			}
			Entry known = byFile.get(file.getKey());
			if (known != null && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
				continue;
			}
			if (known == null && attributes.lastModifiedTime().equals(unreadable.get(file.getKey()))) {
				continue;
			}
			load(file.getValue(), attributes);
		}
	}

	private void removeIfStale(Path temp) {
		try {
			FileTime modified = Files.getLastModifiedTime(temp);
			if (modified.toInstant().isBefore(Instant.now().minus(STALE_TEMP))) {
				Files.deleteIfExists(temp);
			}
		} catch (IOException goneOrBusy) {
			// another process finished (or removed) it meanwhile
		}
	}

	private void forget(Entry entry) {
		byFile.remove(entry.file().getFileName().toString());
		Entry current = index.get(entry.id());
		if (current != null && current.file().equals(entry.file())) {
			index.remove(entry.id());
		}
	}

	private void load(Path file, BasicFileAttributes attributes) {
		String name = file.getFileName().toString();
		try {
			DiagnosticReport report = ReportJson.read(Files.readString(file, StandardCharsets.UTF_8));
			Entry previous = byFile.get(name);
			if (previous != null) {
				forget(previous);
			}
			remember(new Entry(report.id(), report.target(), report.started(), file, attributes.lastModifiedTime(), attributes.size()));
			unreadable.remove(name);
		} catch (NoSuchFileException deletedMeanwhile) {
			// another process's retention removed it between the listing and the read
		} catch (IOException | RuntimeException e) {
			unreadable.put(name, attributes.lastModifiedTime());
			log.accept("report store: skipping unreadable " + name + ": " + e.getMessage());
		}
	}

	private void remember(Entry entry) {
		Entry sameId = index.put(entry.id(), entry);
		if (sameId != null && !sameId.file().equals(entry.file())) {
			byFile.remove(sameId.file().getFileName().toString());
		}
		byFile.put(entry.file().getFileName().toString(), entry);
	}

	@Override
	public synchronized void store(DiagnosticReport report) {
		Path target = directory.resolve(fileName(report.id()));
		Path temp = directory.resolve(TEMP_PREFIX + Long.toHexString(TEMP_NAMES.nextLong()) + "-" + target.getFileName());
		byte[] bytes = ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
		try {
			// A FileOutputStream, not a FileChannel: channels close themselves when the calling thread
			// is interrupted (a cancelled run's engine thread may be), and the report would be lost.
			try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
				out.write(bytes);
				out.getFD().sync(); // the bytes are on disk before the name points at them
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			try {
				Files.deleteIfExists(temp);
			} catch (IOException ignored) {
				// the next start removes it
			}
			throw new UncheckedIOException("report store: cannot write " + target.getFileName() + ": " + e.getMessage(), e);
		}
		refresh(false); // what other processes stored counts for retention too
		enforceRetention();
	}

	@Override
	public synchronized Optional<DiagnosticReport> get(String id) {
		refresh(false);
		Entry entry = index.get(id);
		return entry == null ? Optional.empty() : read(entry);
	}

	@Override
	public synchronized List<DiagnosticReport> find(ReportQuery query) {
		refresh(false);
		List<DiagnosticReport> out = new ArrayList<>();
		for (Entry entry : newestFirst()) {
			if (out.size() >= query.limit()) {
				break;
			}
			if (query.target().map(t -> !t.equalsIgnoreCase(entry.target())).orElse(false)
					|| query.from().map(f -> entry.started().isBefore(f)).orElse(false)
					|| query.to().map(t -> !entry.started().isBefore(t)).orElse(false)) {
				continue;
			}
			read(entry).ifPresent(out::add);
		}
		return out;
	}

	/** @return how many reports are kept now */
	public synchronized int size() {
		refresh(false);
		return index.size();
	}

	private Optional<DiagnosticReport> read(Entry entry) {
		try {
			return Optional.of(ReportJson.read(Files.readString(entry.file(), StandardCharsets.UTF_8)));
		} catch (NoSuchFileException e) {
			forget(entry); // another process's retention removed it since the last look
			return Optional.empty();
		} catch (IOException | RuntimeException e) {
			log.accept("report store: cannot read " + entry.file().getFileName() + ": " + e.getMessage());
			return Optional.empty();
		}
	}

	private List<Entry> newestFirst() {
		List<Entry> entries = new ArrayList<>(index.values());
		entries.sort(Comparator.comparing(Entry::started).reversed().thenComparing(Entry::id));
		return entries;
	}

	private void enforceRetention() {
		Instant oldest = clock.instant().minus(maxAge);
		List<Entry> entries = newestFirst();
		for (int i = 0; i < entries.size(); i++) {
			Entry e = entries.get(i);
			if (i >= maxReports || e.started().isBefore(oldest)) {
				try {
					Files.deleteIfExists(e.file());
					forget(e);
				} catch (IOException x) {
					log.accept("report store: cannot delete " + e.file().getFileName() + ": " + x.getMessage());
				}
			}
		}
	}

	/** Report ids are UUIDs, but a partner's may be anything: keep file names safe and distinct. */
	static String fileName(String id) {
		StringBuilder b = new StringBuilder();
		for (char c : id.toCharArray()) {
			if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
				b.append(c);
			} else {
				b.append('~').append(String.format("%04x", (int) c));
			}
		}
		String name = b.length() > 200 ? b.substring(0, 150) + "~" + Integer.toHexString(id.hashCode()) : b.toString();
		return name + SUFFIX;
	}
}
