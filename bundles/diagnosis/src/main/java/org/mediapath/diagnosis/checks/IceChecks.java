package org.mediapath.diagnosis.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.CandidatePairResult;
import org.mediapath.api.probe.IceOutcome;
import org.mediapath.api.probe.IceProbe;
import org.mediapath.api.probe.IceStateChange;
import org.mediapath.api.probe.IceProbeRequest;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/** The full ICE exchange shared by the server ICE check and the peer check. */
final class IceChecks {

	private IceChecks() {
	}

	static CheckResult result(String id, String title, String what, HostAndPort target, IceProbe probe, long start) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put(BuiltInChecks.TARGET, target.toString());
		m.put(BuiltInChecks.ADDRESS, target.host());
		m.put(BuiltInChecks.OUTCOME, probe.outcome().name());
		m.put("elapsedMillis", probe.elapsed().toMillis());
		List<Map<String, Object>> pairs = new ArrayList<>();
		for (CandidatePairResult p : probe.pairs()) {
			Map<String, Object> pair = new LinkedHashMap<>();
			pair.put("local", p.local());
			pair.put("remote", p.remote());
			pair.put("state", p.state());
			pairs.add(pair);
		}
		m.put(BuiltInChecks.PAIRS, pairs);
		m.put("states", probe.states().stream().map(s -> s.state() + "@" + s.at().toMillis() + "ms").toList());
		probe.selected().ifPresent(s -> m.put(BuiltInChecks.SELECTED, s.local() + " -> " + s.remote()));
		boolean connected = probe.outcome() == IceOutcome.CONNECTED;
		String summary = connected
				? what + ": ICE connected in " + probe.elapsed().toMillis() + " ms" + probe.selected().map(s -> " via " + s.local() + " -> " + s.remote()).orElse("")
				: what + ": ICE " + (probe.outcome() == IceOutcome.FAILED ? "failed" : "did not connect within "
						+ probe.elapsed().toMillis() + " ms") + "; " + probe.pairs().size() + " candidate pairs, none succeeded";
		List<Evidence> evidence = new ArrayList<>();
		evidence.add(new Evidence(id, summary));
		// what the probe learned beyond ice4j's states: ports in use on the server, an early failure's account
		probe.states().stream().map(IceStateChange::state).filter(t -> t.contains("IN_USE") || t.contains("decided after"))
				.forEach(t -> evidence.add(new Evidence(id, t)));
		for (CandidatePairResult p : probe.pairs()) {
			if (!connected) {
				evidence.add(new Evidence(id, "pair " + p.local() + " -> " + p.remote() + ": " + p.state()));
			}
		}
		return new CheckResult(id, title, connected ? CheckStatus.PASS : CheckStatus.FAIL, summary, m, evidence,
				CheckSupport.since(start));
	}

	static IceProbe probe(PortProbeService service, HostAndPort target, String secret, Optional<String> pin, PortRange local,
			PortRange remote, ChecksSettings settings) {
		return service.probeIce(new IceProbeRequest(target, secret, local, remote, settings.iceFailureBound(), pin));
	}
}
