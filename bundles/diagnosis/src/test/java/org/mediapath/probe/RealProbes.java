package org.mediapath.probe;

import org.mediapath.api.probe.PortProbeService;

/**
 * The real probe implementation for the diagnosis tests (a test-scoped dependency, never a runtime
 * import): its settings type is package-private, hence this accessor in its package.
 */
public final class RealProbes {

	private RealProbes() {
	}

	/** @return the console's side of the user's-browser test with the probe's defaults (its control-channel timeout) */
	public static org.mediapath.api.browser.BrowserTestService browserTests() {
		return new BrowserTestClient(ProbeSettings.DEFAULT);
	}

	/** @return the probe service with its Metatype defaults, publishing nothing (no framework) */
	public static PortProbeService service() {
		return new PortProbeServiceImpl(null, ProbeSettings.DEFAULT);
	}
}
