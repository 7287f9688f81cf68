package org.mediapath.diagnosis.spi;

/**
 * The ids of the built-in checks and the measurement keys they fill, so that rules (built-in or a
 * partner's) read measurements by name. Measurement values are strings, numbers, booleans, and
 * lists/maps of those, exactly as they appear in the JSON report.
 */
public final class BuiltInChecks {

	/** TCP connect to the signalling port. */
	public static final String SIGNALLING = "signalling";
	/** UDP STUN checks from the client to the server's media ports. */
	public static final String SERVER_UDP = "server-udp";
	/** UDP STUN checks from the server's media ports back to the client's (needs a responder). */
	public static final String CLIENT_UDP = "client-udp";
	/** A full ICE exchange with the responder, as a softphone after "Accept". */
	public static final String ICE = "ice";
	/** Route decision, VPN policy and the routes to every server address. */
	public static final String ROUTE = "route";
	/** A full ICE exchange with another client's responder (softphone-to-softphone). */
	public static final String PEER = "peer";

	/** The address probed ({@code String}). */
	public static final String ADDRESS = "address";
	/** The probe's own outcome name ({@code String}): a TcpOutcome or IceOutcome. */
	public static final String OUTCOME = "outcome";
	/** The port or range probed ({@code String}, {@code 2230} or {@code 30000-33000}). */
	public static final String PORTS = "ports";
	/** Whether a responder took part ({@code Boolean}). */
	public static final String COOPERATIVE = "cooperative";
	/** Checks sent ({@code Number}). */
	public static final String SENT = "sent";
	/** Checks answered ({@code Number}). */
	public static final String ANSWERED = "answered";
	/**
	 * The port runs ({@code List} of maps with {@link #RUN_PORTS}, {@link #RUN_OUTCOME} (a PortOutcome
	 * name) and {@link #RUN_PROBED}).
	 */
	public static final String RUNS = "runs";
	/** Key in a run: its ports. */
	public static final String RUN_PORTS = "ports";
	/** Key in a run: its PortOutcome name. */
	public static final String RUN_OUTCOME = "outcome";
	/** Key in a run: how many of its ports were probed. */
	public static final String RUN_PROBED = "probed";
	/** What the probe could not know ({@code List} of {@code String}). */
	public static final String CAVEATS = "caveats";
	/** Server UDP: why a responder that was named did not take part ({@code String}; only then). */
	public static final String RESPONDER_PROBLEM = "responderProblem";
	/** Server UDP: the client's address as the responder saw it, when it differs from the local one ({@code String}). */
	public static final String MAPPED_ADDRESS = "mappedAddress";
	/** Server UDP: the client's local address the checks left from ({@code String}). */
	public static final String LOCAL_ADDRESS = "localAddress";
	/** Server UDP: how the client's NAT maps ports ({@code String}: a NatMapping name), when behind NAT. */
	public static final String NAT_MAPPING = "natMapping";
	/** Route: whether the route to the server leaves through a VPN ({@code Boolean}). */
	public static final String VIA_VPN = "viaVpn";
	/** Route: the VPN product, when known ({@code String}). */
	public static final String VPN_PRODUCT = "vpnProduct";
	/** Route: the egress interface ({@code String}). */
	public static final String INTERFACE = "interface";
	/** Route: whether policy requires the VPN ({@code Boolean}). */
	public static final String REQUIRE_VPN = "requireVpn";
	/** Route: every address the server name resolved to ({@code List} of {@code String}). */
	public static final String SERVER_ADDRESSES = "serverAddresses";
	/**
	 * Route: the analysis' findings ({@code List} of maps with {@link #FINDING_CAUSE} (may be absent),
	 * {@link #FINDING_SEVERITY} and {@link #FINDING_STATEMENT}).
	 */
	public static final String FINDINGS = "findings";
	/** Key in a finding: the cause id it is evidence for. */
	public static final String FINDING_CAUSE = "causeId";
	/** Key in a finding: FAIL or WARN. */
	public static final String FINDING_SEVERITY = "severity";
	/** Key in a finding: what was noticed. */
	public static final String FINDING_STATEMENT = "statement";
	/** ICE / peer: the candidate pairs ({@code List} of maps local, remote, state). */
	public static final String PAIRS = "pairs";
	/** ICE / peer: the pair ICE connected on, {@code "LOCAL -> REMOTE"} ({@code String}; only when connected). */
	public static final String SELECTED = "selected";
	/** ICE / peer: the peer or responder address ({@code String}). */
	public static final String TARGET = "target";

	private BuiltInChecks() {
	}
}
