package org.mediapath.responder.browser;

/**
 * The responder's book of ports its sessions hold: a browser run takes ports no probe session holds,
 * and holds them itself while its agents live, so a diagnosis running at the same time keeps clear.
 */
public interface PortGuard {

	/**
	 * @param ports candidate ports
	 * @return those no session holds
	 */
	int[] notHeld(int[] ports);

	/** @param ports ports now held by a browser run */
	void hold(int[] ports);

	/** @param ports ports released */
	void release(int[] ports);
}
