package org.mediapath.diagnosis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Verdict;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.diagnosis.Fixtures;
import org.mediapath.diagnosis.json.ReportJson;

class FileReportStoreTest {

	static final Instant NOW = Instant.parse("2026-11-27T22:00:00Z");
	final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
	final List<String> log = new ArrayList<>();

	@TempDir
	Path dir;

	static DiagnosticReport report(String id, String server, Instant started) {
		Fixtures f = Fixtures.scenario().request(DiagnosisRequest.forServer(server)).signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS");
		return new DiagnosticReport(id, f.requestValue(), started, Duration.ofMillis(100), Verdict.OK, List.of(), f.results());
	}

	FileReportStore open(int max) {
		return new FileReportStore(dir, max, Duration.ofDays(30), clock, log::add);
	}

	@Test
	void storedReportsSurviveARestartAndAreFoundByTargetAndTime() {
		FileReportStore store = open(100);
		store.store(report("r1", "pbx-a", NOW.minusSeconds(300)));
		store.store(report("r2", "pbx-b", NOW.minusSeconds(200)));
		store.store(report("r3", "pbx-a", NOW.minusSeconds(100)));
		FileReportStore reopened = open(100);
		assertEquals(3, reopened.size());
		assertEquals(Optional.of("pbx-b"), reopened.get("r2").map(DiagnosticReport::target));
		assertEquals(List.of("r3", "r2", "r1"), ids(reopened.find(ReportQuery.newest(10))));
		assertEquals(List.of("r3"), ids(reopened.find(ReportQuery.newest(1))));
		assertEquals(List.of("r3", "r1"), ids(reopened.find(new ReportQuery(Optional.of("PBX-A"), Optional.empty(), Optional.empty(), 10))));
		assertEquals(List.of("r2"), ids(reopened.find(new ReportQuery(Optional.empty(), Optional.of(NOW.minusSeconds(250)),
				Optional.of(NOW.minusSeconds(100)), 10))), "from inclusive, to exclusive");
		assertEquals(Optional.empty(), reopened.get("nope"));
	}

	@Test
	void retentionKeepsTheNewestAndDropsTheTooOld() throws IOException {
		FileReportStore store = open(2);
		store.store(report("old", "pbx", NOW.minus(Duration.ofDays(31))));
		assertEquals(0, store.size(), "older than the maximum age");
		store.store(report("a", "pbx", NOW.minusSeconds(3)));
		store.store(report("b", "pbx", NOW.minusSeconds(2)));
		store.store(report("c", "pbx", NOW.minusSeconds(1)));
		assertEquals(List.of("c", "b"), ids(store.find(ReportQuery.newest(10))));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(2, files.count(), "deleted from disk too");
		}
	}

	@Test
	void aReportIsStoredEvenFromAnInterruptedThread() {
		// The engine may finish a cancelled run on a thread whose interrupt flag is set.
		FileReportStore store = open(100);
		Thread.currentThread().interrupt();
		try {
			store.store(report("r-interrupted", "pbx-a", NOW));
		} finally {
			Thread.interrupted();
		}
		assertEquals(Optional.of("pbx-a"), open(100).get("r-interrupted").map(DiagnosticReport::target));
	}

	/**
	 * kill -9 while reports are being written: every report whose store() returned is intact, at
	 * most the one being written is lost, and no file of the store is left unreadable.
	 */
	@Test
	void aKillDuringAWriteLosesAtMostThatReportAndCorruptsNothing() throws Exception {
		Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), dir.toString())
				.redirectError(ProcessBuilder.Redirect.DISCARD).start();
		List<String> confirmed = new ArrayList<>();
		try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream(),
				java.nio.charset.StandardCharsets.UTF_8))) {
			String line;
			while (confirmed.size() < 40 && (line = lines.readLine()) != null) {
				confirmed.add(line);
			}
			writer.destroyForcibly(); // SIGKILL, in the middle of the next writes
			writer.waitFor();
		}
		assertEquals(40, confirmed.size(), "the writer stored reports before it was killed");

		FileReportStore reopened = open(100_000);
		for (String id : confirmed) {
			assertTrue(reopened.get(id).isPresent(), "confirmed report " + id + " survived");
		}
		assertTrue(log.stream().noneMatch(message -> message.contains("unreadable")), "no corrupted file: " + log);
		// The interrupted write's temporary file may still be there: only a stale one is a crash's
		// leftover (a fresh one could be another process's write in progress).
		try (Stream<Path> files = Files.list(dir)) {
			for (Path temp : files.filter(f -> f.getFileName().toString().startsWith(FileReportStore.TEMP_PREFIX)).toList()) {
				Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.from(
						Instant.now().minus(FileReportStore.STALE_TEMP).minusSeconds(60)));
			}
		}
		open(100_000);
		try (Stream<Path> files = Files.list(dir)) {
			assertTrue(files.noneMatch(file -> file.getFileName().toString().startsWith(FileReportStore.TEMP_PREFIX)),
					"the temporary file of the interrupted write was cleaned up once stale");
		}
	}

	/**
	 * The console and a command-line run share the directory: what one process stores, the other's
	 * next query sees, once; and what it deletes, the other forgets.
	 */
	@Test
	void reportsAnotherProcessStoresShowAtTheNextQueryOnce() throws IOException {
		FileReportStore console = open(100);
		FileReportStore commandLine = open(100);
		assertEquals(List.of(), console.find(ReportQuery.newest(10)));
		commandLine.store(report("from-cli", "pbx-a", NOW.minusSeconds(5)));
		assertEquals(List.of("from-cli"), ids(console.find(ReportQuery.newest(10))));
		assertEquals(Optional.of("pbx-a"), console.get("from-cli").map(DiagnosticReport::target));
		commandLine.store(report("from-cli", "pbx-b", NOW.minusSeconds(5))); // replaced, same id
		assertEquals(List.of("from-cli"), ids(console.find(ReportQuery.newest(10))));
		assertEquals("pbx-b", console.get("from-cli").orElseThrow().target());
		console.store(report("from-console", "pbx-a", NOW.minusSeconds(1)));
		assertEquals(List.of("from-console", "from-cli"), ids(commandLine.find(ReportQuery.newest(10))));
		Files.delete(dir.resolve(FileReportStore.fileName("from-cli")));
		assertEquals(List.of("from-console"), ids(console.find(ReportQuery.newest(10))));
		assertEquals(1, console.size());
		assertTrue(log.isEmpty(), log.toString());
	}

	@Test
	void aFreshTemporaryFileIsAnotherWritersAndIsLeftAlone() throws IOException {
		Path inProgress = dir.resolve(FileReportStore.TEMP_PREFIX + "0123-other.json");
		Files.writeString(inProgress, "{\"half");
		open(10);
		assertTrue(Files.exists(inProgress), "another process's write in progress is not removed");
	}

	/** Two processes storing at once, while this one queries: nothing lost, nothing twice. */
	@Test
	void twoProcessesStoringAtOnceLoseNothing() throws Exception {
		int each = 150;
		List<Process> writers = new ArrayList<>();
		for (String prefix : List.of("one-", "two-")) {
			writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), dir.toString(), prefix,
					Integer.toString(each)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.INHERIT).start());
		}
		FileReportStore reader = new FileReportStore(dir, 100_000, Duration.ofDays(365), Clock.systemUTC(), log::add);
		while (writers.stream().anyMatch(Process::isAlive)) {
			List<String> seen = ids(reader.find(ReportQuery.newest(100_000)));
			assertEquals(seen.size(), new java.util.HashSet<>(seen).size(), "no report twice while they write");
		}
		for (Process writer : writers) {
			assertEquals(0, writer.waitFor(), "a writer failed");
		}
		List<String> all = ids(reader.find(ReportQuery.newest(100_000)));
		assertEquals(2 * each, all.size(), "every report of both processes is there, once");
		for (String prefix : List.of("one-", "two-")) {
			for (int i = 0; i < each; i++) {
				assertTrue(all.contains(prefix + i), prefix + i + " was lost");
			}
		}
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(2 * each, files.filter(f -> f.getFileName().toString().endsWith(FileReportStore.SUFFIX)).count());
		}
		assertTrue(log.stream().noneMatch(m -> m.contains("unreadable")), log.toString());
	}

	@Test
	void storingTheSameIdReplacesIt() {
		FileReportStore store = open(10);
		store.store(report("same", "pbx-a", NOW.minusSeconds(10)));
		store.store(report("same", "pbx-b", NOW.minusSeconds(5)));
		assertEquals(1, store.size());
		assertEquals("pbx-b", store.get("same").orElseThrow().target());
	}

	@Test
	void aCrashLeavesNoHalfWrittenReportAndUnreadableFilesAreSkipped() throws IOException {
		FileReportStore store = open(10);
		store.store(report("good", "pbx", NOW.minusSeconds(10)));
		Path crashed = dir.resolve(FileReportStore.TEMP_PREFIX + "crashed.json");
		Files.writeString(crashed, "{\"half");
		Files.setLastModifiedTime(crashed, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Files.writeString(dir.resolve("garbage.json"), "not json");
		FileReportStore reopened = open(10);
		assertEquals(1, reopened.size());
		assertFalse(Files.exists(dir.resolve(FileReportStore.TEMP_PREFIX + "crashed.json")), "stale temporary files are removed");
		assertTrue(log.stream().anyMatch(l -> l.contains("garbage.json")), log.toString());
		assertEquals(ReportJson.write(report("good", "pbx", NOW.minusSeconds(10))), ReportJson.write(reopened.get("good").orElseThrow()));
	}

	@Test
	void oddIdsMakeSafeDistinctFileNames() {
		assertEquals("abc-1_2.json", FileReportStore.fileName("abc-1_2"));
		assertEquals("~002e~002e~002fetc.json", FileReportStore.fileName("../etc"));
		assertFalse(FileReportStore.fileName("a/b").equals(FileReportStore.fileName("a~b")));
		FileReportStore store = open(10);
		store.store(report("../escape", "pbx", NOW));
		assertEquals(1, store.size());
		assertTrue(store.get("../escape").isPresent());
	}

	static List<String> ids(List<DiagnosticReport> reports) {
		return reports.stream().map(DiagnosticReport::id).toList();
	}
}
