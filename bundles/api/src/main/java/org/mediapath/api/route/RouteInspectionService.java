package org.mediapath.api.route;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads interfaces and routing tables, decides the route to a target, and finds routing problems
 * (VPN split tunnels, a required VPN that is down, server addresses without a route). Implemented
 * by the route bundle.
 *
 * <p>Promises: external programs run with a fixed argument vector and a timeout, never through a
 * shell; input that cannot be understood becomes a warning in the snapshot, never an exception.
 */
@ProviderType
public interface RouteInspectionService {

	/** @return the interfaces and routes of the machine this service runs on */
	NetworkSnapshot inspectLocal();

	/**
	 * Reconstructs a machine's interfaces and routes from command output a user pasted
	 * ({@code route print}, {@code ipconfig /all}, {@code Get-NetRoute} JSON, {@code netstat -rn},
	 * {@code ifconfig}, {@code ip route}, {@code ip addr}); formats are recognised by themselves and
	 * several may be pasted together.
	 *
	 * @param pasted the pasted text
	 * @return the reconstructed snapshot, with warnings for what was not understood
	 */
	NetworkSnapshot parseCaptured(String pasted);

	/**
	 * Decides the route to a target. For the local snapshot the system is asked; for a captured one
	 * the decision is reconstructed from the table and says so.
	 *
	 * @param snapshot the machine's data
	 * @param targetAddress an IPv4 or IPv6 address
	 * @return the decision and its explanation
	 */
	RouteDecision decide(NetworkSnapshot snapshot, String targetAddress);

	/**
	 * Analyses the routes to a server's addresses.
	 *
	 * @param snapshot the machine's data
	 * @param request the addresses and the VPN policy
	 * @return the findings, FAIL ones first
	 */
	List<RouteFinding> analyse(NetworkSnapshot snapshot, RouteAnalysisRequest request);
}
