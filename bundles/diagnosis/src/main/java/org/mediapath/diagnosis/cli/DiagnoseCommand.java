package org.mediapath.diagnosis.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.diagnosis.DiagnosisProgressListener;
import org.mediapath.api.diagnosis.DiagnosisRun;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Verdict;
import org.mediapath.diagnosis.json.ReportJson;
import org.mediapath.protocol.ControlClient;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code mediapath diagnose} as plain Java, shared by the subcommand and the Gogo command: parse
 * and validate, run one diagnosis, print it, and return the exit code of the public contract.
 */
final class DiagnoseCommand {

	/** How long past the engine's own bound we wait before giving up on a report (the engine always ends first). */
	static final Duration WAIT_MARGIN = Duration.ofSeconds(90);
	/** How long an unpinned responder is given to show its certificate. */
	static final Duration PIN_LOOKUP_TIMEOUT = Duration.ofSeconds(3);

	private DiagnoseCommand() {
	}

	/** The options a PBX kept by name replaces. */
	static final List<String> NAMED_BY_PBX = List.of("--server", "--signalling-port", "--server-ports", "--client-ports",
			"--responder", "--secret-file");

	static int run(DiagnosisService service, List<String> arguments, CommandIO io) {
		return run(service, null, null, arguments, io);
	}

	static int run(DiagnosisService service, PbxDirectory pbxs, List<String> arguments, CommandIO io) {
		return run(service, pbxs, null, arguments, io);
	}

	static int run(DiagnosisService service, FirewallAnalysisService firewall, List<String> arguments, CommandIO io) {
		return run(service, null, firewall, arguments, io);
	}

	/**
	 * @param pbxs the PBXs kept by name, or null where the runtime has none
	 * @param firewall the firewall analysis, or null where the firewall bundle is not installed: then
	 *        {@code --firewall-from} is refused and no local ruleset is read
	 */
	static int run(DiagnosisService service, PbxDirectory pbxs, FirewallAnalysisService firewall, List<String> arguments,
			CommandIO io) {
		DiagnoseOptions options = new DiagnoseOptions();
		CommandLine parser = new CommandLine(options);
		DiagnosisRequest request;
		List<FirewallRemediation.Paste> pastes;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			if (options.pbx != null) {
				for (String named : NAMED_BY_PBX) {
					if (parser.getParseResult().hasMatchedOption(named)) {
						throw new IllegalArgumentException("--pbx: the PBX names the server, its ports, the responder and "
								+ "its secret; leave out " + named);
					}
				}
				request = pbxRequest(pbxs, options);
			} else {
				request = request(options);
			}
			requirePin("--responder", request.responder(), request.responderFingerprint(), "--responder-fingerprint");
			requirePin("--peer", request.peer(), request.peerFingerprint(), "--peer-fingerprint");
			pastes = FirewallRemediation.pastes(options.firewallFrom, firewall);
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError("diagnose", e.getMessage());
		}
		DiagnosisProgressListener progress = options.json ? DiagnosisProgressListener.NONE : new DiagnosisProgressListener() {
			@Override
			public void checkFinished(String runId, CheckResult result) {
				io.err().println("  " + result.status() + "  " + result.title());
			}
		};
		if (!options.json) {
			io.err().println("Diagnosing " + request.server() + " ...");
		}
		DiagnosisRun run = service.start(request, progress, org.mediapath.api.report.VantagePoint.COMMAND_LINE);
		DiagnosticReport report;
		try {
			report = run.report().toCompletableFuture().get(WAIT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			// Ctrl-C or a stopping framework: cancel, and still print what was found
			run.cancel();
			Thread.currentThread().interrupt();
			try {
				report = run.report().toCompletableFuture().get(5, TimeUnit.SECONDS);
			} catch (InterruptedException | ExecutionException | TimeoutException again) {
				io.err().println("diagnose: interrupted before a report was ready");
				return Subcommand.EXIT_FAILURE;
			}
		} catch (ExecutionException | TimeoutException e) {
			run.cancel();
			io.err().println("diagnose: no report: " + CommandIO.oneLine(String.valueOf(e.getCause() == null ? e : e.getCause())));
			return Subcommand.EXIT_FAILURE;
		}
		if (firewall != null) {
			report = FirewallRemediation.annotate(report, pastes, firewall);
		}
		if (options.json) {
			io.out().println(ReportJson.write(report));
		} else {
			HumanReport.print(report, io.out());
		}
		io.out().flush();
		return exitCode(report);
	}

	/** @return the contract's exit code for a report's verdict: 0 OK, 1 a cause found, 3 inconclusive */
	public static int exitCode(DiagnosticReport report) {
		return switch (report.verdict()) {
		case OK -> Subcommand.EXIT_OK;
		case FAILED -> Subcommand.EXIT_FOUND;
		case INCONCLUSIVE -> Subcommand.EXIT_FAILURE;
		};
	}

	/** @throws IllegalArgumentException naming the option that is wrong */
	static DiagnosisRequest pbxRequest(PbxDirectory pbxs, DiagnoseOptions o) {
		String name = o.pbx.strip();
		DiagnosisRequest q = namedPbx(pbxs, o.pbx);
		Optional<HostAndPort> peer = Optional.ofNullable(o.peer).map(p -> HostAndPort.parse("--peer", p, -1));
		if (peer.isPresent() && q.secretReference().isEmpty()) {
			throw new IllegalArgumentException("--peer: the PBX '" + name + "' has no stored secret to authenticate with");
		}
		// the PBX's pin is the default; one typed on the command line overrides it
		Optional<String> responderPin = Optional.ofNullable(o.responderFingerprint).or(q::responderFingerprint);
		return new DiagnosisRequest(q.server(), q.signallingPort(), q.serverPorts(), q.clientPorts(), q.responder(),
				q.secretReference(), peer, q.requireVpn() || o.requireVpn, responderPin,
				Optional.ofNullable(o.peerFingerprint));
	}

	/**
	 * A PBX kept by name, as {@code --pbx NAME} names it (shared by every subcommand that takes it).
	 *
	 * @param pbxs the directory, or null where the runtime keeps none
	 * @param typed the name as typed
	 * @return the PBX's request, with its stored secret by reference and its pinned fingerprint
	 * @throws IllegalArgumentException naming --pbx and what is wrong
	 */
	static DiagnosisRequest namedPbx(PbxDirectory pbxs, String typed) {
		String name = typed == null ? "" : typed.strip();
		if (name.isEmpty()) {
			throw new IllegalArgumentException("--pbx: a PBX name is required");
		}
		if (pbxs == null) {
			throw new IllegalArgumentException("--pbx: this runtime keeps no PBXs (the org.mediapath.pbx bundle is not installed)");
		}
		try {
			return pbxs.request(name);
		} catch (IllegalArgumentException e) {
			String m = e.getMessage() == null ? "no such PBX" : e.getMessage();
			throw new IllegalArgumentException(m.startsWith("pbx:") ? "--" + m : "--pbx: " + m, e);
		}
	}

	/**
	 * No trust on first use: a responder given without its pin is asked for its certificate (nothing
	 * else is sent), and the command stops, naming the fingerprint and the option that pins it. One
	 * that cannot be reached is left to the checks, which say so.
	 */
	static void requirePin(String option, Optional<HostAndPort> responder, Optional<String> pin, String pinOption) {
		if (responder.isEmpty() || pin.isPresent()) {
			return;
		}
		String fingerprint;
		try {
			fingerprint = ControlClient.fingerprintOf(new InetSocketAddress(responder.get().host(), responder.get().port()),
					PIN_LOOKUP_TIMEOUT);
		} catch (IOException unreachable) {
			if (unreachable.getMessage() != null && unreachable.getMessage().startsWith("control channel: ")) {
				throw new IllegalArgumentException(option + " " + responder.get() + ": "
						+ unreachable.getMessage().substring("control channel: ".length()));
			}
			return;
		}
		throw new IllegalArgumentException(option + " " + responder.get() + " is not pinned: its TLS certificate's SHA-256"
				+ " fingerprint is " + fingerprint + "; nothing was sent to it. If that is the fingerprint the responder printed"
				+ " at its start, run again with " + pinOption + " " + fingerprint);
	}

	/** @throws IllegalArgumentException naming the option that is wrong */
	static DiagnosisRequest request(DiagnoseOptions o) {
		int signallingPort = PortRange.parse("--signalling-port", o.signallingPort).first();
		PortRange signalling = PortRange.parse("--signalling-port", o.signallingPort);
		if (signalling.size() != 1) {
			throw new IllegalArgumentException("--signalling-port: '" + o.signallingPort + "' must be one port, not a range");
		}
		PortRange serverPorts = PortRange.parse("--server-ports", o.serverPorts);
		PortRange clientPorts = PortRange.parse("--client-ports", o.clientPorts);
		Optional<HostAndPort> responder = Optional.ofNullable(o.responder).map(r -> HostAndPort.parse("--responder", r, -1));
		Optional<HostAndPort> peer = Optional.ofNullable(o.peer).map(p -> HostAndPort.parse("--peer", p, -1));
		Optional<String> secret = Optional.ofNullable(o.secretFile).map(DiagnoseCommand::checkedSecretFile);
		if ((responder.isPresent() || peer.isPresent()) && secret.isEmpty()) {
			throw new IllegalArgumentException((responder.isPresent() ? "--responder" : "--peer")
					+ ": needs --secret-file FILE holding the responder's secret");
		}
		String server = o.server == null ? "" : o.server.strip();
		if (server.isEmpty()) {
			throw new IllegalArgumentException("--server: a host name or address is required (or --pbx NAME)");
		}
		try {
			return new DiagnosisRequest(server, signallingPort, serverPorts, clientPorts, responder, secret, peer, o.requireVpn,
					Optional.ofNullable(o.responderFingerprint), Optional.ofNullable(o.peerFingerprint));
		} catch (IllegalArgumentException e) {
			// the request names its fields without dashes; the user typed options
			String m = e.getMessage();
			throw new IllegalArgumentException(m.startsWith("server:") || m.startsWith("signalling-port:")
					|| m.startsWith("responder-fingerprint:") || m.startsWith("peer-fingerprint:") ? "--" + m : m, e);
		}
	}

	static String checkedSecretFile(String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("--secret-file: a file name is required");
		}
		Path file;
		try {
			file = Path.of(text.strip());
		} catch (RuntimeException e) {
			throw new IllegalArgumentException("--secret-file: '" + text + "' is not a valid path");
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new IllegalArgumentException("--secret-file: " + file + " does not exist or cannot be read");
		}
		try {
			if (Files.size(file) == 0) {
				throw new IllegalArgumentException("--secret-file: " + file + " is empty");
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("--secret-file: " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
		}
		return file.toString();
	}

}
