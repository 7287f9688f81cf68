package org.mediapath.firewall.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.mediapath.api.firewall.FirewallQuestion;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of pastes whose lines look like the real outputs: raw bytes seldom pass the
 * detector's signatures, these always start one (nft, iptables-save, netsh in both languages, netsh
 * profiles, ufw, firewalld, pf, socketfilterfw, nft JSON, PowerShell JSON), so every parser gets the
 * coverage with hostile lines inside.
 */
class ShapedFirewallJazzerTest {

	private static final List<String> HEADERS = List.of("table inet filter {", "*filter", "Rule Name:   x",
			"Regelname:   x", "Public Profile Settings:", "Status: active", "public (active)\n  target: default",
			"block drop in quick proto udp from any to any port 1:2", "Firewall is enabled. (State = 1)",
			"{\"nftables\": [", "[{\"DisplayName\": \"x\", \"Direction\": 1, \"Action\": 4,");
	private static final List<String> FRAGMENTS = List.of("chain input {", "type filter hook input priority ",
			"policy drop;", "udp dport ", "tcp dport ", "th dport ", "{ ", " }", ", ", "-", ":", "@", "set s {",
			"elements = { ", "ct state ", "established,related", "jump ", "goto ", "return", "accept", "drop", "reject",
			"ip saddr ", "198.18.0.0/15", "!= ", "iifname \"lo\" ", "meta l4proto ", "counter ", "# handle 7", "}",
			":INPUT DROP [0:0]", "-A INPUT ", "-p udp ", "-m multiport --dports ", "! ", "-s ", "-j ", "ACCEPT", "DROP",
			"COMMIT", "Enabled:  Yes", "Direction:  In", "Profiles:  Public", "LocalPort:  ", "Protocol:  UDP",
			"Program:  C:\\x.exe", "Action:  Block", "-------------------------", "State  ON",
			"Firewall Policy  BlockInboundAlways,AllowOutbound", "Default: deny (incoming), allow (outgoing)",
			"To  Action  From", "30000:31999/udp  ALLOW IN  Anywhere", "  ports: 1-2/udp", "  services: sip",
			"\trule family=\"ipv4\" source address=\"1.2.3.4\" drop", "pass in proto udp from any to any port ", " >< ",
			" <> ", "1 :  /Applications/X.app", " ( Block incoming connections )", "\"LocalPort\": {\"value\": [\"1-2\"]}",
			"\"Profile\": 4", "{\"rule\": {\"family\": \"inet\", \"table\": \"filter\", \"chain\": \"input\", \"expr\": [",
			"{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"udp\", \"field\": \"dport\"}}, \"right\": ",
			"{\"range\": [1, 2]}", "]}}", "\"", "\n", "\r\n", "\t", " ");

	/** See {@link PastedFirewallBytesJazzerTest} for why the timeout exceeds maxDuration. */
	@FuzzTest(maxDuration = "10s")
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void outputShapedPastesOnlyEverGiveWarnings(FuzzedDataProvider data) {
		FirewallQuestion question = FirewallPasteContract.question(data);
		StringBuilder paste = new StringBuilder();
		int parts = data.consumeInt(1, 6);
		for (int p = 0; p < parts; p++) {
			paste.append(data.pickValue(HEADERS)).append('\n');
			int lines = data.consumeInt(0, 30);
			for (int l = 0; l < lines; l++) {
				int pieces = data.consumeInt(1, 6);
				for (int k = 0; k < pieces; k++) {
					paste.append(data.consumeBoolean() ? data.pickValue(FRAGMENTS)
							: Integer.toString(data.consumeInt(-2, 70000)));
				}
				paste.append(data.consumeBoolean() ? "\n" : data.consumeString(8) + "\n");
			}
		}
		FirewallPasteContract.check(paste.toString(), question);
		FirewallPasteContract.checkCommand(paste.toString().getBytes(StandardCharsets.UTF_8), question);
	}
}
