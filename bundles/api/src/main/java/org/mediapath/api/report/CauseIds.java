package org.mediapath.api.report;

import java.util.List;

/**
 * The cause ids of DESIGN.md: a public contract used by the UI, the JSON report, events and
 * users' scripts. New ids may be added; an existing id never changes meaning.
 *
 * <p>Ids are plain strings rather than an enum so that a partner bundle can contribute a cause of
 * its own without a new version of this API.
 */
public final class CauseIds {

	/** A firewall in the server network drops the server's media ports (UDP 30000-33000). */
	public static final String SERVER_UDP_BLOCKED = "SERVER_UDP_BLOCKED";

	/** The client's own firewall blocks its media ports (UDP 49152-65535): server-to-client checks never arrive. */
	public static final String CLIENT_UDP_BLOCKED = "CLIENT_UDP_BLOCKED";

	/** The route to the server goes through a VPN tunnel that carries TCP but not UDP. */
	public static final String VPN_DROPS_UDP = "VPN_DROPS_UDP";

	/** Some of the server's addresses (media address, candidates) have no route or no answer from the client's network. */
	public static final String SERVER_ADDRESS_UNROUTED = "SERVER_ADDRESS_UNROUTED";

	/** Softphone-to-softphone media: client A cannot reach client B's media ports though both reach the server. */
	public static final String PEER_TO_PEER_UNROUTED = "PEER_TO_PEER_UNROUTED";

	/** Policy says the server is reachable only through the VPN, and no VPN carries the route. */
	public static final String VPN_REQUIRED_NOT_CONNECTED = "VPN_REQUIRED_NOT_CONNECTED";

	/** The precondition: TCP signalling to the server (port 2230 by default) fails. */
	public static final String SIGNALLING_BLOCKED = "SIGNALLING_BLOCKED";

	/** Only part of the media range passes; the evidence names which ports pass and which do not. */
	public static final String PARTIAL_RANGE_BLOCKED = "PARTIAL_RANGE_BLOCKED";

	/** Every id this version of the API defines, in the order of DESIGN.md. */
	public static final List<String> ALL = List.of(SERVER_UDP_BLOCKED, CLIENT_UDP_BLOCKED, VPN_DROPS_UDP,
			SERVER_ADDRESS_UNROUTED, PEER_TO_PEER_UNROUTED, VPN_REQUIRED_NOT_CONNECTED, SIGNALLING_BLOCKED,
			PARTIAL_RANGE_BLOCKED);

	private CauseIds() {
	}
}
