package org.mediapath.diagnosis.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.mediapath.diagnosis.json.ReportJson;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code mediapath history} and {@code mediapath report ID}: the stored reports, read back from the
 * report store, so that a script (or an administrator on a second ticket) can compare today's run
 * with last week's without a console. Plain Java, shared by the two subcommands.
 */
final class HistoryCommand {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
			.withZone(ZoneId.systemDefault());

	private HistoryCommand() {
	}

	@Command(name = "history", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
			description = "Lists stored diagnostic reports, newest first.",
			exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:listed (also when there is none)",
					"2:bad usage or input" })
	static final class HistoryOptions {
		@Option(names = "--target", paramLabel = "HOST", description = "Only reports about this server.")
		String target;

		@Option(names = "--since", paramLabel = "INSTANT",
				description = "Only reports started at or after this time (ISO-8601, e.g. 2026-11-28T09:00:00Z).")
		String since;

		@Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "At most N reports (default: ${DEFAULT-VALUE}).")
		String limit;

		@Option(names = "--json", description = "One JSON document: {\"reports\":[{reportId,target,startedAt,verdict,causes,durationMillis}]}.")
		boolean json;
	}

	@Command(name = "report", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
			description = "Prints one stored report, as diagnose printed it.",
			exitCodeListHeading = "Exit codes:%n", exitCodeList = { "0:the report's media path was OK",
					"1:the report found a cause", "2:bad usage, or no report with that id" })
	static final class ReportOptions {
		@Parameters(paramLabel = "ID", description = "The report id, as history lists it.")
		String id;

		@Option(names = "--json", description = "The report in diagnose --json's layout.")
		boolean json;
	}

	static int history(ReportStore store, List<String> arguments, CommandIO io) {
		HistoryOptions options = new HistoryOptions();
		CommandLine parser = new CommandLine(options);
		ReportQuery query;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			query = query(options);
		} catch (ParameterException | IllegalArgumentException e) {
			return io.usageError("history", e.getMessage());
		}
		List<DiagnosticReport> reports = store.find(query);
		if (options.json) {
			io.out().println(historyJson(reports));
		} else if (reports.isEmpty()) {
			io.out().println("No stored report" + query.target().map(t -> " about " + t).orElse("") + ".");
		} else {
			printTable(reports, io.out());
		}
		io.out().flush();
		return Subcommand.EXIT_OK;
	}

	static int report(ReportStore store, List<String> arguments, CommandIO io) {
		ReportOptions options = new ReportOptions();
		CommandLine parser = new CommandLine(options);
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
		} catch (ParameterException e) {
			return io.usageError("report", e.getMessage());
		}
		Optional<DiagnosticReport> report;
		try {
			report = store.get(options.id.strip());
		} catch (IllegalArgumentException badId) {
			return io.usageError("report", badId.getMessage());
		}
		if (report.isEmpty()) {
			return io.usageError("report", "no stored report has the id '" + options.id.strip()
					+ "' (mediapath history lists them; old reports are removed by retention)");
		}
		if (options.json) {
			io.out().println(ReportJson.write(report.get()));
		} else {
			HumanReport.print(report.get(), io.out());
		}
		io.out().flush();
		return DiagnoseCommand.exitCode(report.get());
	}

	/** @throws IllegalArgumentException naming the option that is wrong */
	static ReportQuery query(HistoryOptions o) {
		int limit;
		try {
			limit = Integer.parseInt(o.limit.strip());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--limit: '" + o.limit + "' is not a number");
		}
		if (limit < 1 || limit > 10_000) {
			throw new IllegalArgumentException("--limit: " + limit + " is outside 1-10000");
		}
		Optional<Instant> since;
		try {
			since = Optional.ofNullable(o.since).map(String::strip).map(Instant::parse);
		} catch (DateTimeParseException e) {
			throw new IllegalArgumentException("--since: '" + o.since + "' is not an ISO-8601 instant such as 2026-11-28T09:00:00Z");
		}
		Optional<String> target = Optional.ofNullable(o.target).map(String::strip).filter(t -> !t.isEmpty());
		return new ReportQuery(target, since, Optional.empty(), limit);
	}

	static String historyJson(List<DiagnosticReport> reports) {
		JsonArray list = new JsonArray();
		for (DiagnosticReport r : reports) {
			JsonObject o = new JsonObject();
			o.addProperty("reportId", r.id());
			o.addProperty("target", r.request().server());
			o.addProperty("startedAt", r.started().toString());
			o.addProperty("verdict", r.verdict().name());
			JsonArray causes = new JsonArray();
			r.causes().forEach(c -> causes.add(c.id()));
			o.add("causes", causes);
			o.addProperty("durationMillis", r.duration().toMillis());
			list.add(o);
		}
		JsonObject document = new JsonObject();
		document.add("reports", list);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document);
	}

	private static void printTable(List<DiagnosticReport> reports, PrintStream out) {
		out.printf("%-20s  %-19s  %-7s  %s%n", "REPORT", "STARTED", "VERDICT", "TARGET / CAUSES");
		for (DiagnosticReport r : reports) {
			String causes = r.causes().stream().map(Cause::id).reduce((a, b) -> a + ", " + b).orElse("");
			out.printf("%-20s  %-19s  %-12s  %s%s%n", r.id(), LOCAL.format(r.started()), r.verdict(), r.request().server(),
					causes.isEmpty() ? "" : "  " + causes);
		}
	}
}
