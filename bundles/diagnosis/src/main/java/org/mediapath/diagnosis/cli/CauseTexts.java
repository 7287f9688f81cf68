package org.mediapath.diagnosis.cli;

import java.util.Map;

import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.Side;

/** Plain words for the cause ids and sides: the administrator reads these before any evidence. */
final class CauseTexts {

	private static final Map<String, String> TITLES = Map.of(
			CauseIds.SERVER_UDP_BLOCKED, "A firewall in front of the server drops the media ports",
			CauseIds.CLIENT_UDP_BLOCKED, "The client's own firewall blocks incoming media",
			CauseIds.VPN_DROPS_UDP, "The VPN carries the call's signalling but not its media (UDP)",
			CauseIds.SERVER_ADDRESS_UNROUTED, "Some of the server's addresses cannot be reached from this client",
			CauseIds.PEER_TO_PEER_UNROUTED, "This client cannot reach the other softphone's media ports",
			CauseIds.VPN_REQUIRED_NOT_CONNECTED, "The VPN is not connected, and the server is only reachable through it",
			CauseIds.SIGNALLING_BLOCKED, "The server's signalling port cannot be reached: calls do not even ring",
			CauseIds.PARTIAL_RANGE_BLOCKED, "Only part of the media port range passes: some calls stay silent");

	private CauseTexts() {
	}

	static String title(String causeId) {
		return TITLES.getOrDefault(causeId, causeId.replace('_', ' ').toLowerCase());
	}

	/** In a report of a user's browser the client is the user's computer and network, in both directions. */
	private static final Map<String, String> BROWSER_TITLES = Map.of(
			CauseIds.CLIENT_UDP_BLOCKED, "The user's side (computer or network) stops the media",
			CauseIds.VPN_DROPS_UDP, "The user's VPN does not carry the media (UDP)",
			CauseIds.VPN_REQUIRED_NOT_CONNECTED, "The user is not on the VPN, and the PBX is only to be reached through it");

	static String title(String causeId, boolean usersBrowser) {
		return usersBrowser && BROWSER_TITLES.containsKey(causeId) ? BROWSER_TITLES.get(causeId) : title(causeId);
	}

	static String side(Side side) {
		return switch (side) {
		case SERVER -> "server side";
		case CLIENT -> "client side";
		case NETWORK -> "network";
		};
	}
}
