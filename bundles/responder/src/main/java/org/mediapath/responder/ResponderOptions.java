package org.mediapath.responder;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code mediapath responder}, parsed by picocli. */
@Command(name = "responder", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = "Runs the cooperative far end of a probe until interrupted. Run it on the PBX server itself, not beside it: it answers on the server's own media ports and address, where the calls' media goes (or on a second client, for softphone-to-softphone tests).")
final class ResponderOptions {

	@Option(names = "--bind", required = true, paramLabel = "ADDR", description = "Address of the TCP control channel.")
	String bind;

	@Option(names = "--media-address", paramLabel = "ADDR", description = "Address the UDP media ports bind (default: --bind).")
	String mediaAddress;

	@Option(names = "--public-address", paramLabel = "ADDR", description = "Address the PBX announces for its media"
			+ " behind NAT (a port forward on an edge to --media-address); checks and ICE go there (default: the"
			+ " media address).")
	String publicAddress;

	@Option(names = "--udp-ports", required = true, paramLabel = "RANGE", description = "Media ports sessions may bind, e.g. 30000-33000.")
	String udpPorts;

	@Option(names = "--control-port", required = true, paramLabel = "PORT", description = "TCP port of the control channel, e.g. 2231.")
	int controlPort;

	@Option(names = "--secret-file", required = true, paramLabel = "FILE", description = "File whose first line is the pre-shared secret (at least 16 bytes).")
	Path secretFile;

	@Option(names = "--identity-dir", paramLabel = "DIR", description = "Folder for the TLS key and self-signed certificate the responder generates on first start and reuses after (default: ~/.mediapath/responder).")
	Path identityDir;

	@Option(names = "--keystore", paramLabel = "FILE", description = "Your own PKCS#12 or JKS key store for the control channel's TLS instead (its first key entry).")
	Path keystore;

	@Option(names = "--keystore-password-file", paramLabel = "FILE", description = "File whose first line is the key store's password (needed with --keystore).")
	Path keystorePasswordFile;

	@Option(names = "--web-port", paramLabel = "PORT", description = "Serve the user's-browser test on this TCP port of"
			+ " --bind's address (HTTP, or HTTPS with --web-keystore): a page users open from a link the console makes."
			+ " Only that page and its API are served there, never the console.")
	Integer webPort;

	@Option(names = "--web-url", paramLabel = "URL", description = "The web port as users reach it, the base of every"
			+ " link, e.g. https://pbx.example.com:8443 (default: http(s)://PUBLIC-OR-BIND:PORT).")
	String webUrl;

	@Option(names = "--web-keystore", paramLabel = "FILE", description = "PKCS#12 or JKS key store with the web port's"
			+ " certificate and key: the page is served over HTTPS.")
	Path webKeystore;

	@Option(names = "--web-keystore-password-file", paramLabel = "FILE", description = "File whose first line is the"
			+ " web key store's password (and its key's).")
	Path webKeystorePasswordFile;

	@Option(names = "--max-sessions", defaultValue = "4", paramLabel = "N", description = "Probe sessions at once (default: ${DEFAULT-VALUE}).")
	int maxSessions;
}
