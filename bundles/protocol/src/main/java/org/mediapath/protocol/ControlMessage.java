package org.mediapath.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The messages of the control channel, one per frame, inside the channel's TLS session
 * ({@link ControlTls}). The conversation is: {@link Challenge} →
 * {@link Authenticate} → {@link Welcome} (or {@link Failure} and close), then one session:
 * {@link OpenSession} → {@link SessionOpened}, any number of {@link SendChecks} → {@link ChecksSent},
 * {@link QueryReceived} → {@link Received}, {@link QueryCounts} → {@link Counts}, {@link IceOffer} → {@link IceAnswer}, and finally
 * {@link CloseSession} → {@link SessionClosed}. Closing the connection also ends the session.
 * The user's-browser test's messages need no session and may come any number of times after
 * {@link Welcome}: {@link CreateInvitation} → {@link InvitationMade}, {@link QueryBrowserRuns} →
 * {@link BrowserRuns}, {@link QueryInvitations} → {@link InvitationList} (a responder without its web
 * port answers them with {@link Failure} NO_WEB_PORT and keeps the connection).
 *
 * <p>Port lists are ascending and without duplicates; on the wire they travel as ranges.
 */
public sealed interface ControlMessage {

	/**
	 * The protocol version this library speaks: 2, the messages inside TLS 1.3 with proofs bound to the
	 * responder's certificate (1 was the same messages in plaintext frames on TCP).
	 */
	int VERSION = 2;

	/** What a session is for. */
	enum SessionKind {
		/** STUN checks over a range of ports in both directions. */
		UDP,
		/** A full ICE exchange with an ice4j agent in the controlled role. */
		ICE
	}

	/**
	 * Server → client, first: the challenge.
	 *
	 * @param version the server's protocol version
	 * @param nonce the server nonce
	 */
	record Challenge(int version, byte[] nonce) implements ControlMessage {
	}

	/**
	 * Client → server: the answer to the challenge.
	 *
	 * @param nonce the client nonce
	 * @param proof HMAC-SHA256 proving knowledge of the secret
	 */
	record Authenticate(byte[] nonce, byte[] proof) implements ControlMessage {
	}

	/**
	 * Server → client: authenticated; the server's own proof.
	 *
	 * @param proof HMAC-SHA256 proving the server knows the secret too
	 */
	record Welcome(byte[] proof) implements ControlMessage {
	}

	/**
	 * Client → server: open the session.
	 *
	 * @param kind UDP sweep or ICE
	 * @param serverPorts the responder ports to bind (UDP) or to bind the agent within (ICE)
	 * @param clientUfrag the client's short-term user name fragment
	 * @param clientPassword the client's short-term password (signs server → client checks)
	 */
	record OpenSession(SessionKind kind, int[] serverPorts, String clientUfrag, String clientPassword)
			implements ControlMessage {
		/** @throws NullPointerException if a component is null */
		public OpenSession {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(serverPorts, "serverPorts");
			Objects.requireNonNull(clientUfrag, "clientUfrag");
			Objects.requireNonNull(clientPassword, "clientPassword");
		}
	}

	/**
	 * Server → client: the session is open.
	 *
	 * @param mediaAddress the address the responder's ports are bound on
	 * @param serverUfrag the responder's user name fragment
	 * @param serverPassword the responder's password (signs client → server checks)
	 * @param bound the ports bound for this session
	 * @param inUse the requested ports another program holds (the PBX): not a block
	 */
	record SessionOpened(String mediaAddress, String serverUfrag, String serverPassword, int[] bound, int[] inUse)
			implements ControlMessage {
	}

	/**
	 * Client → server: send one check from a session port to each of these client ports, at the
	 * TCP peer's address; to nowhere else.
	 *
	 * @param clientPorts the client's ports
	 * @param packetsPerSecond the rate the client asks for (the responder applies its own cap too)
	 */
	record SendChecks(int[] clientPorts, int packetsPerSecond) implements ControlMessage {
	}

	/**
	 * Server → client: the checks went out.
	 *
	 * @param sent how many
	 */
	record ChecksSent(int sent) implements ControlMessage {
	}

	/**
	 * Client → server: answer my checks as an ICE agent does, with a check of your own back along the
	 * path each came (RFC 8445 triggered checks). For each client port P listed, the session looks up
	 * the authenticated check it received whose transaction id is {@code prefix ‖ P} (two bytes, big
	 * endian) and sends one check from the port it arrived on to the address and port it came from —
	 * the client's NAT mapping, which unsolicited checks to the client's own ports never find. One
	 * check per received check, to the control peer's address only: never a reflector.
	 *
	 * @param prefix the first ten bytes of the transaction ids
	 * @param clientPorts the client ports whose checks to answer
	 */
	record SendTriggered(byte[] prefix, int[] clientPorts) implements ControlMessage {
		/** @throws IllegalArgumentException if the prefix is not ten bytes */
		public SendTriggered {
			if (prefix.length != 10) {
				throw new IllegalArgumentException("transaction id prefix must be 10 bytes, not " + prefix.length);
			}
		}
	}

	/**
	 * Server → client: the triggered checks went out.
	 *
	 * @param arrived the client ports whose check had arrived (and so got a check back)
	 * @param seenAs the address and port the first of them came from, as the server saw it ("" if none)
	 */
	record TriggeredSent(int[] arrived, String seenAs) implements ControlMessage {
	}

	/**
	 * Client → server: which session ports have seen a valid check from you? In an ICE session: on which of
	 * its agent's ports did an authenticated check from you arrive (the client's early "every pair failed";
	 * a responder older than that answers BAD_REQUEST).
	 */
	record QueryReceived() implements ControlMessage {
	}

	/**
	 * Server → client: the session ports on which a valid check from the client arrived.
	 *
	 * @param ports the ports
	 */
	record Received(int[] ports) implements ControlMessage {
	}

	/**
	 * Client → server: how many valid checks have the session's ports seen, and answered?
	 * (Added after version 1's first release: an older responder refuses it as unknown.)
	 */
	record QueryCounts() implements ControlMessage {
	}

	/**
	 * Server → client: the session's counts, for loss per direction.
	 *
	 * @param checksReceived valid checks from the client that arrived, all ports together
	 * @param answersSent answers sent back to the client
	 */
	record Counts(long checksReceived, long answersSent) implements ControlMessage {
	}

	/**
	 * One ICE candidate.
	 *
	 * @param foundation its foundation
	 * @param componentId its component (1)
	 * @param priority its priority
	 * @param address its address
	 * @param port its port
	 * @param type host, srflx, prflx or relay
	 */
	record Candidate(String foundation, int componentId, long priority, String address, int port, String type) {
	}

	/**
	 * Client → server: the controlling agent's credentials and candidates.
	 *
	 * @param ufrag its user name fragment
	 * @param password its password
	 * @param candidates its candidates
	 */
	record IceOffer(String ufrag, String password, List<Candidate> candidates) implements ControlMessage {
		/** @throws NullPointerException if a component is null */
		public IceOffer {
			candidates = List.copyOf(candidates);
		}
	}

	/**
	 * Server → client: the controlled agent's credentials and candidates; it starts its checks.
	 *
	 * @param ufrag its user name fragment
	 * @param password its password
	 * @param candidates its candidates
	 */
	record IceAnswer(String ufrag, String password, List<Candidate> candidates) implements ControlMessage {
		/** @throws NullPointerException if a component is null */
		public IceAnswer {
			candidates = List.copyOf(candidates);
		}
	}

	/**
	 * Client → server: make a link for the user's-browser test.
	 *
	 * @param uses how many runs it allows
	 * @param validForSeconds how long it works
	 * @param label the administrator's note
	 * @param requireVpn the policy: the PBX may only be reached through the VPN
	 * @param vpnAddressRanges the VPN's client address pools, CIDR, comma-separated ("" if not known)
	 */
	record CreateInvitation(int uses, long validForSeconds, String label, boolean requireVpn, String vpnAddressRanges)
			implements ControlMessage {
	}

	/**
	 * Server → client: the link, as {@link BrowserJson#invitation} writes it.
	 *
	 * @param json the invitation
	 */
	record InvitationMade(String json) implements ControlMessage {
	}

	/**
	 * Client → server: the runs the responder keeps.
	 *
	 * @param token only the runs of this link, or "" for all
	 * @param limit at most this many, newest first (the responder may send fewer to fit a frame)
	 */
	record QueryBrowserRuns(String token, int limit) implements ControlMessage {
	}

	/**
	 * Server → client: runs, as {@link BrowserJson#runs} writes them.
	 *
	 * @param json the runs
	 */
	record BrowserRuns(String json) implements ControlMessage {
	}

	/** Client → server: the links the responder keeps. */
	record QueryInvitations() implements ControlMessage {
	}

	/**
	 * Server → client: links, as {@link BrowserJson#invitations} writes them.
	 *
	 * @param json the links
	 */
	record InvitationList(String json) implements ControlMessage {
	}

	/** Client → server: end the session and release its ports. */
	record CloseSession() implements ControlMessage {
	}

	/** Server → client: the session's ports are released. */
	record SessionClosed() implements ControlMessage {
	}

	/**
	 * Either side: a refusal; the sender closes the connection after it unless said otherwise.
	 *
	 * @param code a stable code: AUTH_FAILED, BUSY, BAD_REQUEST, PORTS_OUTSIDE_RANGE, IN_USE (an ICE session could bind none of its ports), PROTOCOL, TIMEOUT
	 * @param message plain words
	 */
	record Failure(String code, String message) implements ControlMessage {
	}
}
