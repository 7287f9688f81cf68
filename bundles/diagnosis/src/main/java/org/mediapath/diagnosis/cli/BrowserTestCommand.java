package org.mediapath.diagnosis.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.browser.PortState;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.diagnosis.browser.VpnRanges;
import org.mediapath.diagnosis.json.ReportJson;
import org.mediapath.protocol.BrowserJson;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code mediapath browser-test invite|results|invitations}: the test from a user's own PC, from the
 * command line. It asks the PBX's responder (over its control channel, through
 * {@link BrowserTestService}) for a link, reads the runs made with it, and turns each finished run into
 * a stored report ({@link BrowserRunDiagnosis}) printed like {@code diagnose}'s. Plain Java, shared by
 * the subcommand and the Gogo command.
 */
final class BrowserTestCommand {

	static final String NAME = "browser-test";
	static final List<String> ACTIONS = List.of("invite", "results", "invitations");
	/** How often {@code results --wait} asks the responder. */
	static final Duration POLL = Duration.ofMillis(500);
	/** The longest {@code --wait}. */
	static final long MAX_WAIT_SECONDS = 3600;

	private BrowserTestCommand() {
	}

	/** The PBX: by name, or its responder typed out. */
	static final class PbxOptions {
		@Option(names = "--pbx", paramLabel = "NAME", description = "A PBX kept by name in the console (its responder, "
				+ "the responder's fingerprint and stored secret). Instead of --responder, --secret-file, --server, --server-ports.")
		String pbx;

		@Option(names = "--responder", paramLabel = "HOST:PORT", description = "The control address of the PBX's mediapath "
				+ "responder (started with --web-port, which serves the page).")
		String responder;

		@Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the responder's secret (with --responder).")
		String secretFile;

		@Option(names = "--responder-fingerprint", paramLabel = "SHA256", description = "SHA-256 fingerprint of the responder's "
				+ "TLS certificate, as it printed it at its start (with --pbx: overrides the PBX's).")
		String responderFingerprint;

		@Option(names = "--server", paramLabel = "HOST", description = "The PBX server's name the reports are kept under "
				+ "(default: the responder's host).")
		String server;

		@Option(names = "--server-ports", paramLabel = "RANGE", description = "The PBX's UDP media ports (default: 30000-33000).")
		String serverPorts;

		@Option(names = "--signalling-port", paramLabel = "PORT", description = "The PBX's TCP signalling port, for the "
				+ "console's own diagnosis of the server's side (default: 2230).")
		String signallingPort;
	}

	@Command(name = "browser-test invite", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
			description = "Asks the PBX's responder for a link to send to a user: opened in the user's browser, it tests "
					+ "the media path from the user's PC (no install).",
			exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:the link was made", "2:bad usage or input",
					"3:the responder cannot be reached or refused (e.g. its web port is off)" })
	static final class InviteOptions {
		@Mixin
		PbxOptions pbx = new PbxOptions();

		@Option(names = "--uses", defaultValue = "1", paramLabel = "N", description = "How many runs the link allows, 1-1000 (default: ${DEFAULT-VALUE}).")
		String uses;

		@Option(names = "--expires", defaultValue = "24h", paramLabel = "DURATION", description = "How long the link works: "
				+ "e.g. 30m, 24h, 7d (1 minute to 30 days; default: ${DEFAULT-VALUE}).")
		String expires;

		@Option(names = "--label", defaultValue = "", paramLabel = "TEXT", description = "A note shown with the runs (\"ticket 4711, Anna\"), at most 200 characters.")
		String label;

		@Option(names = "--require-vpn", description = "Policy: the PBX is to be reached only through the VPN.")
		boolean requireVpn;

		@Option(names = "--vpn-ranges", paramLabel = "CIDR[,CIDR...]", description = "The VPN's client address pools "
				+ "(e.g. 10.8.0.0/24): a browser seen from one came through the VPN.")
		String vpnRanges;

		@Option(names = "--json", description = "Print the invitation as one JSON object.")
		boolean json;
	}

	@Command(name = "browser-test results", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
			description = "Reads the runs made with the PBX's links and prints a report for each finished one (stored in "
					+ "the history, like diagnose's).",
			exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:the newest finished run's media path is OK",
					"1:it found a cause", "2:bad usage or input",
					"3:it was inconclusive, no run finished in time, or the responder cannot be reached" })
	static final class ResultsOptions {
		@Mixin
		PbxOptions pbx = new PbxOptions();

		@Option(names = "--token", paramLabel = "T", description = "Only the runs of this link.")
		String token;

		@Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS", description = "Wait up to SECONDS for a "
				+ "finished run (default: ${DEFAULT-VALUE}); progress goes to stderr.")
		String waitSeconds;

		@Option(names = "--json", description = "One JSON document: {\"runs\": [{\"run\": {...}, \"report\": {...}}]}.")
		boolean json;
	}

	@Command(name = "browser-test invitations", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
			description = "Lists the links the PBX's responder keeps, newest first.",
			exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:listed (also when there is none)",
					"2:bad usage or input", "3:the responder cannot be reached or refused" })
	static final class InvitationsOptions {
		@Mixin
		PbxOptions pbx = new PbxOptions();

		@Option(names = "--json", description = "One JSON document: {\"invitations\": [...]}.")
		boolean json;
	}

	/**
	 * @param service the console's side of the browser test, or null where the runtime has none
	 * @param diagnosis turns a run into a report
	 * @param pbxs the PBXs kept by name, or null
	 * @param arguments the action and its options
	 * @param io the streams
	 * @param clock monotonic milliseconds, for --wait
	 * @return the exit code
	 */
	static int run(BrowserTestService service, BrowserRunDiagnosis diagnosis, PbxDirectory pbxs, List<String> arguments,
			CommandIO io, LongSupplier clock) {
		if (arguments.isEmpty() || arguments.get(0).equals("--help") || arguments.get(0).equals("-h")) {
			io.out().println("Usage: mediapath browser-test invite|results|invitations [OPTIONS]   (--help after one for its options)");
			io.out().println("  invite       a link for a user's browser to test the media path from the user's PC");
			io.out().println("  results      a report for each finished run (exit 0 OK, 1 cause, 3 inconclusive or none finished)");
			io.out().println("  invitations  the links the PBX's responder keeps");
			return arguments.isEmpty() ? io.usageError(NAME, "name an action: invite, results or invitations") : Subcommand.EXIT_OK;
		}
		String action = arguments.get(0);
		List<String> rest = arguments.subList(1, arguments.size());
		return switch (action) {
		case "invite" -> invite(service, pbxs, rest, io);
		case "results" -> results(service, diagnosis, pbxs, rest, io, clock);
		case "invitations" -> invitations(service, pbxs, rest, io);
		default -> io.usageError(NAME, "'" + action + "' is not one of invite, results, invitations");
		};
	}

	private static int invite(BrowserTestService service, PbxDirectory pbxs, List<String> arguments, CommandIO io) {
		InviteOptions o = new InviteOptions();
		CommandLine parser = new CommandLine(o);
		DiagnosisRequest pbx;
		InvitationRequest request;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			int uses = integer("--uses", o.uses);
			Duration validFor = duration("--expires", o.expires);
			List<String> ranges = o.vpnRanges == null ? List.of() : VpnRanges.parseList("--vpn-ranges", o.vpnRanges);
			pbx = pbx(parser, o.pbx, pbxs);
			try {
				request = new InvitationRequest(uses, validFor, o.label,
						new BrowserTestPolicy(o.requireVpn || pbx.requireVpn(), ranges));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("--" + e.getMessage(), e);
			}
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError(NAME + " invite", e.getMessage());
		}
		if (service == null) {
			return noService(io, "invite");
		}
		BrowserInvitation invitation;
		try {
			invitation = service.invite(pbx, request);
		} catch (IOException | IllegalArgumentException e) {
			return refused(io, "invite", o.pbx.pbx, pbx, e);
		}
		if (o.json) {
			io.out().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(tree(BrowserJson.invitation(invitation))));
		} else {
			printInvitation(invitation, io, true);
		}
		io.out().flush();
		return Subcommand.EXIT_OK;
	}

	private static int invitations(BrowserTestService service, PbxDirectory pbxs, List<String> arguments, CommandIO io) {
		InvitationsOptions o = new InvitationsOptions();
		CommandLine parser = new CommandLine(o);
		DiagnosisRequest pbx;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			pbx = pbx(parser, o.pbx, pbxs);
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError(NAME + " invitations", e.getMessage());
		}
		if (service == null) {
			return noService(io, "invitations");
		}
		List<BrowserInvitation> list;
		try {
			list = service.invitations(pbx);
		} catch (IOException | IllegalArgumentException e) {
			return refused(io, "invitations", o.pbx.pbx, pbx, e);
		}
		if (o.json) {
			JsonArray a = new JsonArray();
			list.forEach(i -> a.add(tree(BrowserJson.invitation(i))));
			JsonObject doc = new JsonObject();
			doc.add("invitations", a);
			io.out().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc));
		} else if (list.isEmpty()) {
			io.out().println("No links: make one with `mediapath browser-test invite`.");
		} else {
			for (BrowserInvitation i : list) {
				printInvitation(i, io, false);
				io.out().println();
			}
		}
		io.out().flush();
		return Subcommand.EXIT_OK;
	}

	private static int results(BrowserTestService service, BrowserRunDiagnosis diagnosis, PbxDirectory pbxs,
			List<String> arguments, CommandIO io, LongSupplier clock) {
		ResultsOptions o = new ResultsOptions();
		CommandLine parser = new CommandLine(o);
		DiagnosisRequest pbx;
		long waitSeconds;
		Optional<String> token;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			waitSeconds = integer("--wait", o.waitSeconds);
			if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
				throw new IllegalArgumentException("--wait: " + waitSeconds + " is outside 0-" + MAX_WAIT_SECONDS + " seconds");
			}
			if (o.token != null && (o.token.isBlank() || o.token.length() > 200 || o.token.chars().anyMatch(Character::isISOControl))) {
				throw new IllegalArgumentException("--token: not a link's token (the last part of the link)");
			}
			token = Optional.ofNullable(o.token).map(String::strip);
			pbx = pbx(parser, o.pbx, pbxs);
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError(NAME + " results", e.getMessage());
		}
		if (service == null) {
			return noService(io, "results");
		}
		long deadline = clock.getAsLong() + waitSeconds * 1000;
		List<BrowserRun> finished;
		String lastProgress = "";
		while (true) {
			List<BrowserRun> runs;
			try {
				runs = service.runs(pbx, token);
			} catch (IOException | IllegalArgumentException e) {
				return refused(io, "results", o.pbx.pbx, pbx, e);
			}
			finished = runs.stream().filter(r -> r.state() != RunState.RUNNING).toList();
			long left = deadline - clock.getAsLong();
			if (!finished.isEmpty() || left <= 0) {
				break;
			}
			String progress = progress(runs, token, left);
			if (!progress.equals(lastProgress)) {
				io.err().println(progress);
				io.err().flush();
				lastProgress = progress;
			}
			try {
				Thread.sleep(Math.min(POLL.toMillis(), left));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				io.err().println(NAME + " results: interrupted while waiting");
				return Subcommand.EXIT_FAILURE;
			}
		}
		if (finished.isEmpty()) {
			io.err().println(NAME + " results: no finished run" + token.map(t -> " of that link").orElse("")
					+ (waitSeconds > 0 ? " within " + waitSeconds + " s" : " yet (--wait SECONDS waits for one)"));
			if (o.json) {
				io.out().println("{\n  \"runs\": []\n}");
			}
			return Subcommand.EXIT_FAILURE;
		}
		List<BrowserRun> reported = new ArrayList<>();
		List<DiagnosticReport> reports = new ArrayList<>();
		for (BrowserRun run : finished) {
			if (!o.json) {
				io.err().println("Reporting run " + run.id() + " (" + run.browser() + ", " + run.state().name().toLowerCase(Locale.ROOT) + ") ...");
			}
			try {
				reports.add(diagnosis.report(pbx, run));
				reported.add(run);
			} catch (RuntimeException e) {
				io.err().println(NAME + " results: run " + run.id() + " could not be reported: " + CommandIO.oneLine(String.valueOf(e)));
			}
		}
		if (reports.isEmpty()) {
			return Subcommand.EXIT_FAILURE;
		}
		if (o.json) {
			JsonArray a = new JsonArray();
			for (int i = 0; i < reports.size(); i++) {
				JsonObject entry = new JsonObject();
				entry.add("run", tree(BrowserJson.run(reported.get(i))));
				entry.add("report", ReportJson.toJson(reports.get(i)));
				a.add(entry);
			}
			JsonObject doc = new JsonObject();
			doc.add("runs", a);
			io.out().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc));
		} else {
			for (int i = 0; i < reports.size(); i++) {
				BrowserRun run = reported.get(i);
				io.out().println("=== Run " + run.id() + (run.label().isEmpty() ? "" : " \"" + run.label() + "\"") + ", started "
						+ run.started() + ": " + run.browser() + " on " + run.operatingSystem() + ", seen from " + run.seenAddress()
						+ run.timeToVerdict().map(t -> String.format(Locale.ROOT, ", decided in %.1f s", t.toMillis() / 1000.0)).orElse("")
						+ (run.state() == RunState.ABANDONED ? ", abandoned" : ""));
				HumanReport.print(reports.get(i), io.out());
				io.out().println();
			}
		}
		io.out().flush();
		// runs come newest first: the exit code is the newest finished run's verdict
		return DiagnoseCommand.exitCode(reports.get(0));
	}

	private static String progress(List<BrowserRun> runs, Optional<String> token, long leftMillis) {
		List<BrowserRun> running = runs.stream().filter(r -> r.state() == RunState.RUNNING).toList();
		String what = running.isEmpty() ? "no run started yet" + token.map(t -> " with that link").orElse("")
				: running.size() + (running.size() == 1 ? " run" : " runs") + " in progress ("
						+ running.stream().map(r -> r.browser() + " from " + r.seenAddress() + ": "
								+ r.ports().stream().filter(p -> p.state() != PortState.PENDING).count() + " of " + r.ports().size()
								+ " ports decided").reduce((a, b) -> a + "; " + b).orElse("") + ")";
		return "waiting for a finished run: " + what + ", " + (leftMillis + 999) / 1000 + " s left";
	}

	private static void printInvitation(BrowserInvitation i, CommandIO io, boolean linkFirst) {
		io.out().println(i.url());
		io.out().println("  token:   " + i.token());
		io.out().println("  expires: " + i.expires() + (linkFirst ? " (made " + i.created() + ")" : ""));
		io.out().println("  uses:    " + i.uses() + " (" + i.usesLeft() + " left)");
		if (!i.label().isEmpty()) {
			io.out().println("  label:   " + CommandIO.oneLine(i.label()));
		}
		if (i.policy().requireVpn() || !i.policy().vpnAddressRanges().isEmpty()) {
			io.out().println("  policy:  " + (i.policy().requireVpn() ? "VPN required" : "VPN not required")
					+ (i.policy().vpnAddressRanges().isEmpty() ? "" : ", VPN pools " + String.join(", ", i.policy().vpnAddressRanges())));
		}
		if (linkFirst) {
			io.out().println("Send the link to the user; then `mediapath browser-test results ... --token " + i.token()
					+ " --wait 300` prints the report.");
		}
	}

	/** @return the PBX named or typed out, validated; a responder given without its pin stops here with its fingerprint */
	static DiagnosisRequest pbx(CommandLine parser, PbxOptions o, PbxDirectory pbxs) {
		DiagnosisRequest request;
		if (o.pbx != null) {
			for (String named : List.of("--responder", "--secret-file", "--server", "--server-ports", "--signalling-port")) {
				if (parser.getParseResult().hasMatchedOption(named)) {
					throw new IllegalArgumentException("--pbx: the PBX names its responder, secret, server and ports; leave out " + named);
				}
			}
			DiagnosisRequest q = DiagnoseCommand.namedPbx(pbxs, o.pbx);
			if (q.responder().isEmpty()) {
				throw new IllegalArgumentException("--pbx: the PBX '" + o.pbx.strip() + "' names no responder; the test page is served"
						+ " by the PBX's responder (mediapath responder ... --web-port P)");
			}
			request = new DiagnosisRequest(q.server(), q.signallingPort(), q.serverPorts(), q.clientPorts(), q.responder(),
					q.secretReference(), Optional.empty(), q.requireVpn(), Optional.ofNullable(o.responderFingerprint)
							.or(q::responderFingerprint), Optional.empty());
		} else {
			if (o.responder == null) {
				throw new IllegalArgumentException("--pbx NAME or --responder HOST:PORT (with --secret-file and"
						+ " --responder-fingerprint) is required");
			}
			HostAndPort responder = HostAndPort.parse("--responder", o.responder, -1);
			if (o.secretFile == null) {
				throw new IllegalArgumentException("--responder: needs --secret-file FILE holding the responder's secret");
			}
			String secret = DiagnoseCommand.checkedSecretFile(o.secretFile);
			PortRange ports = o.serverPorts == null ? DiagnosisRequest.DEFAULT_SERVER_PORTS : PortRange.parse("--server-ports", o.serverPorts);
			String server = o.server == null ? responder.host() : o.server.strip();
			try {
				PortRange signalling = o.signallingPort == null ? PortRange.of(DiagnosisRequest.DEFAULT_SIGNALLING_PORT)
						: PortRange.parse("--signalling-port", o.signallingPort);
				if (signalling.size() != 1) {
					throw new IllegalArgumentException("--signalling-port: '" + o.signallingPort + "' must be one port, not a range");
				}
				request = new DiagnosisRequest(server, signalling.first(), ports,
						DiagnosisRequest.DEFAULT_CLIENT_PORTS, Optional.of(responder), Optional.of(secret), Optional.empty(), false,
						Optional.ofNullable(o.responderFingerprint), Optional.empty());
			} catch (IllegalArgumentException e) {
				String m = e.getMessage();
				throw new IllegalArgumentException(m.startsWith("server:") || m.startsWith("responder-fingerprint:") ? "--" + m : m, e);
			}
		}
		DiagnoseCommand.requirePin("--responder", request.responder(), request.responderFingerprint(), "--responder-fingerprint");
		return request;
	}

	private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*([smhd])");

	/** @return "30m", "24h", "7d", "90s" or ISO-8601 ("PT24H") as a duration */
	static Duration duration(String option, String text) {
		String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
		Matcher m = DURATION.matcher(t);
		if (m.matches()) {
			long n = Long.parseLong(m.group(1));
			return switch (m.group(2)) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
			};
		}
		try {
			if (t.startsWith("p")) {
				return Duration.parse(t.toUpperCase(Locale.ROOT));
			}
		} catch (DateTimeParseException e) {
			// falls through to the message below
		}
		throw new IllegalArgumentException(option + ": '" + text + "' is not a duration such as 30m, 24h or 7d");
	}

	static int integer(String option, String text) {
		try {
			return Integer.parseInt(text.strip());
		} catch (NumberFormatException | NullPointerException e) {
			throw new IllegalArgumentException(option + ": '" + text + "' is not a whole number");
		}
	}

	private static int noService(CommandIO io, String action) {
		io.err().println(NAME + " " + action + ": this runtime has no browser-test service (the org.mediapath.probe bundle"
				+ " provides it); nothing was asked of the responder");
		return Subcommand.EXIT_FAILURE;
	}

	/** The responder could not be reached or refused: the line names the option that named it, and why. */
	private static int refused(CommandIO io, String action, String pbxName, DiagnosisRequest pbx, Exception e) {
		String who = pbxName != null ? "--pbx " + pbxName.strip() + " (responder " + pbx.responder().map(Object::toString).orElse("?") + ")"
				: "--responder " + pbx.responder().map(Object::toString).orElse("?");
		io.err().println(NAME + " " + action + ": " + who + ": " + CommandIO.oneLine(e.getMessage() == null
				? e.getClass().getSimpleName() : e.getMessage()));
		io.err().flush();
		return Subcommand.EXIT_FAILURE;
	}

	/** The control channel's JSON of invitations and runs is the command line's too: one layout everywhere. */
	private static JsonObject tree(String json) {
		return JsonParser.parseString(json).getAsJsonObject();
	}
}
