package org.mediapath.route.command;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Builds pastes from a fuzzer's choices: lines shaped like {@code ip route}, {@code ip addr},
 * {@code ip rule}, /proc/net/route, {@code route print}, {@code ipconfig /all}, {@code netstat -rn},
 * {@code ifconfig}, prompts and JSON, with addresses, numbers and names that are sometimes real and
 * sometimes anything. Raw bytes almost never match the detector's signatures; these do, so the
 * fuzzer spends its time inside the parsers.
 */
final class PasteGenerator {

	private static final int MAX_LINES = 48;

	private static final String[] ADDRESSES = { "10.8.0.1", "192.168.1.1", "0.0.0.0", "255.255.255.0", "127.0.0.1",
			"172.16.4.1", "198.51.100.20", "10.8", "192.168.1", "127", "300.1.2.3", "fe80::1", "::", "::1",
			"2001:db8::1", "fe80::1%en0", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "-", "default" };
	private static final String[] INTERFACES = { "eth0", "wlp2s0", "tun0", "wg0", "utun4", "en0", "lo", "lo0",
			"Ethernet 2", "ppp0", "gpd0", "cscotun0", "tailscale0", "bridge0" };
	private static final String[] FLAGS = { "UP", "BROADCAST", "RUNNING", "LOOPBACK", "POINTOPOINT", "NO-CARRIER",
			"LOWER_UP", "MULTICAST", "NOARP" };
	private static final String[] ROUTE_FLAGS = { "UG", "U", "UGSc", "UCS", "UHLWIi", "UGScI", "R", "B", "UH", "!" };
	private static final String[] JSON_KEYS = { "dst", "dev", "gateway", "via", "host", "nexthops", "prefsrc", "table",
			"metric", "type", "protocol", "scope", "flags", "ifname", "ifindex", "mtu", "link_type", "linkinfo",
			"info_kind", "info_data", "addr_info", "local", "prefixlen", "address", "family", "priority", "src",
			"action", "fwmark", "not", "iif", "oif", "suppress_prefixlen", "DestinationPrefix", "NextHop", "ifIndex",
			"InterfaceIndex", "InterfaceAlias", "RouteMetric", "InterfaceMetric", "Store", "InterfaceDescription",
			"Name", "Status", "MtuSize", "MediaType", "PhysicalMediaType", "IPAddress", "PrefixLength", "cache", "uid" };

	private PasteGenerator() {
	}

	static String paste(FuzzedDataProvider data) {
		StringBuilder paste = new StringBuilder();
		int lines = data.consumeInt(1, MAX_LINES);
		String newline = data.pickValue(new String[] { "\n", "\r\n", "\r" });
		for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
			paste.append(line(data)).append(newline);
		}
		return paste.toString();
	}

	private static String line(FuzzedDataProvider d) {
		switch (d.consumeInt(0, 45)) {
		// ip route / ip -6 route / ip route show table all
		case 0: return address(d) + "/" + prefix(d) + " via " + address(d) + " dev " + iface(d) + " proto static metric " + number(d);
		case 1: return "default via " + address(d) + " dev " + iface(d) + " proto dhcp src " + address(d) + " metric " + number(d);
		case 2: return address(d) + "/" + prefix(d) + " dev " + iface(d) + " proto kernel scope link src " + address(d);
		case 3: return d.pickValue(new String[] { "unreachable", "blackhole", "prohibit", "throw", "local", "broadcast" })
				+ " " + address(d) + "/" + prefix(d) + " dev " + iface(d) + " table " + word(d);
		case 4: return "default proto static metric " + number(d);
		case 5: return "\tnexthop via " + address(d) + " dev " + iface(d) + " weight " + number(d);
		case 6: return address(d) + " dev " + iface(d) + " " + word(d) + " " + word(d) + " pref " + word(d);
		// ip addr
		case 7: return number(d) + ": " + iface(d) + (d.consumeBoolean() ? "@if" + number(d) : "") + ": <" + flags(d)
				+ "> mtu " + number(d) + " qdisc noqueue state UP group default qlen 1000";
		case 8: return "    inet " + address(d) + "/" + prefix(d) + " brd " + address(d) + " scope global " + iface(d);
		case 9: return "    inet6 " + address(d) + "/" + prefix(d) + " scope link";
		case 10: return "    inet " + address(d) + " peer " + address(d) + "/" + prefix(d) + " scope global " + iface(d);
		case 11: return "    link/" + d.pickValue(new String[] { "ether", "none", "loopback", "ppp", "" }) + " " + word(d);
		case 12: return "    " + d.pickValue(new String[] { "wireguard", "tun type tun", "tun", "bridge", "veth" }) + " " + word(d);
		// ip rule
		case 13: return number(d) + ":\t" + (d.consumeBoolean() ? "not " : "") + "from " + d.pickValue(new String[] { "all", "10.8.0.0/16", "::/0" })
				+ (d.consumeBoolean() ? " fwmark 0x" + hex(d, 4) : "") + " lookup " + word(d);
		// /proc/net/route and /proc/net/ipv6_route
		case 14: return "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";
		case 15: return iface(d) + "\t" + hex(d, 8) + "\t" + hex(d, 8) + "\t" + hex(d, 4) + "\t0\t0\t" + number(d) + "\t"
				+ hex(d, 8) + "\t0\t0\t0";
		case 16: return hex(d, 32) + " " + hex(d, 2) + " " + hex(d, 32) + " " + hex(d, 2) + " " + hex(d, 32) + " "
				+ hex(d, 8) + " " + hex(d, 8) + " " + hex(d, 8) + " " + hex(d, 8) + " " + iface(d);
		// route print
		case 17: return "===========================================================================";
		case 18: return " " + number(d) + "...00 ff 5e 12 34 56 ......" + word(d) + " " + d.pickValue(new String[] {
				"Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", "Software Loopback Interface 1",
				"TAP-Windows Adapter V9", "Intel(R) Ethernet Connection" });
		case 19: return "          " + address(d) + "          " + address(d) + "      " + d.pickValue(new String[] {
				"On-link", "Auf Verbindung", "192.168.1.1", "fe80::1" }) + "     " + address(d) + "     " + number(d);
		case 20: return "  " + number(d) + "    " + number(d) + " " + address(d) + "/" + prefix(d) + (d.consumeBoolean() ? "" : "   " + address(d));
		case 21: return d.pickValue(new String[] { "IPv4 Route Table", "IPv6 Route Table", "Active Routes:", "Aktive Routen:",
				"Persistent Routes:", "  None", "Interface List", "Network Destination        Netmask          Gateway       Interface  Metric" });
		// ipconfig /all
		case 22: return "Windows IP Configuration";
		case 23: return d.pickValue(new String[] { "Ethernet adapter ", "Wireless LAN adapter ", "PPP adapter ",
				"Unknown adapter ", "Tunnel adapter ", "Ethernet-Adapter " }) + iface(d) + ":";
		case 24: return "   " + d.pickValue(new String[] { "Description", "Beschreibung", "Physical Address", "IPv4 Address",
				"IP Address", "Subnet Mask", "Subnetzmaske", "Default Gateway", "DHCP Server", "DNS Servers",
				"Link-local IPv6 Address", "IPv6 Address", "Media State", "Connection-specific DNS Suffix" })
				+ " . . . . . . . . . : " + value(d);
		case 25: return "                                       " + address(d);
		// netstat -rn / route -n
		case 26: return d.pickValue(new String[] { "Routing tables", "Internet:", "Internet6:", "Kernel IP routing table" });
		case 27: return d.pickValue(new String[] { "Destination        Gateway            Flags               Netif Expire",
				"Destination        Gateway            Flags        Refs      Use   Netif Expire",
				"Destination     Gateway         Genmask         Flags Metric Ref    Use Iface",
				"Destination Gateway Flags Netif" });
		case 28: return address(d) + "        " + address(d) + "      " + d.pickValue(ROUTE_FLAGS) + "   " + iface(d)
				+ (d.consumeBoolean() ? "   " + number(d) : "");
		case 29: return address(d) + "/" + prefix(d) + "     link#" + number(d) + "   " + d.pickValue(ROUTE_FLAGS) + "  " + iface(d);
		case 30: return address(d) + "     " + address(d) + "     " + address(d) + "   " + d.pickValue(ROUTE_FLAGS) + " "
				+ number(d) + "      0        0 " + iface(d);
		case 31: return address(d) + "   aa:bb:cc:dd:ee:ff   UHLWIi   " + iface(d) + "   " + number(d);
		// ifconfig
		case 32: return iface(d).replace(' ', '_') + ": flags=" + number(d) + "<" + flags(d) + "> mtu " + number(d);
		case 33: return "\tinet " + address(d) + " netmask " + (d.consumeBoolean() ? "0x" + hex(d, 8) : address(d))
				+ " broadcast " + address(d);
		case 34: return "\tinet " + address(d) + " --> " + address(d) + " netmask 0x" + hex(d, 8);
		case 35: return "\tinet6 " + address(d) + "%" + iface(d) + " prefixlen " + prefix(d) + " scopeid 0x" + hex(d, 2);
		case 36: return "\t" + d.pickValue(new String[] { "ether aa:bb:cc:dd:ee:ff", "status: inactive", "status: active",
				"options=6463<RXCSUM,TXCSUM>", "nd6 options=201<PERFORMNUD,DAD>" });
		// prompts, blank lines, comments, free text
		case 37: return d.pickValue(new String[] { "$ ip route", "PS C:\\Users\\me> route print", "C:\\>ipconfig /all",
				"me@host:~$ netstat -rn", "% ifconfig", "# fixture comment" });
		case 38: return "";
		case 39: case 40: return d.consumeString(120);
		// JSON: ip -j, Get-NetRoute | ConvertTo-Json
		case 41: case 42: case 43: {
			StringBuilder json = new StringBuilder(d.consumeBoolean() ? "[" : "");
			int objects = d.consumeInt(1, 4);
			for (int i = 0; i < objects; i++) {
				json.append(i == 0 ? "" : ",");
				jsonObject(d, json, 0);
			}
			return json.append(json.charAt(0) == '[' && d.consumeBoolean() ? "]" : "").toString();
		}
		default: return d.consumeString(40) + " " + address(d) + " " + word(d);
		}
	}

	private static void jsonObject(FuzzedDataProvider d, StringBuilder json, int depth) {
		json.append('{');
		int keys = d.consumeInt(0, 6);
		for (int i = 0; i < keys; i++) {
			json.append(i == 0 ? "" : ",").append('"').append(d.consumeBoolean() ? d.pickValue(JSON_KEYS) : escape(d.consumeString(12)))
					.append("\":");
			jsonValue(d, json, depth + 1);
		}
		json.append('}');
	}

	private static void jsonValue(FuzzedDataProvider d, StringBuilder json, int depth) {
		switch (depth > 3 ? d.consumeInt(0, 5) : d.consumeInt(0, 7)) {
		case 0: json.append('"').append(escape(address(d))).append(d.consumeBoolean() ? "/" + prefix(d) : "").append('"'); break;
		case 1: json.append('"').append(escape(d.consumeString(16))).append('"'); break;
		case 2: json.append(d.pickValue(new String[] { "0", "-1", "1e400", "99999999999999999999", "2.5", "-0", "1E3" })); break;
		case 3: json.append(d.consumeLong()); break;
		case 4: json.append(d.pickValue(new String[] { "true", "false", "null" })); break;
		case 5: json.append('"').append(escape(iface(d))).append('"'); break;
		case 6: jsonObject(d, json, depth); break;
		default: {
			json.append('[');
			int n = d.consumeInt(0, 3);
			for (int i = 0; i < n; i++) {
				json.append(i == 0 ? "" : ",");
				jsonValue(d, json, depth + 1);
			}
			json.append(']');
		}
		}
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			out.append(c == '"' || c == '\\' || c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return out.toString();
	}

	private static String address(FuzzedDataProvider d) {
		return d.consumeInt(0, 7) == 0 ? d.consumeString(24) : d.pickValue(ADDRESSES);
	}

	private static String iface(FuzzedDataProvider d) {
		return d.consumeInt(0, 7) == 0 ? d.consumeString(24) : d.pickValue(INTERFACES);
	}

	private static String prefix(FuzzedDataProvider d) {
		return d.consumeInt(0, 7) == 0 ? d.consumeString(4) : Integer.toString(d.consumeInt(0, 129));
	}

	private static String number(FuzzedDataProvider d) {
		return d.consumeInt(0, 7) == 0 ? d.consumeString(12) : Long.toString(d.consumeLong(-1, 99_999_999_999L));
	}

	private static String word(FuzzedDataProvider d) {
		return d.consumeAsciiString(12);
	}

	private static String value(FuzzedDataProvider d) {
		switch (d.consumeInt(0, 4)) {
		case 0: return address(d) + "(Preferred)";
		case 1: return "00-15-5D-01-02-" + hex(d, 2);
		case 2: return "Media disconnected";
		case 3: return address(d);
		default: return d.consumeString(40);
		}
	}

	private static String hex(FuzzedDataProvider d, int digits) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < digits; i++) {
			hex.append(Character.forDigit(d.consumeInt(0, 15), 16));
		}
		return hex.toString();
	}

	private static String flags(FuzzedDataProvider d) {
		StringBuilder flags = new StringBuilder();
		int n = d.consumeInt(0, 4);
		for (int i = 0; i < n; i++) {
			flags.append(i == 0 ? "" : ",").append(d.pickValue(FLAGS));
		}
		return flags.toString();
	}
}
