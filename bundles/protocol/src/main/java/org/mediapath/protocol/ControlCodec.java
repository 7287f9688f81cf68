package org.mediapath.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.mediapath.protocol.ControlMessage.Authenticate;
import org.mediapath.protocol.ControlMessage.Candidate;
import org.mediapath.protocol.ControlMessage.Challenge;
import org.mediapath.protocol.ControlMessage.ChecksSent;
import org.mediapath.protocol.ControlMessage.Counts;
import org.mediapath.protocol.ControlMessage.CloseSession;
import org.mediapath.protocol.ControlMessage.Failure;
import org.mediapath.protocol.ControlMessage.IceAnswer;
import org.mediapath.protocol.ControlMessage.IceOffer;
import org.mediapath.protocol.ControlMessage.OpenSession;
import org.mediapath.protocol.ControlMessage.QueryCounts;
import org.mediapath.protocol.ControlMessage.QueryReceived;
import org.mediapath.protocol.ControlMessage.Received;
import org.mediapath.protocol.ControlMessage.SendChecks;
import org.mediapath.protocol.ControlMessage.SendTriggered;
import org.mediapath.protocol.ControlMessage.TriggeredSent;
import org.mediapath.protocol.ControlMessage.SessionClosed;
import org.mediapath.protocol.ControlMessage.SessionKind;
import org.mediapath.protocol.ControlMessage.SessionOpened;
import org.mediapath.protocol.ControlMessage.Welcome;
import org.mediapath.protocol.ControlMessage.BrowserRuns;
import org.mediapath.protocol.ControlMessage.CreateInvitation;
import org.mediapath.protocol.ControlMessage.InvitationList;
import org.mediapath.protocol.ControlMessage.InvitationMade;
import org.mediapath.protocol.ControlMessage.QueryBrowserRuns;
import org.mediapath.protocol.ControlMessage.QueryInvitations;

/**
 * Encodes and decodes control messages: a tag byte, then the fields in order. Strings are UTF-8
 * with a 2-byte length and a small limit; port lists are ascending ranges. The decoder checks
 * every length against what is left and rejects trailing bytes, so a frame decodes to exactly one
 * well-formed message or to a {@link ProtocolException} naming the field.
 */
public final class ControlCodec {

	/** The longest string field in bytes. */
	public static final int MAX_STRING = 512;
	/** The longest text field (the browser test's JSON) in bytes: it must fit one frame with room to spare. */
	public static final int MAX_TEXT = 60_000;
	/** The most candidates one offer or answer may carry. */
	public static final int MAX_CANDIDATES = 64;

	private ControlCodec() {
	}

	/**
	 * @param message the message
	 * @return its encoding, to be sent as one frame
	 */
	public static byte[] encode(ControlMessage message) {
		Writer w = new Writer();
		if (message instanceof Challenge m) {
			w.tag(1).u16(m.version()).bytes(m.nonce());
		} else if (message instanceof Authenticate m) {
			w.tag(2).bytes(m.nonce()).bytes(m.proof());
		} else if (message instanceof Welcome m) {
			w.tag(3).bytes(m.proof());
		} else if (message instanceof OpenSession m) {
			w.tag(4).u8(m.kind().ordinal()).ports(m.serverPorts()).string(m.clientUfrag()).string(m.clientPassword());
		} else if (message instanceof SessionOpened m) {
			w.tag(5).string(m.mediaAddress()).string(m.serverUfrag()).string(m.serverPassword()).ports(m.bound())
					.ports(m.inUse());
		} else if (message instanceof SendChecks m) {
			w.tag(6).ports(m.clientPorts()).u32(m.packetsPerSecond());
		} else if (message instanceof ChecksSent m) {
			w.tag(7).u32(m.sent());
		} else if (message instanceof SendTriggered m) {
			w.tag(22).bytes(m.prefix()).ports(m.clientPorts());
		} else if (message instanceof TriggeredSent m) {
			w.tag(23).ports(m.arrived()).string(m.seenAs());
		} else if (message instanceof QueryReceived) {
			w.tag(8);
		} else if (message instanceof Received m) {
			w.tag(9).ports(m.ports());
		} else if (message instanceof IceOffer m) {
			w.tag(10).string(m.ufrag()).string(m.password()).candidates(m.candidates());
		} else if (message instanceof IceAnswer m) {
			w.tag(11).string(m.ufrag()).string(m.password()).candidates(m.candidates());
		} else if (message instanceof CloseSession) {
			w.tag(12);
		} else if (message instanceof SessionClosed) {
			w.tag(13);
		} else if (message instanceof Failure m) {
			w.tag(14).string(m.code()).string(m.message());
		} else if (message instanceof QueryCounts) {
			w.tag(20);
		} else if (message instanceof Counts m) {
			w.tag(21).u64(m.checksReceived()).u64(m.answersSent());
		} else if (message instanceof CreateInvitation m) {
			w.tag(24).u32(m.uses()).u64(m.validForSeconds()).string(m.label()).u8(m.requireVpn() ? 1 : 0)
					.string(m.vpnAddressRanges());
		} else if (message instanceof InvitationMade m) {
			w.tag(25).text(m.json());
		} else if (message instanceof QueryBrowserRuns m) {
			w.tag(26).string(m.token()).u16(m.limit());
		} else if (message instanceof BrowserRuns m) {
			w.tag(27).text(m.json());
		} else if (message instanceof QueryInvitations) {
			w.tag(28);
		} else if (message instanceof InvitationList m) {
			w.tag(29).text(m.json());
		} else {
			throw new IllegalArgumentException("unknown control message " + message);
		}
		return w.toBytes();
	}

	/**
	 * @param frame one frame's payload
	 * @return the message
	 * @throws ProtocolException naming the message and field that are malformed
	 */
	public static ControlMessage decode(byte[] frame) throws ProtocolException {
		if (frame.length == 0) {
			throw new ProtocolException("control message: empty frame");
		}
		Reader r = new Reader(frame);
		int tag = frame[0] & 0xFF;
		r.in.get();
		ControlMessage message;
		try {
			message = switch (tag) {
				case 1 -> new Challenge(r.u16("version"), r.bytes("nonce"));
				case 2 -> new Authenticate(r.bytes("nonce"), r.bytes("proof"));
				case 3 -> new Welcome(r.bytes("proof"));
				case 4 -> new OpenSession(r.kind(), r.ports("serverPorts"), r.string("clientUfrag"),
						r.string("clientPassword"));
				case 5 -> new SessionOpened(r.string("mediaAddress"), r.string("serverUfrag"),
						r.string("serverPassword"), r.ports("bound"), r.ports("inUse"));
				case 6 -> new SendChecks(r.ports("clientPorts"), r.u32("packetsPerSecond"));
				case 7 -> new ChecksSent(r.u32("sent"));
				case 8 -> new QueryReceived();
				case 9 -> new Received(r.ports("ports"));
				case 10 -> new IceOffer(r.string("ufrag"), r.string("password"), r.candidates());
				case 11 -> new IceAnswer(r.string("ufrag"), r.string("password"), r.candidates());
				case 12 -> new CloseSession();
				case 13 -> new SessionClosed();
				case 14 -> new Failure(r.string("code"), r.string("message"));
				case 20 -> new QueryCounts();
				case 21 -> new Counts(r.u64("checksReceived"), r.u64("answersSent"));
				case 22 -> {
					byte[] prefix = r.bytes("prefix");
					if (prefix.length != 10) {
						throw new ProtocolException("control message: prefix of " + prefix.length + " bytes, not 10");
					}
					yield new SendTriggered(prefix, r.ports("clientPorts"));
				}
				case 23 -> new TriggeredSent(r.ports("arrived"), r.string("seenAs"));
				case 24 -> new CreateInvitation(r.u32("uses"), r.u64("validForSeconds"), r.string("label"),
						r.bool("requireVpn"), r.string("vpnAddressRanges"));
				case 25 -> new InvitationMade(r.text("json"));
				case 26 -> new QueryBrowserRuns(r.string("token"), r.u16("limit"));
				case 27 -> new BrowserRuns(r.text("json"));
				case 28 -> new QueryInvitations();
				case 29 -> new InvitationList(r.text("json"));
				default -> throw new ProtocolException("control message: unknown type " + tag);
			};
		} catch (BufferUnderflowException e) {
			throw new ProtocolException("control message type " + tag + ": truncated");
		}
		if (r.in.hasRemaining()) {
			throw new ProtocolException("control message type " + tag + ": " + r.in.remaining() + " trailing bytes");
		}
		return message;
	}

	private static final class Writer {
		private ByteBuffer out = ByteBuffer.allocate(256);

		private void ensure(int bytes) {
			if (out.remaining() < bytes) {
				ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
				out.flip();
				bigger.put(out);
				out = bigger;
			}
		}

		Writer tag(int tag) {
			return u8(tag);
		}

		Writer u8(int value) {
			ensure(1);
			out.put((byte) value);
			return this;
		}

		Writer u16(int value) {
			ensure(2);
			out.putShort((short) value);
			return this;
		}

		Writer u32(int value) {
			ensure(4);
			out.putInt(value);
			return this;
		}

		Writer u64(long value) {
			ensure(8);
			out.putLong(value);
			return this;
		}

		Writer bytes(byte[] value) {
			if (value.length > MAX_STRING) {
				throw new IllegalArgumentException("byte field of " + value.length + " bytes exceeds " + MAX_STRING);
			}
			u16(value.length);
			ensure(value.length);
			out.put(value);
			return this;
		}

		Writer string(String value) {
			return bytes(value.getBytes(StandardCharsets.UTF_8));
		}

		Writer text(String value) {
			byte[] raw = value.getBytes(StandardCharsets.UTF_8);
			if (raw.length > MAX_TEXT) {
				throw new IllegalArgumentException("text field of " + raw.length + " bytes exceeds " + MAX_TEXT);
			}
			ensure(4 + raw.length);
			out.putInt(raw.length);
			out.put(raw);
			return this;
		}

		Writer ports(int[] ports) {
			List<int[]> ranges = new ArrayList<>();
			for (int i = 0; i < ports.length; i++) {
				if (ports[i] < 1 || ports[i] > 65535 || (i > 0 && ports[i] <= ports[i - 1])) {
					throw new IllegalArgumentException("port list must be ascending ports 1-65535 without duplicates");
				}
				if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == ports[i] - 1) {
					ranges.get(ranges.size() - 1)[1] = ports[i];
				} else {
					ranges.add(new int[] { ports[i], ports[i] });
				}
			}
			u16(ranges.size());
			for (int[] range : ranges) {
				u16(range[0]).u16(range[1]);
			}
			return this;
		}

		Writer candidates(List<Candidate> candidates) {
			if (candidates.size() > MAX_CANDIDATES) {
				throw new IllegalArgumentException(candidates.size() + " candidates exceed " + MAX_CANDIDATES);
			}
			u8(candidates.size());
			for (Candidate c : candidates) {
				string(c.foundation()).u8(c.componentId()).u64(c.priority()).string(c.address()).u16(c.port())
						.string(c.type());
			}
			return this;
		}

		byte[] toBytes() {
			byte[] bytes = new byte[out.position()];
			out.flip();
			out.get(bytes);
			return bytes;
		}
	}

	private static final class Reader {
		final ByteBuffer in;

		Reader(byte[] frame) {
			in = ByteBuffer.wrap(frame);
		}

		int u16(String field) {
			return in.getShort() & 0xFFFF;
		}

		int u32(String field) throws ProtocolException {
			int value = in.getInt();
			if (value < 0) {
				throw new ProtocolException("control message: " + field + " is negative");
			}
			return value;
		}

		long u64(String field) throws ProtocolException {
			long value = in.getLong();
			if (value < 0) {
				throw new ProtocolException("control message: " + field + " is negative");
			}
			return value;
		}

		byte[] bytes(String field) throws ProtocolException {
			int length = in.getShort() & 0xFFFF;
			if (length > MAX_STRING) {
				throw new ProtocolException("control message: " + field + " of " + length + " bytes exceeds "
						+ MAX_STRING);
			}
			if (length > in.remaining()) {
				throw new ProtocolException("control message: " + field + " truncated");
			}
			byte[] value = new byte[length];
			in.get(value);
			return value;
		}

		boolean bool(String field) throws ProtocolException {
			int value = in.get() & 0xFF;
			if (value > 1) {
				throw new ProtocolException("control message: " + field + " is neither 0 nor 1");
			}
			return value == 1;
		}

		String text(String field) throws ProtocolException {
			int length = in.getInt();
			if (length < 0 || length > MAX_TEXT) {
				throw new ProtocolException("control message: " + field + " of " + length + " bytes exceeds " + MAX_TEXT);
			}
			if (length > in.remaining()) {
				throw new ProtocolException("control message: " + field + " truncated");
			}
			byte[] raw = new byte[length];
			in.get(raw);
			return utf8(field, raw);
		}

		String string(String field) throws ProtocolException {
			return utf8(field, bytes(field));
		}

		private static String utf8(String field, byte[] raw) throws ProtocolException {
			try {
				CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
						.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
				String text = chars.toString();
				if (text.chars().anyMatch(Character::isISOControl)) { // C0, DEL and C1 (0x9B is a terminal CSI)
					throw new ProtocolException("control message: " + field + " holds control characters");
				}
				return text;
			} catch (CharacterCodingException e) {
				throw new ProtocolException("control message: " + field + " is not UTF-8");
			}
		}

		SessionKind kind() throws ProtocolException {
			int ordinal = in.get() & 0xFF;
			SessionKind[] kinds = SessionKind.values();
			if (ordinal >= kinds.length) {
				throw new ProtocolException("control message: session kind " + ordinal + " is unknown");
			}
			return kinds[ordinal];
		}

		int[] ports(String field) throws ProtocolException {
			int count = in.getShort() & 0xFFFF;
			if ((long) count * 4 > in.remaining()) {
				throw new ProtocolException("control message: " + field + " announces " + count
						+ " ranges but is truncated");
			}
			int total = 0;
			int previous = 0;
			int[][] ranges = new int[count][];
			for (int i = 0; i < count; i++) {
				int first = in.getShort() & 0xFFFF;
				int last = in.getShort() & 0xFFFF;
				if (first < 1 || last < first || first <= previous) {
					throw new ProtocolException("control message: " + field + " range " + first + "-" + last
							+ " is not ascending within 1-65535");
				}
				ranges[i] = new int[] { first, last };
				total += last - first + 1;
				previous = last;
			}
			int[] ports = new int[total];
			int n = 0;
			for (int[] range : ranges) {
				for (int p = range[0]; p <= range[1]; p++) {
					ports[n++] = p;
				}
			}
			return ports;
		}

		List<Candidate> candidates() throws ProtocolException {
			int count = in.get() & 0xFF;
			if (count > MAX_CANDIDATES) {
				throw new ProtocolException("control message: " + count + " candidates exceed " + MAX_CANDIDATES);
			}
			List<Candidate> candidates = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				String foundation = string("candidate foundation");
				int component = in.get() & 0xFF;
				long priority = in.getLong();
				String address = string("candidate address");
				int port = u16("candidate port");
				String type = string("candidate type");
				if (port == 0) {
					throw new ProtocolException("control message: candidate port 0");
				}
				candidates.add(new Candidate(foundation, component, priority, address, port, type));
			}
			return candidates;
		}
	}
}
