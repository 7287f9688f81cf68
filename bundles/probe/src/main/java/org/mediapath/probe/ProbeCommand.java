package org.mediapath.probe;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.IceOutcome;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.StreamProbe;
import org.mediapath.api.probe.StreamProbeRequest;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.TcpOutcome;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code probe tcp|udp|ice ...}, shared by the {@code mediapath probe} subcommand and the Gogo
 * command: parses, runs one probe through the service, prints plain words. Exit 0 when the path
 * is open, 1 when the probe found a block, 2 for bad usage, 3 when the probe could not run.
 */
final class ProbeCommand {

	@Command(name = "probe", mixinStandardHelpOptions = true, subcommands = { Tcp.class, Udp.class, Ice.class,
			Stream.class }, description = "Runs one probe by hand: tcp (signalling), udp (media ranges), ice (full ICE),"
					+ " stream (voice-like packets: loss, round trip, jitter).")
	static final class Root {
	}

	@Command(name = "tcp", mixinStandardHelpOptions = true, description = "Probes the TCP signalling port.")
	static final class Tcp {
		@Parameters(paramLabel = "HOST[:PORT]", description = "The server, port 2230 unless given.")
		String target;
		@Option(names = "--attempts", defaultValue = "3", description = "Connect attempts (default: ${DEFAULT-VALUE}).")
		int attempts;
		@Option(names = "--timeout-ms", defaultValue = "2000", description = "Timeout of one attempt (default: ${DEFAULT-VALUE}).")
		long timeoutMillis;
	}

	@Command(name = "udp", mixinStandardHelpOptions = true, description = "Probes UDP media ports with STUN checks.")
	static final class Udp {
		@Option(names = "--server", required = true, paramLabel = "HOST", description = "The server's media address.")
		String server;
		@Option(names = "--server-ports", defaultValue = "30000-33000", paramLabel = "RANGE", description = "Default: ${DEFAULT-VALUE}.")
		String serverPorts;
		@Option(names = "--client-ports", defaultValue = "49152-65535", paramLabel = "RANGE", description = "Default: ${DEFAULT-VALUE}.")
		String clientPorts;
		@Option(names = "--responder", paramLabel = "HOST:PORT", description = "A cooperative responder; without one the probe can tell less.")
		String responder;
		@Option(names = "--secret-file", paramLabel = "FILE", description = "The responder's secret.")
		String secretFile;
		@Option(names = "--responder-fingerprint", paramLabel = "SHA256", description = "The SHA-256 fingerprint of the responder's TLS certificate, as it prints it at its start: the client trusts that certificate only.")
		String responderFingerprint;
		@Option(names = "--full", description = "Sweep every port instead of a sample.")
		boolean full;
		@Option(names = "--rate", defaultValue = "0", paramLabel = "PPS", description = "Packet-rate cap (0: the configured default).")
		int rate;
	}

	@Command(name = "ice", mixinStandardHelpOptions = true, description = "Runs a full ICE exchange against a responder (a server's or a peer's).")
	static final class Ice {
		@Option(names = "--responder", required = true, paramLabel = "HOST:PORT")
		String responder;
		@Option(names = "--secret-file", required = true, paramLabel = "FILE")
		String secretFile;
		@Option(names = "--responder-fingerprint", paramLabel = "SHA256", description = "The SHA-256 fingerprint of the responder's TLS certificate, as it prints it at its start: the client trusts that certificate only.")
		String responderFingerprint;
		@Option(names = "--server-ports", defaultValue = "30000-33000", paramLabel = "RANGE")
		String serverPorts;
		@Option(names = "--client-ports", defaultValue = "49152-65535", paramLabel = "RANGE")
		String clientPorts;
		@Option(names = "--bound-ms", defaultValue = "3000", description = "Failure bound (default: ${DEFAULT-VALUE}).")
		long boundMillis;
	}

	@Command(name = "stream", mixinStandardHelpOptions = true,
			description = "Streams voice-sized packets through a responder, each answered: loss per direction, round trip, jitter.")
	static final class Stream {
		@Option(names = "--server", required = true, paramLabel = "HOST", description = "The server's media address.")
		String server;
		@Option(names = "--responder", required = true, paramLabel = "HOST:PORT")
		String responder;
		@Option(names = "--secret-file", required = true, paramLabel = "FILE")
		String secretFile;
		@Option(names = "--responder-fingerprint", paramLabel = "SHA256", description = "The SHA-256 fingerprint of the responder's TLS certificate, as it prints it at its start: the client trusts that certificate only.")
		String responderFingerprint;
		@Option(names = "--server-ports", defaultValue = "30000-33000", paramLabel = "RANGE", description = "Default: ${DEFAULT-VALUE}.")
		String serverPorts;
		@Option(names = "--client-ports", defaultValue = "49152-65535", paramLabel = "RANGE", description = "Default: ${DEFAULT-VALUE}.")
		String clientPorts;
		@Option(names = "--rate", defaultValue = "50", paramLabel = "PPS", description = "Packets per second (default: ${DEFAULT-VALUE}, one voice call).")
		int rate;
		@Option(names = "--seconds", defaultValue = "3", description = "Stream length (default: ${DEFAULT-VALUE}).")
		int seconds;
		@Option(names = "--bytes", defaultValue = "172", description = "Packet size above UDP (default: ${DEFAULT-VALUE}, RTP with 20 ms of G.711).")
		int bytes;
	}

	private ProbeCommand() {
	}

	static int run(PortProbeService service, List<String> arguments, PrintStream out, PrintStream err) {
		CommandLine parser = new CommandLine(new Root());
		CommandLine.ParseResult parsed;
		try {
			parsed = parser.parseArgs(arguments.toArray(String[]::new));
			if (CommandLine.printHelpIfRequested(parsed)) {
				return Subcommand.EXIT_OK;
			}
			if (!parsed.hasSubcommand()) {
				throw new ParameterException(parser, "name a probe: tcp, udp, ice or stream");
			}
			Object command = parsed.subcommand().commandSpec().userObject();
			if (command instanceof Tcp tcp) {
				return tcp(service, tcp, out);
			}
			if (command instanceof Udp udp) {
				return udp(service, udp, out);
			}
			if (command instanceof Stream stream) {
				return stream(service, stream, out);
			}
			return ice(service, (Ice) command, out);
		} catch (ParameterException | IllegalArgumentException e) {
			err.println("probe: " + CommandIO.oneLine(e.getMessage()));
			return Subcommand.EXIT_USAGE;
		} catch (ProbeFailedException e) {
			err.println("probe: " + CommandIO.oneLine(e.getMessage()));
			return Subcommand.EXIT_FAILURE;
		}
	}

	private static int tcp(PortProbeService service, Tcp o, PrintStream out) {
		SignallingProbe r = service.probeSignalling(HostAndPort.parse("HOST[:PORT]", o.target, 2230),
				Duration.ofMillis(o.timeoutMillis), o.attempts);
		out.println("tcp " + r.target() + ": " + r.outcome() + " - " + r.detail());
		return r.outcome() == TcpOutcome.OPEN ? Subcommand.EXIT_OK : Subcommand.EXIT_FOUND;
	}

	private static int udp(PortProbeService service, Udp o, PrintStream out) {
		Optional<HostAndPort> responder = Optional.ofNullable(o.responder).map(t -> HostAndPort.parse("--responder", t, 2231));
		UdpRangeProbe r = service.probeUdpRange(new UdpRangeProbeRequest(o.server,
				PortRange.parse("--server-ports", o.serverPorts), PortRange.parse("--client-ports", o.clientPorts), responder,
				Optional.ofNullable(o.secretFile), o.full ? SweepMode.FULL : SweepMode.SAMPLE, o.rate,
				Optional.ofNullable(o.responderFingerprint)));
		boolean open = true;
		out.println("udp " + o.server + (r.cooperative() ? " (with responder)" : " (no responder)") + " in "
				+ r.duration().toMillis() + " ms");
		for (DirectionResult d : r.directions()) {
			out.println("  " + d.direction() + ": " + d.answered() + "/" + d.sent() + " arrived; "
					+ PortSelection.describe(d.runs()));
			open &= d.runs().stream().allMatch(run -> run.outcome() == PortOutcome.PASS || run.outcome() == PortOutcome.IN_USE);
		}
		r.caveats().forEach(c -> out.println("  note: " + c));
		return open ? Subcommand.EXIT_OK : Subcommand.EXIT_FOUND;
	}

	private static int ice(PortProbeService service, Ice o, PrintStream out) {
		IceProbe r = service.probeIce(new IceProbeRequest(HostAndPort.parse("--responder", o.responder, 2231), o.secretFile,
				PortRange.parse("--client-ports", o.clientPorts), PortRange.parse("--server-ports", o.serverPorts),
				Duration.ofMillis(o.boundMillis), Optional.ofNullable(o.responderFingerprint)));
		out.println("ice " + r.request().responder() + ": " + r.outcome() + " after " + r.elapsed().toMillis() + " ms");
		r.states().forEach(s -> out.println("  " + s.at().toMillis() + " ms " + s.state()));
		r.pairs().forEach(p -> out.println("  pair " + p.local() + " -> " + p.remote() + " " + p.state()));
		r.selected().ifPresent(p -> out.println("  selected " + p.local() + " -> " + p.remote()));
		return r.outcome() == IceOutcome.CONNECTED ? Subcommand.EXIT_OK : Subcommand.EXIT_FOUND;
	}

	private static int stream(PortProbeService service, Stream o, PrintStream out) {
		if (o.seconds < 1 || o.seconds > StreamProbeRequest.MAX_LENGTH_SECONDS) {
			throw new IllegalArgumentException("--seconds: " + o.seconds + " is outside 1-" + StreamProbeRequest.MAX_LENGTH_SECONDS);
		}
		StreamProbe r = service.probeStream(new StreamProbeRequest(o.server, PortRange.parse("--server-ports", o.serverPorts),
				PortRange.parse("--client-ports", o.clientPorts), HostAndPort.parse("--responder", o.responder, 2231),
				o.secretFile, o.rate, Duration.ofSeconds(o.seconds), o.bytes, Optional.ofNullable(o.responderFingerprint)));
		out.println("stream " + o.server + ":" + r.serverPort() + " from port " + r.clientPort() + ": " + r.sent() + " packets of "
				+ r.request().packetBytes() + " bytes at " + r.request().packetsPerSecond() + "/s, " + r.answered()
				+ " answered" + (r.arrivedAtServer().isPresent() ? ", " + r.arrivedAtServer().getAsInt() + " arrived at the server" : ""));
		List<Double> rtts = r.roundTrips().stream().map(d -> d.toNanos() / 1e6).sorted().toList();
		if (!rtts.isEmpty()) {
			out.printf("  round trip min %.2f / median %.2f / max %.2f ms%n", rtts.get(0), rtts.get(rtts.size() / 2),
					rtts.get(rtts.size() - 1));
		}
		r.caveats().forEach(c -> out.println("  note: " + c));
		return r.sent() > 0 && r.answered() == r.sent() ? Subcommand.EXIT_OK : Subcommand.EXIT_FOUND;
	}
}
