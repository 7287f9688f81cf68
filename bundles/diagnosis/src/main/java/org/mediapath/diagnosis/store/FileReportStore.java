package org.mediapath.diagnosis.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * leaves a half-written one for the next start to trip over. An index of (id, target, start) is
 * rebuilt from the files at start-up; retention keeps at most a number of reports and none older
 * than a maximum age.
 */
public final class FileReportStore implements ReportStore {

	static final String SUFFIX = ".json";
	static final String TEMP_PREFIX = ".tmp-";

	private record Entry(String id, String target, Instant started, Path file) {
	}

	private final Path directory;
	private final int maxReports;
	private final Duration maxAge;
	private final Clock clock;
	private final Consumer<String> log;
	private final Map<String, Entry> index = new HashMap<>();

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
			try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
				for (Path file : files) {
					String name = file.getFileName().toString();
					if (name.startsWith(TEMP_PREFIX)) {
						Files.deleteIfExists(file);
					} else if (name.endsWith(SUFFIX)) {
						load(file);
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("report store " + directory + ": " + e.getMessage(), e);
		}
		synchronized (this) {
			enforceRetention();
		}
	}

	private void load(Path file) {
		try {
			DiagnosticReport report = ReportJson.read(Files.readString(file, StandardCharsets.UTF_8));
			index.put(report.id(), new Entry(report.id(), report.target(), report.started(), file));
		} catch (IOException | RuntimeException e) {
			log.accept("report store: skipping unreadable " + file.getFileName() + ": " + e.getMessage());
		}
	}

	@Override
	public synchronized void store(DiagnosticReport report) {
		Path target = directory.resolve(fileName(report.id()));
		Path temp = directory.resolve(TEMP_PREFIX + target.getFileName());
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
		index.put(report.id(), new Entry(report.id(), report.target(), report.started(), target));
		enforceRetention();
	}

	@Override
	public synchronized Optional<DiagnosticReport> get(String id) {
		Entry entry = index.get(id);
		return entry == null ? Optional.empty() : read(entry);
	}

	@Override
	public synchronized List<DiagnosticReport> find(ReportQuery query) {
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
		return index.size();
	}

	private Optional<DiagnosticReport> read(Entry entry) {
		try {
			return Optional.of(ReportJson.read(Files.readString(entry.file(), StandardCharsets.UTF_8)));
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
					index.remove(e.id());
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
