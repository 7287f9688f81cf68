package org.mediapath.api.report;

/** Where a remediation has to be applied: the administrator needs to know whose box to open. */
public enum Side {
	/** The PBX server or the firewall in front of it. */
	SERVER,
	/** The softphone's computer: its own firewall, its VPN client. */
	CLIENT,
	/** Something between the two: routers, the VPN gateway, routing tables. */
	NETWORK
}
