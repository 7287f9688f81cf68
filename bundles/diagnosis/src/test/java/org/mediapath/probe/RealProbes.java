package org.mediapath.probe;

import org.mediapath.api.probe.PortProbeService;

/**
 * The real probe implementation for the diagnosis tests (a test-scoped dependency, never a runtime
 * import): its settings type is package-private, hence this accessor in its package.
 */
public final class RealProbes {

	private RealProbes() {
	}

	/** @return the probe service with its Metatype defaults, publishing nothing (no framework) */
	public static PortProbeService service() {
		return new PortProbeServiceImpl(null, ProbeSettings.DEFAULT);
	}
}
