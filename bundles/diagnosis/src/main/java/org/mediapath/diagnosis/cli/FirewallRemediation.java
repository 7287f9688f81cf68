package org.mediapath.diagnosis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;

/**
 * {@code diagnose --firewall-from}: a cause that names a side gets, in its remediation, the rule of
 * that side's firewall that blocks the ports the cause is about — from a pasted ruleset, or, for
 * this Linux client's own side, from its own ruleset. Only the printed report changes; the stored
 * report keeps the engine's remediation.
 */
final class FirewallRemediation {

	/** Larger files are not firewall pastes. */
	private static final int MAX_BYTES = 16 * 1024 * 1024;

	/** A pasted ruleset and the side it belongs to (null: by its format). */
	record Paste(Side side, String file, String text) {
	}

	private FirewallRemediation() {
	}

	/** @throws IllegalArgumentException naming the option when a file cannot be read */
	static List<Paste> pastes(List<String> options, FirewallAnalysisService firewall) {
		List<Paste> pastes = new ArrayList<>();
		for (String option : options) {
			if (firewall == null) {
				throw new IllegalArgumentException("--firewall-from: the firewall bundle is not installed");
			}
			Side side = null;
			String file = option;
			if (option.startsWith("client=") || option.startsWith("server=")) {
				side = option.startsWith("client=") ? Side.CLIENT : Side.SERVER;
				file = option.substring(7);
			}
			try {
				Path path = Path.of(file);
				if (!Files.isRegularFile(path) || Files.size(path) > MAX_BYTES) {
					throw new IllegalArgumentException("--firewall-from: " + file + " is not a readable file of at most "
							+ MAX_BYTES + " bytes");
				}
				byte[] bytes = Files.readAllBytes(path);
				pastes.add(new Paste(side, file, decode(bytes)));
			} catch (IOException | RuntimeException e) {
				if (e instanceof IllegalArgumentException illegal && illegal.getMessage() != null
						&& illegal.getMessage().startsWith("--firewall-from")) {
					throw illegal;
				}
				throw new IllegalArgumentException("--firewall-from: " + file + " cannot be read ("
						+ e.getClass().getSimpleName() + ")");
			}
		}
		return pastes;
	}

	/** UTF-16 with a byte order mark (PowerShell's redirect) or UTF-8; the firewall bundle reads more on its own. */
	private static String decode(byte[] bytes) {
		if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		return text.indexOf('\uFFFD') >= 0 ? new String(bytes, java.nio.charset.Charset.forName("IBM850")) : text;
	}

	static DiagnosticReport annotate(DiagnosticReport report, List<Paste> pastes, FirewallAnalysisService firewall) {
		if (report.causes().isEmpty()) {
			return report;
		}
		List<Cause> causes = new ArrayList<>();
		boolean changed = false;
		for (Cause cause : report.causes()) {
			Optional<FirewallQuestion> question = question(cause, report);
			Side side = cause.remediation().side();
			String note = null;
			if (question.isPresent()) {
				for (Paste paste : pastes) {
					FirewallAnswer answer = firewall.analysePasted(paste.text(), question.get());
					Side pasteSide = paste.side() != null ? paste.side() : sideOf(answer);
					if (pasteSide == side && answer.anyBlocked()) {
						note = note(answer, "the pasted firewall (" + paste.file() + ")");
						break;
					}
				}
				if (note == null && side == Side.CLIENT && isLinux()) {
					// this machine is the client: its own ruleset, read without anyone pasting it
					FirewallAnswer answer = firewall.analyseLocal(question.get());
					if (answer.anyBlocked()) {
						note = note(answer, "this computer's firewall (" + String.join(", ", answer.formats()) + ")");
					}
				}
			}
			if (note != null) {
				changed = true;
				causes.add(new Cause(cause.id(), cause.confidence(), cause.evidence(),
						new Remediation(side, cause.remediation().action() + " " + note)));
			} else {
				causes.add(cause);
			}
		}
		return changed ? new DiagnosticReport(report.id(), report.request(), report.started(), report.duration(),
				report.verdict(), causes, report.checks(), report.unproven()) : report;
	}

	/** The question a cause asks of its side's firewall, or empty for causes no firewall rule explains. */
	private static Optional<FirewallQuestion> question(Cause cause, DiagnosticReport report) {
		Side side = cause.remediation().side();
		String id = cause.id();
		if (side == Side.SERVER && (id.equals(CauseIds.SERVER_UDP_BLOCKED) || id.equals(CauseIds.PARTIAL_RANGE_BLOCKED))) {
			return Optional.of(FirewallQuestion.of(TrafficDirection.INBOUND, TransportProtocol.UDP,
					report.request().serverPorts()));
		}
		if (side == Side.SERVER && id.equals(CauseIds.SIGNALLING_BLOCKED)) {
			return Optional.of(FirewallQuestion.of(TrafficDirection.INBOUND, TransportProtocol.TCP,
					PortRange.of(report.request().signallingPort())));
		}
		if (side == Side.CLIENT && (id.equals(CauseIds.CLIENT_UDP_BLOCKED) || id.equals(CauseIds.PARTIAL_RANGE_BLOCKED))) {
			return Optional.of(FirewallQuestion.of(TrafficDirection.INBOUND, TransportProtocol.UDP,
					report.request().clientPorts()));
		}
		return Optional.empty();
	}

	/** Windows and macOS pastes are a client's; Linux ones a server's (a PBX runs Linux). */
	private static Side sideOf(FirewallAnswer answer) {
		for (String format : answer.formats()) {
			String f = format.toLowerCase(Locale.ROOT);
			if (f.contains("netsh") || f.contains("netfirewall") || f.contains("pfctl") || f.contains("socketfilterfw")) {
				return Side.CLIENT;
			}
		}
		return Side.SERVER;
	}

	private static String note(FirewallAnswer answer, String source) {
		List<String> blocks = new ArrayList<>();
		for (PortVerdictRun run : answer.runs()) {
			if (run.verdict() == FirewallVerdict.BLOCKED && blocks.size() < 3) {
				blocks.add(run.ports() + ": " + run.rule() + " — " + run.reason());
			}
		}
		return "In " + source + ", " + String.join("; ", blocks) + ".";
	}

	private static boolean isLinux() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
	}
}
