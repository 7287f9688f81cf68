package org.mediapath.probe;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortRun;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.SweepMode;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.probe.UdpRangeProbeRequest;
import org.mediapath.responder.Responder;
import org.mediapath.responder.ResponderSettings;

/**
 * The child-JVM entry point of the namespace tests and benches: it runs one responder or one probe
 * inside a namespace ({@code ip netns exec NS java -cp ... org.mediapath.probe.NsMain ...}) and
 * prints its result as lines a parent parses:
 * <pre>
 * responder BIND RANGE SECRET-FILE [lifted]       -> READY control-port, runs until stdin closes
 * udp SERVER SRANGE CRANGE HOST:PORT SECRET MODE RATE [repeat] -> RUN dir first-last OUTCOME probed / DIR dir sent answered / MS n
 * ice HOST:PORT SECRET CRANGE SRANGE BOUND-MS [repeat] -> ICE outcome elapsed-ms / STATE name ms
 * stream SERVER SRANGE CRANGE HOST:PORT SECRET RATE LENGTH-MS BYTES -> STREAM sent answered arrived answer-bytes
 * tcp HOST PORT TIMEOUT-MS                        -> TCP outcome / DETAIL text
 * load HOST:PORT SECRET SERVER SRANGE CRANGE SECONDS JUNK -> authenticated checks as fast as answers come back
 *      (a window of 256 outstanding) for SECONDS, while JUNK=true also floods garbage and wrong-credential
 *      requests from a second socket: LOAD answers-per-second junk-sent junk-answers-received
 * </pre>
 */
public final class NsMain {

	public static void main(String[] args) throws Exception {
		PrintStream out = System.out;
		switch (args[0]) {
			case "responder" -> {
				InetAddress bind = InetAddress.getByName(args[1]);
				ResponderSettings.Limits d = ResponderSettings.Limits.DEFAULT;
				ResponderSettings.Limits limits = args.length > 4 && args[4].equals("lifted")
						? new ResponderSettings.Limits(d.maxConnections(), d.maxConnectionsPerSource(), d.maxSessions(), 4096,
								d.handshakeTimeout(), d.idleTimeout(), d.sessionTimeout(), d.maxFrameBytes(),
								d.errorsPerSourcePerSecond(), d.errorsPerSecond(), 1_000_000, 1_000_000)
						: d;
				org.mediapath.responder.ResponderIdentity identity = org.mediapath.responder.ResponderIdentity.loadOrCreate(
						"identity", Path.of(args[3] + ".identity"));
				Files.writeString(Path.of(args[3] + ".fingerprint"), identity.fingerprint());
				try (Responder responder = new Responder(new ResponderSettings(bind, bind, PortRange.parse("range", args[2]), 2231,
						Files.readAllBytes(Path.of(args[3])), identity, limits))) {
					out.println("READY " + responder.controlAddress().getPort());
					out.flush();
					while (System.in.read() >= 0) {
						// runs until the parent closes stdin or ends this process
					}
				}
			}
			case "udp" -> {
				int rate = Integer.parseInt(args[7]);
				int repeat = args.length > 8 ? Integer.parseInt(args[8]) : 1;
				ProbeSettings settings = ProbeSettings.DEFAULT.withRate(rate > 0 ? rate : 2000);
				if (rate > 0) {
					settings = settings.withReverseBatch(4096);
				}
				PortProbeServiceImpl service = new PortProbeServiceImpl(null, settings);
				for (int i = 0; i < repeat; i++) {
					UdpRangeProbe r = service.probeUdpRange(new UdpRangeProbeRequest(args[1], PortRange.parse("range", args[2]),
							PortRange.parse("range", args[3]), Optional.of(HostAndPort.parse("responder", args[4], 2231)), Optional.of(args[5]),
							SweepMode.valueOf(args[6]), rate, pin(args[5])));
					for (DirectionResult d : r.directions()) {
						for (PortRun run : d.runs()) {
							out.println("RUN " + d.direction() + " " + run.ports().first() + "-" + run.ports().last() + " "
									+ run.outcome() + " " + run.probed());
						}
						out.println("DIR " + d.direction() + " " + d.sent() + " " + d.answered());
					}
					r.caveats().forEach(c -> out.println("CAVEAT " + c));
					out.println("MS " + r.duration().toMillis());
				}
			}
			case "ice" -> {
				int repeat = args.length > 6 ? Integer.parseInt(args[6]) : 1;
				if (args.length > 7 && args[7].equals("warm")) {
					// as the probe bundle does when it starts (IceWarmUp): one loopback exchange first
					long t = System.nanoTime();
					IceWarmUp.exchange();
					out.println("WARMUP " + (System.nanoTime() - t) / 1_000_000);
				}
				PortProbeServiceImpl service = new PortProbeServiceImpl(null, ProbeSettings.DEFAULT);
				for (int i = 0; i < repeat; i++) {
					IceProbe r = service.probeIce(new IceProbeRequest(HostAndPort.parse("responder", args[1], 2231), args[2],
							PortRange.parse("range", args[3]), PortRange.parse("range", args[4]), Duration.ofMillis(Long.parseLong(args[5])), pin(args[2])));
					r.states().forEach(s -> out.println("STATE " + s.state().replace(' ', '_') + " " + s.at().toMillis()));
					r.pairs().forEach(p -> out.println("PAIR " + p.local() .replace(' ', '_') + " " + p.remote().replace(' ', '_')
							+ " " + p.state()));
					out.println("ICE " + r.outcome() + " " + r.elapsed().toMillis());
				}
			}
			case "tcp" -> {
				SignallingProbe r = new PortProbeServiceImpl(null, ProbeSettings.DEFAULT).probeSignalling(
						new HostAndPort(args[1], Integer.parseInt(args[2])), Duration.ofMillis(Long.parseLong(args[3])), 2);
				out.println("TCP " + r.outcome());
				out.println("DETAIL " + r.detail());
			}
			case "stream" -> {
				org.mediapath.api.probe.StreamProbe r = new PortProbeServiceImpl(null, ProbeSettings.DEFAULT).probeStream(
						new org.mediapath.api.probe.StreamProbeRequest(args[1], PortRange.parse("range", args[2]),
								PortRange.parse("range", args[3]), HostAndPort.parse("responder", args[4], 2231), args[5],
								Integer.parseInt(args[6]), Duration.ofMillis(Long.parseLong(args[7])), Integer.parseInt(args[8]),
								pin(args[5])));
				out.println("STREAM " + r.sent() + " " + r.answered() + " " + r.arrivedAtServer().orElse(-1) + " "
						+ r.answerBytes());
				r.caveats().forEach(c -> out.println("CAVEAT " + c));
			}
			case "load" -> load(args, out);
			case "hold" -> {
				// binds every port of a range and never answers: a PBX media range to nmap
				java.util.List<java.net.DatagramSocket> held = new java.util.ArrayList<>();
				InetAddress address = InetAddress.getByName(args[1]);
				for (int port : PortRange.parse("range", args[2]).ports().toArray()) {
					held.add(new java.net.DatagramSocket(new java.net.InetSocketAddress(address, port)));
				}
				out.println("READY " + held.size());
				out.flush();
				while (System.in.read() >= 0) {
					// until the parent ends it
				}
			}
			default -> throw new IllegalArgumentException("unknown mode " + args[0]);
		}
		out.flush();
		System.exit(0);
	}

	/** The pin of the responder that shares this secret file: it writes its fingerprint beside the file. */
	static Optional<String> pin(String secretFile) throws java.io.IOException {
		Path file = Path.of(secretFile + ".fingerprint");
		return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
	}

	private static void load(String[] args, PrintStream out) throws Exception {
		HostAndPort control = HostAndPort.parse("responder", args[1], 2231);
		byte[] secret = Files.readAllBytes(Path.of(args[2]));
		InetAddress server = InetAddress.getByName(args[3]);
		int[] ports = PortRange.parse("range", args[4]).ports().toArray();
		PortRange clientRange = PortRange.parse("range", args[5]);
		long seconds = Long.parseLong(args[6]);
		boolean junk = Boolean.parseBoolean(args[7]);
		try (org.mediapath.protocol.ControlClient client = org.mediapath.protocol.ControlClient.connect(
				new java.net.InetSocketAddress(InetAddress.getByName(control.host()), control.port()), secret,
				pin(args[2]).orElse(null), Duration.ofSeconds(3))) {
			org.mediapath.protocol.ControlMessage.SessionOpened session = client.call(
					new org.mediapath.protocol.ControlMessage.OpenSession(
							org.mediapath.protocol.ControlMessage.SessionKind.UDP, ports, "ldU1", "load-password-123"),
					org.mediapath.protocol.ControlMessage.SessionOpened.class);
			java.util.concurrent.atomic.AtomicLong junkSent = new java.util.concurrent.atomic.AtomicLong();
			java.util.concurrent.atomic.AtomicLong junkAnswers = new java.util.concurrent.atomic.AtomicLong();
			java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
			Thread flooder = null;
			if (junk) {
				flooder = new Thread(() -> {
					java.util.Random random = new java.util.Random(1);
					try (java.nio.channels.DatagramChannel ch = java.nio.channels.DatagramChannel.open()) {
						ch.bind(new java.net.InetSocketAddress(InetAddress.getByName(client.localAddress().getAddress()
								.getHostAddress()), 0));
						ch.configureBlocking(false);
						java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(2048);
						long i = 0;
						while (running.get()) {
							byte[] packet;
							switch ((int) (i % 4)) {
								case 0 -> { packet = new byte[1 + random.nextInt(1400)]; random.nextBytes(packet); }
								case 1 -> packet = org.mediapath.protocol.Stun.bindingRequest(
										org.mediapath.protocol.Stun.newTransactionId(), "wrong:user", "wrong-password");
								case 2 -> packet = java.util.Arrays.copyOf(org.mediapath.protocol.Stun.bindingRequest(
										org.mediapath.protocol.Stun.newTransactionId(), "x:y", null), 30);
								default -> packet = new org.mediapath.protocol.Stun.Builder(
										org.mediapath.protocol.Stun.BINDING_REQUEST,
										org.mediapath.protocol.Stun.newTransactionId()).build(); // bare, 20 bytes
							}
							ch.send(java.nio.ByteBuffer.wrap(packet), new java.net.InetSocketAddress(server,
									ports[(int) (i % ports.length)]));
							junkSent.incrementAndGet();
							i++;
							in.clear();
							while (ch.receive(in) != null) {
								junkAnswers.incrementAndGet();
								in.clear();
							}
						}
					} catch (Exception e) {
						System.out.println("JUNK-FAILED " + e);
					}
				}, "junk");
				flooder.start();
			}
			String user = session.serverUfrag() + ":ldU1";
			java.nio.channels.DatagramChannel ch = UdpEndpoints.bindInRange(client.localAddress().getAddress(), clientRange, -1);
			ch.configureBlocking(false);
			java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(2048);
			long answers = 0;
			int outstanding = 0;
			long start = System.nanoTime();
			long end = start + seconds * 1_000_000_000L;
			long lastProgress = System.nanoTime();
			int next = 0;
			while (System.nanoTime() < end) {
				while (outstanding < 256) {
					ch.send(java.nio.ByteBuffer.wrap(org.mediapath.protocol.Stun.bindingRequest(
							org.mediapath.protocol.Stun.newTransactionId(), user, session.serverPassword())),
							new java.net.InetSocketAddress(server, ports[next++ % ports.length]));
					outstanding++;
				}
				in.clear();
				if (ch.receive(in) != null) {
					answers++;
					outstanding--;
					lastProgress = System.nanoTime();
				} else if (System.nanoTime() - lastProgress > 50_000_000L) {
					outstanding = 0; // lost in a full buffer: refill the window
					lastProgress = System.nanoTime();
				}
			}
			double elapsed = (System.nanoTime() - start) / 1e9;
			running.set(false);
			if (flooder != null) {
				flooder.join();
			}
			ch.close();
			out.println("LOAD " + Math.round(answers / elapsed) + " " + junkSent.get() + " " + junkAnswers.get());
		}
	}
}
