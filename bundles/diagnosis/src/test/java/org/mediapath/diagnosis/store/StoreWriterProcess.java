package org.mediapath.diagnosis.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A separate JVM that stores reports as fast as it can and prints each id once {@code store}
 * returned, so that a test can kill it with SIGKILL in the middle of a write. With a prefix and a
 * count it stores that many reports and exits: two of them at once are two processes sharing a
 * store.
 */
public final class StoreWriterProcess {

	private StoreWriterProcess() {
	}

	public static void main(String[] args) {
		FileReportStore store = new FileReportStore(Path.of(args[0]), 100_000, Duration.ofDays(365),
				Clock.systemUTC(), message -> {
				});
		String prefix = args.length > 1 ? args[1] : "killed-";
		long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
		for (long i = 0; i < count; i++) {
			String id = prefix + i;
			store.store(FileReportStoreTest.report(id, "pbx-" + (i % 7), Instant.now()));
			System.out.println(id);
			System.out.flush();
		}
	}
}
