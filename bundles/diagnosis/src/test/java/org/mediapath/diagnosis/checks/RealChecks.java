package org.mediapath.diagnosis.checks;

import java.util.ArrayList;
import java.util.List;

import org.mediapath.api.check.DiagnosticCheck;
import org.mediapath.api.probe.PortProbeService;
import org.mediapath.diagnosis.engine.CheckEntry;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/** The built-in checks as the engine would see them in a framework, for tests without one. */
public final class RealChecks {

	private RealChecks() {
	}

	/**
	 * @param probes the probe service, or null to see the checks without one
	 * @param withIce whether the ICE check takes part
	 * @return the entries, with the ordering the DS annotations declare
	 */
	public static List<CheckEntry> entries(PortProbeService probes, boolean withIce) {
		List<DiagnosticCheck> checks = new ArrayList<>(List.of(new SignallingCheck(ChecksSettings.DEFAULT, probes),
				new ServerUdpCheck(ChecksSettings.DEFAULT, probes), new ClientUdpCheck(),
				new PeerCheck(ChecksSettings.DEFAULT, probes), new RouteCheck(RouteCheck.DNS, null)));
		if (withIce) {
			checks.add(new IceCheck(ChecksSettings.DEFAULT, probes));
		}
		List<CheckEntry> entries = new ArrayList<>();
		long id = 1;
		for (DiagnosticCheck check : checks) {
			entries.add(entry(check, id++));
		}
		return entries;
	}

	static CheckEntry entry(DiagnosticCheck check, long serviceId) {
		if (check instanceof SignallingCheck) {
			return new CheckEntry(BuiltInChecks.SIGNALLING, SignallingCheck.TITLE, 15000, List.of(), List.of(), serviceId, check);
		}
		if (check instanceof ServerUdpCheck) {
			return new CheckEntry(BuiltInChecks.SERVER_UDP, ServerUdpCheck.TITLE, 30000, List.of(BuiltInChecks.SIGNALLING), List.of(), serviceId, check);
		}
		if (check instanceof ClientUdpCheck) {
			return new CheckEntry(BuiltInChecks.CLIENT_UDP, ClientUdpCheck.TITLE, 5000, List.of(BuiltInChecks.SIGNALLING),
					List.of(BuiltInChecks.SERVER_UDP), serviceId, check);
		}
		if (check instanceof IceCheck) {
			return new CheckEntry(BuiltInChecks.ICE, IceCheck.TITLE, 45000, List.of(BuiltInChecks.SIGNALLING),
					List.of(), serviceId, check);
		}
		if (check instanceof PeerCheck) {
			return new CheckEntry(BuiltInChecks.PEER, PeerCheck.TITLE, 15000, List.of(BuiltInChecks.SIGNALLING),
					List.of(), serviceId, check);
		}
		return new CheckEntry(BuiltInChecks.ROUTE, RouteCheck.TITLE, 10000, List.of(), List.of(), serviceId, check);
	}
}
