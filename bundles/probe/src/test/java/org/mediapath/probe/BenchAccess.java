package org.mediapath.probe;

import org.mediapath.api.probe.PortProbeService;

/** Lets the bench build the service outside OSGi with a lifted rate cap. */
public final class BenchAccess {

	private BenchAccess() {
	}

	public static PortProbeService service(int packetsPerSecond) {
		return new PortProbeServiceImpl(null, ProbeSettings.DEFAULT.withRate(packetsPerSecond));
	}
}
