package org.mediapath.console.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Quick diagnoses for the in-framework tests: against 127.0.0.1 on a TCP port nothing listens on,
 * so the signalling check is refused at once and every media check is skipped; only loopback is
 * ever touched.
 */
final class Diagnoses {

	static final Duration SERVICE_WAIT = Duration.ofSeconds(30);
	static final Duration REPORT_WAIT = Duration.ofSeconds(90);

	private Diagnoses() {
	}

	/**
	 * One closed port for the whole run: the probe keeps the latest result per target (host and
	 * port) as a service, so a fresh port per diagnosis would add a service each time.
	 */
	private static int closedPort;

	/** A request to 127.0.0.1 whose signalling port is closed (nothing listens there). */
	static synchronized DiagnosisRequest closedLoopback() throws IOException {
		if (closedPort == 0) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				closedPort = socket.getLocalPort();
			}
		}
		return new DiagnosisRequest("127.0.0.1", closedPort, new PortRange(30000, 30010), new PortRange(49152, 49162),
				Optional.empty(), Optional.empty(), Optional.empty(), false);
	}

	/**
	 * The current service, looked up afresh (the diagnosis bundle may have been restarted). The use
	 * is deliberately never released: releasing the last use of a delayed DS component would
	 * deactivate it, and a deactivated engine ends its running diagnoses.
	 */
	static <S> S await(BundleContext context, Class<S> type) throws InterruptedException {
		long deadline = System.nanoTime() + SERVICE_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			ServiceReference<S> reference = context.getServiceReference(type);
			if (reference != null) {
				S service = context.getService(reference);
				if (service != null) {
					return service;
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("no " + type.getSimpleName() + " service within " + SERVICE_WAIT);
	}

	static DiagnosticReport run(BundleContext context, DiagnosisProgressListener listener) throws Exception {
		DiagnosisRun run = start(context, listener);
		return report(run);
	}

	static DiagnosisRun start(BundleContext context, DiagnosisProgressListener listener) throws Exception {
		return await(context, DiagnosisService.class).start(closedLoopback(), listener);
	}

	static DiagnosticReport report(DiagnosisRun run) throws Exception {
		return run.report().toCompletableFuture().get(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	static Optional<CheckResult> check(DiagnosticReport report, String checkId) {
		return report.checks().stream().filter(c -> c.checkId().equals(checkId)).findFirst();
	}
}
