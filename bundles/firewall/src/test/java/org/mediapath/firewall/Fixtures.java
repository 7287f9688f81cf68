package org.mediapath.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.FirewallVerdict;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.PortRange;
import org.mediapath.firewall.parse.PasteDecoder;

/** The fixtures under src/test/resources/fixtures and the questions the tests ask of them. */
public final class Fixtures {

	public static final FirewallAnalyser ANALYSER = new FirewallAnalyser(new LocalRuleset(Duration.ofSeconds(5)));

	private Fixtures() {
	}

	public static String text(String path) {
		return PasteDecoder.decode(bytes(path));
	}

	public static byte[] bytes(String path) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + path);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static FirewallQuestion inbound(TransportProtocol protocol, String ports) {
		return FirewallQuestion.of(TrafficDirection.INBOUND, protocol, PortRange.parse("ports", ports));
	}

	public static FirewallQuestion ask(TrafficDirection direction, TransportProtocol protocol, String ports, String remote,
			String program, String profile) {
		return new FirewallQuestion(direction, protocol, PortRange.parse("ports", ports), Optional.ofNullable(remote),
				Optional.ofNullable(program), Optional.ofNullable(profile));
	}

	public static FirewallAnswer analyse(String fixture, FirewallQuestion question) {
		return ANALYSER.analysePasted(text(fixture), question);
	}

	/** @return the run holding the port */
	public static PortVerdictRun at(FirewallAnswer answer, int port) {
		return answer.runs().stream().filter(r -> r.ports().contains(port)).findFirst()
				.orElseThrow(() -> new AssertionError("no run holds port " + port + ": " + answer));
	}

	public static FirewallVerdict verdict(FirewallAnswer answer, int port) {
		return at(answer, port).verdict();
	}
}
