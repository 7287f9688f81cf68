package org.mediapath.route.parse;

/** The command outputs a paste may hold, named as a user would recognise them. */
public enum Format {
	IP_ROUTE("ip route"),
	IP_ADDR("ip addr"),
	IP_RULE("ip rule"),
	PROC_NET_ROUTE("/proc/net/route"),
	PROC_NET_IPV6_ROUTE("/proc/net/ipv6_route"),
	ROUTE_PRINT("route print"),
	IPCONFIG("ipconfig /all"),
	NETSTAT("netstat -rn"),
	IFCONFIG("ifconfig"),
	/** ip -j ..., Get-NetRoute / Get-NetAdapter / Get-NetIPAddress | ConvertTo-Json: told apart per object. */
	JSON("JSON"),
	/** A shell prompt line: ends the output before it, belongs to none. */
	PROMPT("prompt");

	private final String label;

	Format(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
