package org.mediapath.firewall.command;

import java.util.Locale;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.net.PortRange;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The command's output: text for a person, or one JSON document ({@code runs[]}, {@code warnings[]}). */
public final class FirewallReport {

	private final FirewallQuestion question;
	private final FirewallAnswer answer;

	public FirewallReport(FirewallQuestion question, FirewallAnswer answer) {
		this.question = question;
		this.answer = answer;
	}

	public String toText() {
		StringBuilder s = new StringBuilder();
		s.append("Firewall: ").append(answer.formats().isEmpty() ? "no configuration recognised"
				: String.join(", ", answer.formats())).append('\n');
		s.append("Question: ").append(question.direction().name().toLowerCase(Locale.ROOT)).append(' ')
				.append(question.protocol()).append(' ').append(question.ports());
		question.remoteAddress().ifPresent(r -> s.append(", remote ").append(CommandIO.oneLine(r)));
		question.program().ifPresent(p -> s.append(", program ").append(CommandIO.oneLine(p)));
		question.profile().ifPresent(p -> s.append(", profile ").append(CommandIO.oneLine(p)));
		s.append("\n\n");
		for (PortVerdictRun run : answer.runs()) {
			s.append(String.format(Locale.ROOT, "  %-13s %-8s %s%n", run.ports(), run.verdict(),
					CommandIO.oneLine(run.rule())));
			s.append(String.format(Locale.ROOT, "  %-13s %-8s %s%n", "", "", CommandIO.oneLine(run.reason())));
		}
		if (!answer.uncovered().isEmpty()) {
			s.append("\nNot let through: ");
			s.append(String.join(", ", answer.uncovered().stream().map(PortRange::toString).toList())).append('\n');
		}
		if (!answer.warnings().isEmpty()) {
			s.append("\nWarnings:\n");
			for (String warning : answer.warnings()) {
				s.append("  - ").append(CommandIO.oneLine(warning)).append('\n');
			}
		}
		return s.toString();
	}

	public String toJson() {
		JsonObject root = new JsonObject();
		JsonArray formats = new JsonArray();
		answer.formats().forEach(formats::add);
		root.add("formats", formats);
		JsonObject asked = new JsonObject();
		asked.addProperty("direction", question.direction().name().toLowerCase(Locale.ROOT).startsWith("in") ? "in" : "out");
		asked.addProperty("protocol", question.protocol().name().toLowerCase(Locale.ROOT));
		asked.addProperty("ports", question.ports().toString());
		question.remoteAddress().ifPresent(r -> asked.addProperty("remote", r));
		question.program().ifPresent(p -> asked.addProperty("program", p));
		question.profile().ifPresent(p -> asked.addProperty("profile", p));
		root.add("question", asked);
		JsonArray runs = new JsonArray();
		for (PortVerdictRun run : answer.runs()) {
			JsonObject r = new JsonObject();
			r.addProperty("ports", run.ports().toString());
			r.addProperty("verdict", run.verdict().name());
			r.addProperty("rule", run.rule());
			r.addProperty("reason", run.reason());
			runs.add(r);
		}
		root.add("runs", runs);
		JsonArray uncovered = new JsonArray();
		answer.uncovered().forEach(u -> uncovered.add(u.toString()));
		root.add("uncovered", uncovered);
		JsonArray warnings = new JsonArray();
		answer.warnings().forEach(warnings::add);
		root.add("warnings", warnings);
		return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
	}
}
