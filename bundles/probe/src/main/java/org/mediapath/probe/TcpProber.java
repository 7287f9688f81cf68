package org.mediapath.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.probe.SignallingProbe;
import org.mediapath.api.probe.TcpOutcome;

/** The TCP signalling probe: a few connects, each classified, with their times. */
final class TcpProber {

	/** Name resolution, replaceable so that tests never ask a DNS server. */
	interface Resolver {
		InetAddress resolve(String host) throws UnknownHostException;
	}

	static final Resolver DNS = InetAddress::getByName;

	private TcpProber() {
	}

	static SignallingProbe probe(HostAndPort target, Duration timeout, int attempts, Resolver resolver) {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts: " + attempts + " must be at least 1");
		}
		if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("timeout: " + timeout + " must be positive");
		}
		InetAddress address;
		try {
			address = resolver.resolve(target.host());
		} catch (UnknownHostException e) {
			return new SignallingProbe(target, Optional.empty(), TcpOutcome.NAME_NOT_RESOLVED, List.of(), 0,
					"'" + target.host() + "' does not resolve: check the name or the DNS server");
		}
		List<Duration> times = new ArrayList<>();
		Map<TcpOutcome, Integer> counts = new EnumMap<>(TcpOutcome.class);
		String lastError = "";
		int made = 0;
		for (int i = 0; i < attempts; i++) {
			made++;
			long start = System.nanoTime();
			TcpOutcome outcome;
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, target.port()), (int) timeout.toMillis());
				times.add(Duration.ofNanos(System.nanoTime() - start));
				outcome = TcpOutcome.OPEN;
			} catch (SocketTimeoutException e) {
				outcome = TcpOutcome.FILTERED;
				lastError = "no answer within " + timeout.toMillis() + " ms";
			} catch (NoRouteToHostException e) {
				outcome = TcpOutcome.UNREACHABLE;
				lastError = e.getMessage();
			} catch (ConnectException e) {
				String message = String.valueOf(e.getMessage());
				outcome = message.contains("refused") ? TcpOutcome.REFUSED : TcpOutcome.UNREACHABLE;
				lastError = message;
			} catch (IOException e) {
				outcome = TcpOutcome.UNREACHABLE;
				lastError = String.valueOf(e.getMessage());
			}
			counts.merge(outcome, 1, Integer::sum);
			if (outcome == TcpOutcome.FILTERED) {
				// The kernel already retransmitted the SYN within the timeout; another attempt would only
				// wait as long again for the same silence and delay the verdict.
				break;
			}
		}
		TcpOutcome overall = counts.containsKey(TcpOutcome.OPEN) ? TcpOutcome.OPEN
				: counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		String where = target + " (" + address.getHostAddress() + ")";
		String detail = switch (overall) {
			case OPEN -> where + " accepted " + times.size() + " of " + made + " connections, median "
					+ median(times).toMillis() + " ms";
			case REFUSED -> where + " refused the connection: the host is reachable but nothing listens on port "
					+ target.port() + " (" + lastError + ")";
			case FILTERED -> where + " did not answer: a firewall drops TCP to port " + target.port() + " ("
					+ lastError + ")";
			case UNREACHABLE -> where + " is unreachable: " + lastError;
			case NAME_NOT_RESOLVED -> where + " did not resolve";
		};
		return new SignallingProbe(target, Optional.of(address.getHostAddress()), overall, times, made, detail);
	}

	private static Duration median(List<Duration> times) {
		List<Duration> sorted = new ArrayList<>(times);
		sorted.sort(null);
		return sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
	}
}
