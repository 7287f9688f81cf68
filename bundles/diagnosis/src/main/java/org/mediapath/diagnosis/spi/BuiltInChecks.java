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
	 * name; in {@link #BROWSER_ICE} a PortState name) and {@link #RUN_PROBED}).
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

	// --- a run of the test page in a user's browser (browser-test); since 0.4 ---

	/** The user's browser: which browser and OS, the run's state and time to verdict. */
	public static final String BROWSER = "browser";
	/** The browser's ICE checks to each sampled media port of the PBX, judged with the PBX's own counts. */
	public static final String BROWSER_ICE = "browser-ice";
	/** The address the PBX saw the browser come from, judged by the invitation's VPN policy. */
	public static final String BROWSER_ADDRESS = "browser-address";
	/** NAT seen: where the browser's checks came from at the PBX, and the browser's candidate types. */
	public static final String BROWSER_NAT = "browser-nat";
	/**
	 * The console's own probe of the same PBX's media ports (its latest diagnosis near the run, or one
	 * made for the report): the server's side of a browser run.
	 */
	public static final String CONSOLE_MEDIA = "console-media";

	/** Browser: the run's state ({@code String}: a RunState name, RUNNING, DONE or ABANDONED). */
	public static final String RUN_STATE = "state";
	/** Browser: from the start of the run to its decision ({@code Number}, milliseconds; only when decided). */
	public static final String TIME_TO_VERDICT_MILLIS = "timeToVerdictMillis";
	/**
	 * Browser ICE: one map per sampled port, ascending, with {@link #PORT}, {@link #PORT_STATE} (a PortState
	 * name), {@code requestsSent}, {@code responsesReceived}, {@code requestsReceived}, {@code checksArrived},
	 * {@code answersSent}, and when known {@code roundTripMillis} and {@code seenFrom}.
	 */
	public static final String PORT_RESULTS = "portResults";
	/** Key in a port result: the PBX's port ({@code Number}). */
	public static final String PORT = "port";
	/** Key in a port result: its PortState name. */
	public static final String PORT_STATE = "state";
	/** Key in a port result: the address and port the PBX saw the browser's checks come from ({@code String}). */
	public static final String PORT_SEEN_FROM = "seenFrom";
	/** Browser ICE / console media: the PBX's media address the ports were offered (or probed) on ({@code String}). */
	public static final String MEDIA_ADDRESS = "mediaAddress";
	/** Browser address: the address the PBX saw the page's requests come from ({@code String}). */
	public static final String SEEN_ADDRESS = "seenAddress";
	/** Browser address / NAT: the addresses the browser's ICE checks came from at the PBX ({@code List} of {@code String}). */
	public static final String MEDIA_SOURCES = "mediaSources";
	/** Browser address: the VPN's client address pools of the invitation's policy ({@code List} of CIDR {@code String}). */
	public static final String VPN_RANGES = "vpnAddressRanges";
	/** Browser address: whether the browser came from one of the VPN's pools ({@code Boolean}; only when pools are known). */
	public static final String IN_VPN_RANGE = "inVpnRange";
	/** Browser address: the VPN pool the browser came from ({@code String}; only when inside one). */
	public static final String VPN_POOL = "vpnPool";
	/** Browser NAT: the kinds of local candidate the browser used ({@code List} of host, srflx, prflx, relay). */
	public static final String CANDIDATE_TYPES = "candidateTypes";
	/** Console media: the console's report the evidence comes from ({@code String}). */
	public static final String REPORT_ID = "reportId";
	/** Console media: whether the console probed the address the browser was sent to ({@code Boolean}). */
	public static final String SAME_ADDRESS = "sameAddress";
	/** Console media: whether the console's report named a server-side media cause ({@code Boolean}). */
	public static final String SERVER_SIDE_BLOCKED = "serverSideBlocked";
	/** Console media: whether the server's own checks or answers reached the console ({@code Boolean}). */
	public static final String SERVER_SENDS = "serverSends";
	/** Console media: the cause ids of the console's report ({@code List} of {@code String}). */
	public static final String CAUSES = "causes";

	private BuiltInChecks() {
	}
}
