package org.mediapath.firewall.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.firewall.core.Addresses;
import org.mediapath.firewall.parse.PasteDecoder;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code firewall --from FILE|- [--direction in|out] [--protocol udp|tcp] --ports RANGE [--remote ADDR]
 * [--program PATH] [--profile NAME] [--json]}. Exit 0 every port allowed, 1 some port blocked, 2 bad
 * input (one line on stderr naming the option), 3 nothing blocked but not every port judged.
 */
public final class FirewallCommand {

	private final FirewallAnalysisService service;
	private final int maxPasteBytes;

	public FirewallCommand(FirewallAnalysisService service, int maxPasteBytes) {
		this.service = service;
		this.maxPasteBytes = maxPasteBytes;
	}

	public int run(List<String> arguments, CommandIO io) {
		FirewallOptions options = new FirewallOptions();
		CommandLine parser = new CommandLine(options);
		FirewallQuestion question;
		String pasted = null;
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			question = question(parser, options);
			if (options.from != null) {
				pasted = readPaste(parser, options.from, io);
			}
		} catch (ParameterException e) {
			return io.usageError("firewall", e.getMessage());
		}
		FirewallAnswer answer = pasted != null ? service.analysePasted(pasted, question) : service.analyseLocal(question);
		if (pasted != null && answer.formats().isEmpty()) {
			// a refusal (a netsh list in a language not read) says more than the list of formats
			String refusal = answer.warnings().stream().filter(w -> w.contains("does not read")).findFirst().orElse(null);
			return io.usageError("firewall", "--from " + options.from + ": " + (refusal != null ? refusal
					: "no firewall output recognised (netsh advfirewall, Get-NetFirewallRule JSON, pfctl -sr, "
							+ "socketfilterfw, nft list ruleset, nft -j, iptables-save, ufw status verbose, "
							+ "firewall-cmd --list-all)"));
		}
		FirewallReport report = new FirewallReport(question, answer);
		io.out().print(options.json ? report.toJson() + "\n" : report.toText());
		io.out().flush();
		if (answer.anyBlocked()) {
			return Subcommand.EXIT_FOUND;
		}
		return answer.runs().stream().allMatch(r -> r.verdict() == FirewallVerdict.ALLOWED) ? Subcommand.EXIT_OK
				: Subcommand.EXIT_FAILURE;
	}

	private static FirewallQuestion question(CommandLine parser, FirewallOptions options) {
		TrafficDirection direction = switch (options.direction.toLowerCase(Locale.ROOT)) {
		case "in", "inbound" -> TrafficDirection.INBOUND;
		case "out", "outbound" -> TrafficDirection.OUTBOUND;
		default -> throw new ParameterException(parser, "--direction: '" + abbreviate(options.direction)
				+ "' is neither in nor out");
		};
		TransportProtocol protocol = switch (options.protocol.toLowerCase(Locale.ROOT)) {
		case "udp" -> TransportProtocol.UDP;
		case "tcp" -> TransportProtocol.TCP;
		default -> throw new ParameterException(parser, "--protocol: '" + abbreviate(options.protocol)
				+ "' is neither udp nor tcp");
		};
		PortRange ports;
		try {
			ports = PortRange.parse("--ports", options.ports);
		} catch (IllegalArgumentException e) {
			throw new ParameterException(parser, e.getMessage());
		}
		if (options.remote != null && Addresses.parse(options.remote).filter(a -> a.getNetworkPrefixLength() == null)
				.isEmpty()) {
			throw new ParameterException(parser, "--remote: '" + abbreviate(options.remote)
					+ "' is not an IPv4 or IPv6 address");
		}
		if (options.program != null && (options.program.isBlank() || options.program.length() > 1024)) {
			throw new ParameterException(parser, "--program: a program path of 1-1024 characters is required");
		}
		if (options.profile != null && !List.of("domain", "private", "public")
				.contains(options.profile.toLowerCase(Locale.ROOT))) {
			throw new ParameterException(parser, "--profile: '" + abbreviate(options.profile)
					+ "' is not Domain, Private or Public");
		}
		return new FirewallQuestion(direction, protocol, ports, Optional.ofNullable(options.remote),
				Optional.ofNullable(options.program), Optional.ofNullable(options.profile));
	}

	private String readPaste(CommandLine parser, String from, CommandIO io) {
		byte[] bytes;
		try {
			if (from.equals("-")) {
				bytes = io.in().readNBytes(maxPasteBytes + 1);
			} else {
				Path path = Path.of(from);
				if (Files.isDirectory(path)) {
					throw new ParameterException(parser, "--from " + from + ": is a directory, not a file");
				}
				if (Files.size(path) > maxPasteBytes) {
					throw new ParameterException(parser, "--from " + from + ": larger than " + maxPasteBytes
							+ " bytes; paste only the firewall output");
				}
				bytes = Files.readAllBytes(path);
			}
		} catch (IOException | InvalidPathException e) {
			throw new ParameterException(parser, "--from " + from + ": cannot be read (" + e.getClass().getSimpleName()
					+ (e.getMessage() != null && !(e instanceof NoSuchFileException) ? ": " + e.getMessage() : "") + ")");
		}
		if (bytes.length > maxPasteBytes) {
			throw new ParameterException(parser, "--from " + from + ": larger than " + maxPasteBytes + " bytes");
		}
		return PasteDecoder.decode(bytes);
	}

	private static String abbreviate(String text) {
		return text.length() <= 60 ? text : text.substring(0, 57) + "...";
	}
}
