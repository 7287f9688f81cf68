package org.mediapath.route.command;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteAnalysisRequest;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteFinding;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.route.model.Addresses;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code routes [--to HOST] [--from FILE] [--json]}, shared by the launcher's subcommand and the
 * Gogo command so both print the same. Bad input is exit 2 with one line on stderr naming the
 * option; a paste that is partly garbage is not bad input, its warnings are part of the output.
 */
public final class RoutesCommand {

	/** What the configuration adds to every analysis. */
	public record Policy(List<String> vpnOnlyNetworks, boolean requireVpn, int maxPasteBytes) {
	}

	/** Resolves --to; a seam so tests never depend on DNS. */
	public interface Resolver {
		List<String> resolve(String host) throws UnknownHostException;
	}

	static final Resolver SYSTEM_RESOLVER = host -> {
		List<String> addresses = new ArrayList<>();
		for (InetAddress address : InetAddress.getAllByName(host)) {
			addresses.add(address.getHostAddress());
		}
		return addresses;
	};

	private final RouteInspectionService service;
	private final Policy policy;
	private final Resolver resolver;

	public RoutesCommand(RouteInspectionService service, Policy policy) {
		this(service, policy, SYSTEM_RESOLVER);
	}

	public RoutesCommand(RouteInspectionService service, Policy policy, Resolver resolver) {
		this.service = service;
		this.policy = policy;
		this.resolver = resolver;
	}

	public int run(List<String> arguments, CommandIO io) {
		RoutesOptions options = new RoutesOptions();
		CommandLine parser = new CommandLine(options);
		NetworkSnapshot snapshot;
		List<String> addresses = List.of();
		try {
			parser.parseArgs(arguments.toArray(String[]::new));
			if (parser.isUsageHelpRequested() || parser.isVersionHelpRequested()) {
				parser.usage(io.out());
				return Subcommand.EXIT_OK;
			}
			if (options.to != null) {
				addresses = resolve(parser, options.to);
			}
			if (options.from != null) {
				String pasted = readPaste(parser, options.from, io.in());
				snapshot = service.parseCaptured(pasted);
				if (snapshot.routes().isEmpty() && snapshot.interfaces().isEmpty()) {
					throw new ParameterException(parser, "--from " + options.from + ": no routing table or interface "
							+ "list recognised (route print, ipconfig /all, Get-NetRoute JSON, netstat -rn, ifconfig, "
							+ "ip route, ip addr)");
				}
			} else {
				snapshot = service.inspectLocal();
			}
		} catch (ParameterException e) {
			return io.usageError("routes", e.getMessage());
		}
		List<RouteDecision> decisions = new ArrayList<>();
		List<RouteFinding> findings = List.of();
		if (!addresses.isEmpty()) {
			for (String address : addresses) {
				decisions.add(service.decide(snapshot, address));
			}
			findings = service.analyse(snapshot, new RouteAnalysisRequest(addresses.get(0), addresses,
					policy.vpnOnlyNetworks(), policy.requireVpn()));
		}
		RoutesReport report = new RoutesReport(snapshot, options.to, addresses, decisions, findings);
		if (options.json) {
			io.out().println(report.toJson());
		} else {
			io.out().print(report.toText());
		}
		io.out().flush();
		return Subcommand.EXIT_OK;
	}

	private List<String> resolve(CommandLine parser, String host) {
		if (!HostNames.isValid(host)) {
			throw new ParameterException(parser, "--to: '" + abbreviate(host) + "' is not a host name or IP address");
		}
		if (Addresses.parse(host).filter(a -> a.getNetworkPrefixLength() == null).isPresent()) {
			return List.of(Addresses.address(host).orElseThrow());
		}
		try {
			Set<String> unique = new LinkedHashSet<>();
			for (String address : resolver.resolve(host)) {
				Addresses.address(address).ifPresent(unique::add);
			}
			if (unique.isEmpty()) {
				throw new UnknownHostException(host);
			}
			return List.copyOf(unique);
		} catch (UnknownHostException e) {
			throw new ParameterException(parser, "--to: '" + abbreviate(host) + "' does not resolve");
		}
	}

	private String readPaste(CommandLine parser, String from, InputStream stdin) {
		byte[] bytes;
		try {
			if (from.equals("-")) {
				bytes = stdin.readNBytes(policy.maxPasteBytes() + 1);
			} else {
				Path path = Path.of(from);
				if (Files.isDirectory(path)) {
					throw new ParameterException(parser, "--from " + from + ": is a directory, not a file");
				}
				if (Files.size(path) > policy.maxPasteBytes()) {
					throw new ParameterException(parser, "--from " + from + ": larger than " + policy.maxPasteBytes()
							+ " bytes; paste only the command outputs");
				}
				bytes = Files.readAllBytes(path);
			}
		} catch (IOException | java.nio.file.InvalidPathException e) {
			throw new ParameterException(parser, "--from " + from + ": cannot be read (" + e.getClass().getSimpleName()
					+ (e.getMessage() != null && !(e instanceof java.nio.file.NoSuchFileException) ? ": " + e.getMessage() : "")
					+ ")");
		}
		if (bytes.length > policy.maxPasteBytes()) {
			throw new ParameterException(parser, "--from " + from + ": larger than " + policy.maxPasteBytes() + " bytes");
		}
		return decode(bytes);
	}

	/**
	 * Windows PowerShell 5.1 writes UTF-16 with a byte order mark when output is redirected with
	 * {@code >}; cmd writes the OEM code page; everything else UTF-8. Structure is ASCII in all.
	 */
	static String decode(byte[] bytes) {
		if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
		}
		if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
		}
		int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
				&& (bytes[2] & 0xff) == 0xbf ? 3 : 0;
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
		} catch (CharacterCodingException e) {
			return new String(bytes, start, bytes.length - start, Charset.forName("windows-1252"));
		}
	}

	private static String abbreviate(String text) {
		return text.length() <= 60 ? text : text.substring(0, 57) + "...";
	}
}
