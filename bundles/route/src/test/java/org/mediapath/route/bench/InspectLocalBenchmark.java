package org.mediapath.route.bench;

import java.util.Arrays;
import java.util.function.Supplier;

import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.route.RouteInspector;
import org.mediapath.route.RouteSettings;
import org.mediapath.route.parse.Fixtures;

/**
 * Measures, does not judge: how long inspectLocal() takes on this machine (the target is
 * under 50 ms), and, for scale, a pasted capture and a decision. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> org.mediapath.route.bench.InspectLocalBenchmark [rounds [target]]};
 * {@code target} (default 127.0.0.1) is the address decided on the local snapshot, e.g. one routed through a tunnel
 * when run inside a namespace with {@code ip netns exec}. A connected UDP socket sends nothing.
 */
public final class InspectLocalBenchmark {

	private InspectLocalBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		String target = args.length > 1 ? args[1] : "127.0.0.1";
		RouteInspector service = new RouteInspector(RouteSettings.DEFAULTS);
		long coldStart = System.nanoTime();
		NetworkSnapshot first = service.inspectLocal();
		double cold = (System.nanoTime() - coldStart) / 1e6;
		System.out.printf("machine: %s %s, %d cores, Java %s%n", System.getProperty("os.name"),
				System.getProperty("os.version"), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"));
		System.out.printf("snapshot: %d interfaces, %d routes, %d warnings %s%n", first.interfaces().size(),
				first.routes().size(), first.warnings().size(), first.warnings());
		System.out.printf("inspectLocal() first call (cold JVM): %.1f ms%n", cold);
		report("inspectLocal()", rounds, service::inspectLocal);
		System.out.printf("decide(local, %s): %s%n", target, service.decide(first, target).interfaceName().orElse("no route"));
		report("decide(local, " + target + ") incl. socket + ip route get", rounds, () -> service.decide(first, target));
		String paste = Fixtures.read("windows/anyconnect-split-route-print-ipconfig.txt")
				+ Fixtures.read("macos/utun-full-tunnel-netstat-ifconfig.txt")
				+ Fixtures.read("linux/wireguard-wg-quick-ip-json.txt");
		report("parseCaptured(3 fixtures, " + paste.length() / 1024 + " KiB)", rounds, () -> service.parseCaptured(paste));
		NetworkSnapshot pasted = service.parseCaptured(Fixtures.read("windows/anyconnect-split-route-print-ipconfig.txt"));
		report("decide(pasted route print, 10.1.2.3)", rounds, () -> service.decide(pasted, "10.1.2.3"));
	}

	private static void report(String what, int rounds, Supplier<?> task) {
		for (int i = 0; i < Math.min(20, rounds); i++) {
			task.get();
		}
		double[] millis = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			long start = System.nanoTime();
			task.get();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		System.out.printf("%-60s n=%d  min %.2f  median %.2f  p95 %.2f  max %.2f ms%n", what, rounds, millis[0],
				millis[rounds / 2], millis[(int) (rounds * 0.95)], millis[rounds - 1]);
	}

}
