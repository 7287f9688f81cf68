package org.mediapath.diagnosis.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of {@code mediapath diagnose}, parsed by picocli. Values stay strings here and are
 * validated by {@link DiagnoseCommand}, so every error names the option in the same words.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Tells why a softphone call rings, is answered, and then stays silent: checks signalling, the media "
				+ "ports in both directions, a full ICE exchange, routes and VPN, and names the cause with its fix.",
		exitCodeListHeading = "Exit codes:%n",
		exitCodeList = { "0:the media path is OK", "1:at least one cause found", "2:bad usage or input",
				"3:nothing could be checked (no probe service), or an unexpected failure" })
final class DiagnoseOptions {

	@Option(names = "--server", paramLabel = "HOST", description = "The PBX server's host name or address (required unless --pbx is given).")
	String server;

	@Option(names = "--pbx", paramLabel = "NAME", description = "A PBX kept by name in the console (its server, ports, "
			+ "responder and stored secret; the console's PBXs section or `org.mediapath.pbx` configurations). Instead of "
			+ "--server, --signalling-port, --server-ports, --client-ports, --responder and --secret-file.")
	String pbx;

	@Option(names = "--signalling-port", defaultValue = "2230", paramLabel = "PORT",
			description = "TCP signalling port (default: ${DEFAULT-VALUE}).")
	String signallingPort;

	@Option(names = "--server-ports", defaultValue = "30000-33000", paramLabel = "RANGE",
			description = "The server's UDP media ports (default: ${DEFAULT-VALUE}).")
	String serverPorts;

	@Option(names = "--client-ports", defaultValue = "49152-65535", paramLabel = "RANGE",
			description = "This client's UDP media ports (default: ${DEFAULT-VALUE}).")
	String clientPorts;

	@Option(names = "--responder", paramLabel = "HOST:PORT",
			description = "Control address of a mediapath responder running on the PBX server itself (it answers on the server's own media ports): makes every result conclusive, adds the server-to-client direction and a full ICE exchange.")
	String responder;

	@Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the responder's pre-shared secret (needed with --responder and --peer).")
	String secretFile;

	@Option(names = "--responder-fingerprint", paramLabel = "SHA256",
			description = "SHA-256 fingerprint of the responder's TLS certificate, as the responder prints it at its start: the control channel trusts that certificate only (needed with --responder).")
	String responderFingerprint;

	@Option(names = "--peer-fingerprint", paramLabel = "SHA256", description = "The same for the responder given with --peer.")
	String peerFingerprint;

	@Option(names = "--peer", paramLabel = "HOST:PORT", description = "Control address of a responder on another client, to check softphone-to-softphone media.")
	String peer;

	@Option(names = "--require-vpn", description = "Policy: the server is reachable only through the VPN.")
	boolean requireVpn;

	@Option(names = "--firewall-from", paramLabel = "[client=|server=]FILE",
			description = "A pasted firewall ruleset (netsh, PowerShell JSON, pfctl, socketfilterfw, nft, iptables-save, ufw, "
					+ "firewall-cmd) of one side; a cause on that side then names the rule that blocks. Without a prefix, "
					+ "Windows and macOS pastes are the client's, Linux ones the server's. May be given twice.")
	List<String> firewallFrom = new ArrayList<>();

	@Option(names = "--json", description = "Print exactly one JSON document on stdout instead of the readable report.")
	boolean json;
}
