package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.DiagnosticReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * A partner check bundle (built at test time by {@link CheckBundles}, importing only the API)
 * installed, updated and removed while the console runs: through FileInstall's load/ in the middle
 * of a diagnosis, and 50 times in a row without leaking threads, services or file descriptors.
 */
@ExtendWith(BundleContextExtension.class)
class CheckBundleLifecycleTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@InjectBundleContext
	BundleContext context;

	@BeforeEach
	void awaitStart() throws InterruptedException {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
	}

	@Test
	void aCheckBundleHotUpdatedThroughLoadDuringADiagnosisIsNotedMissingThenTakesPartInItsNewVersion()
			throws Exception {
		String bsn = "org.mediapath.test.loadcheck";
		String checkId = "test-load-check";
		Path jar = Path.of(context.getProperty("felix.fileinstall.dir")).resolve("loadcheck.jar");

		// v1 is slow, so that the update lands while it runs
		CheckBundles.drop(jar, CheckBundles.tinyCheck(context, bsn, "1.0.0", checkId, 5_000));
		assertThat(Frameworks.await(() -> checkVersion(checkId).equals(Optional.of("1.0.0")), WAIT))
				.as("v1 installed from load/ and its check registered").isTrue();

		CountDownLatch running = new CountDownLatch(1);
		DiagnosisRun run = Diagnoses.start(context, new DiagnosisProgressListener() {
			@Override
			public void checkStarted(String runId, String startedId, String title) {
				if (startedId.equals(checkId)) {
					running.countDown();
				}
			}
		});
		assertThat(running.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the v1 check started").isTrue();

		CheckBundles.drop(jar, CheckBundles.tinyCheck(context, bsn, "2.0.0", checkId, 0));
		DiagnosticReport during = Diagnoses.report(run);
		CheckResult missing = Diagnoses.check(during, checkId).orElseThrow();
		assertThat(missing.status()).as("the running report notes the check that went away").isEqualTo(CheckStatus.ERROR);
		assertThat(missing.summary()).contains("went away");
		assertThat(during.duration()).as("the report did not wait for the departed check's 5 s")
				.isLessThan(Duration.ofSeconds(5));

		assertThat(Frameworks.await(() -> checkVersion(checkId).equals(Optional.of("2.0.0")), WAIT))
				.as("updated in place to v2").isTrue();
		assertThat(bundles(bsn)).hasSize(1);
		DiagnosticReport next = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		CheckResult v2 = Diagnoses.check(next, checkId).orElseThrow();
		assertThat(v2.status()).isEqualTo(CheckStatus.PASS);
		assertThat(v2.summary()).as("the next report includes the new version").contains("2.0.0");

		Files.delete(jar);
		assertThat(Frameworks.await(() -> bundles(bsn).isEmpty() && checkVersion(checkId).isEmpty(), WAIT))
				.as("removing the jar uninstalls the bundle and its check").isTrue();
		DiagnosticReport after = Diagnoses.run(context, DiagnosisProgressListener.NONE);
		assertThat(Diagnoses.check(after, checkId)).as("a removed check is gone from the next report").isEmpty();
	}

	@Test
	void fiftyInstallUpdateUninstallCyclesLeakNoThreadsServicesOrFileDescriptors() throws Exception {
		String bsn = "org.mediapath.test.cyclecheck";
		String checkId = "test-cycle-check";
		byte[] v1 = CheckBundles.tinyCheck(context, bsn, "1.0.0", checkId, 0);
		byte[] v2 = CheckBundles.tinyCheck(context, bsn, "2.0.0", checkId, 0);

		// one warm-up cycle with a diagnosis: lazily created pools, the published result service
		cycle(bsn, checkId, v1, v2, true);
		awaitQuiet();
		int threads = Thread.getAllStackTraces().size();
		java.util.List<String> services = services();
		int fds = openFileDescriptors();

		for (int i = 1; i <= 50; i++) {
			cycle(bsn, checkId, v1, v2, i % 10 == 0);
		}
		awaitQuiet();

		int threadBound = threads + 4;
		assertThat(Frameworks.await(() -> Thread.getAllStackTraces().size() <= threadBound, WAIT))
				.as("threads: %d before, %d after 50 cycles", threads, Thread.getAllStackTraces().size()).isTrue();
		java.util.List<String> added = new java.util.ArrayList<>(services());
		services.forEach(added::remove);
		assertThat(added).as("services registered after 50 cycles that were not there before").isEmpty();
		int fdBound = fds + 10;
		assertThat(Frameworks.await(() -> openFileDescriptors() <= fdBound, WAIT))
				.as("file descriptors (sockets, jars): %d before, %d after", fds, openFileDescriptors()).isTrue();
		assertThat(Thread.getAllStackTraces().keySet()).as("no check thread left running")
				.noneMatch(t -> t.getName().contains("tinycheck"));
	}

	private void cycle(String bsn, String checkId, byte[] v1, byte[] v2, boolean diagnose) throws Exception {
		Bundle bundle = context.installBundle("test:" + bsn, new ByteArrayInputStream(v1));
		bundle.start();
		assertThat(checkVersion(checkId)).as("v1 check registered on start").contains("1.0.0");
		bundle.update(new ByteArrayInputStream(v2));
		assertThat(Frameworks.await(() -> checkVersion(checkId).equals(Optional.of("2.0.0")), WAIT))
				.as("v2 check registered after update").isTrue();
		if (diagnose) {
			DiagnosticReport report = Diagnoses.run(context, DiagnosisProgressListener.NONE);
			assertThat(Diagnoses.check(report, checkId).map(CheckResult::summary)).as("v2 takes part")
					.hasValueSatisfying(s -> assertThat(s).contains("2.0.0"));
		}
		bundle.uninstall();
		refresh();
		assertThat(checkVersion(checkId)).as("check gone with its bundle").isEmpty();
	}

	/** Drops the old revisions (and their jar files) of updated and uninstalled bundles. */
	private void refresh() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> {
			if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
				done.countDown();
			}
		});
		assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("packages refreshed").isTrue();
	}

	private void awaitQuiet() throws InterruptedException {
		// let pools retire idle workers and EventAdmin deliver, so that counts compare like with like
		Thread.sleep(1500);
		System.gc();
	}

	private Optional<String> checkVersion(String checkId) {
		try {
			ServiceReference<?>[] references = context.getServiceReferences(DiagnosticCheck.class.getName(),
					"(" + DiagnosticCheck.CHECK_ID + "=" + checkId + ")");
			return references == null || references.length == 0 ? Optional.empty()
					: Optional.ofNullable((String) references[0].getProperty("tiny.version"));
		} catch (InvalidSyntaxException e) {
			throw new IllegalArgumentException(e);
		}
	}

	private java.util.List<Bundle> bundles(String bsn) {
		return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).toList();
	}

	/** Every registered service as "objectClass from bundle", a multiset to diff. */
	private java.util.List<String> services() throws InvalidSyntaxException {
		ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
		return all == null ? java.util.List.of() : Arrays.stream(all)
				.map(r -> Arrays.toString((String[]) r.getProperty(org.osgi.framework.Constants.OBJECTCLASS)) + " "
						+ r.getProperty(DiagnosticCheck.CHECK_ID) + " from "
						+ (r.getBundle() == null ? "?" : r.getBundle().getSymbolicName()))
				.toList();
	}

	private static int openFileDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return (int) fds.count();
		} catch (IOException e) {
			throw new IllegalStateException("cannot count /proc/self/fd", e);
		}
	}
}
