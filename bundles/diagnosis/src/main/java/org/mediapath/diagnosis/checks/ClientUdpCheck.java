package org.mediapath.diagnosis.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediapath.api.check.CheckComponent;
import org.mediapath.api.check.CheckContext;
import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.probe.Direction;
import org.mediapath.api.probe.DirectionResult;
import org.mediapath.api.probe.UdpRangeProbe;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.diagnosis.spi.CheckOrdering;
import org.osgi.service.component.annotations.Component;

/**
 * The server's checks to the client's media ports (UDP 49152-65535): what a client's own firewall
 * blocks. Only a responder near the server can send them; its cooperative sweep measures both
 * directions at once, so this check reads the server-udp check's probe rather than sending a
 * second sweep at the PBX.
 */
@Component(service = DiagnosticCheck.class, property = { DiagnosticCheck.CHECK_TIMEOUT_MILLIS + ":Long=5000",
		CheckOrdering.REQUIRES + "=" + BuiltInChecks.SIGNALLING, CheckOrdering.AFTER + "=" + BuiltInChecks.SERVER_UDP })
@CheckComponent(id = BuiltInChecks.CLIENT_UDP, title = ClientUdpCheck.TITLE)
public class ClientUdpCheck implements DiagnosticCheck {

	static final String TITLE = "Client media ports (server to client)";

	@Override
	public CheckResult run(CheckContext context) {
		long start = System.nanoTime();
		String clientPorts = context.request().clientPorts().toString();
		if (context.request().responder().isEmpty()) {
			return CheckSupport.skipped(BuiltInChecks.CLIENT_UDP, TITLE, "needs a responder (--responder): only a far end "
					+ "at the server can send the server's checks to this client's UDP " + clientPorts
					+ ", which is what the client's own firewall blocks", start);
		}
		DirectionResult back = context.shared(CheckSupport.SHARED_UDP_PROBE, UdpRangeProbe.class)
				.flatMap(probe -> probe.directions().stream().filter(d -> d.direction() == Direction.SERVER_TO_CLIENT)
						.findFirst())
				.orElse(null);
		if (back == null || back.runs().isEmpty()) {
			return CheckSupport.skipped(BuiltInChecks.CLIENT_UDP, TITLE, "the server media probe did not measure the "
					+ "server-to-client direction (the responder did not take part)", start);
		}
		boolean anyBlocked = back.runs().stream().anyMatch(r -> !CheckSupport.open(r.outcome()));
		boolean allBlocked = back.runs().stream().noneMatch(r -> CheckSupport.open(r.outcome()));
		String where = "UDP " + clientPorts + " on this client";
		String summary = !anyBlocked ? where + ": the server's checks arrive (" + back.answered() + " of " + back.sent() + ")"
				: allBlocked ? where + ": none of the server's checks arrive (0 of " + back.sent() + ")"
						: where + ": only some of the server's checks arrive (" + back.answered() + " of " + back.sent() + ")";
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.PORTS, clientPorts);
		m.put(BuiltInChecks.COOPERATIVE, true);
		m.put(BuiltInChecks.SENT, back.sent());
		m.put(BuiltInChecks.ANSWERED, back.answered());
		m.put(BuiltInChecks.RUNS, CheckSupport.runs(back.runs()));
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(new Evidence(BuiltInChecks.CLIENT_UDP, summary));
		evidence.add(new Evidence(BuiltInChecks.CLIENT_UDP, "Ports: " + CheckSupport.describe(back)));
		return new CheckResult(BuiltInChecks.CLIENT_UDP, TITLE, anyBlocked ? CheckStatus.FAIL : CheckStatus.PASS, summary,
				m, evidence, CheckSupport.since(start));
	}
}
