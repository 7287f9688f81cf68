package org.mediapath.api.route;

/** What kind of network interface an interface is, as far as media routing cares. */
public enum InterfaceKind {
	/** The loopback interface. */
	LOOPBACK,
	/** A wired Ethernet adapter. */
	ETHERNET,
	/** A wireless adapter. */
	WIFI,
	/** A VPN tunnel adapter (the product, when known, is named beside it). */
	VPN,
	/** A hypervisor or container interface (bridges, veth, vEthernet). */
	VIRTUAL,
	/** Anything else. */
	OTHER
}
