package org.mediapath.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small STUN (RFC 5389/8489) codec for the sweep's hot path: Binding requests and responses with
 * USERNAME, PRIORITY, ICE-CONTROLLING, XOR-MAPPED-ADDRESS, ERROR-CODE, MESSAGE-INTEGRITY and
 * FINGERPRINT. ice4j's message classes allocate a stack per agent and want a credentials manager;
 * a sweep of thousands of ports needs neither, and a responder exposed to the Internet needs a
 * decoder whose every bound is visible in one screen of code.
 */
public final class Stun {

	/** The magic cookie of RFC 5389. */
	public static final int MAGIC_COOKIE = 0x2112A442;
	/** Header size in bytes. */
	public static final int HEADER_SIZE = 20;
	/** The largest message this codec reads or writes; STUN over UDP stays below the path MTU. */
	public static final int MAX_MESSAGE_SIZE = 1280;
	/** The most attributes a message may carry before it is treated as junk. */
	public static final int MAX_ATTRIBUTES = 32;
	static final int CLASS_MASK = 0x0110;

	/** Binding request. */
	public static final int BINDING_REQUEST = 0x0001;
	/** Binding success response. */
	public static final int BINDING_SUCCESS = 0x0101;
	/** Binding error response. */
	public static final int BINDING_ERROR = 0x0111;

	/** USERNAME attribute. */
	public static final int USERNAME = 0x0006;
	/** MESSAGE-INTEGRITY attribute (HMAC-SHA1). */
	public static final int MESSAGE_INTEGRITY = 0x0008;
	/** ERROR-CODE attribute. */
	public static final int ERROR_CODE = 0x0009;
	/** XOR-MAPPED-ADDRESS attribute. */
	public static final int XOR_MAPPED_ADDRESS = 0x0020;
	/** PRIORITY attribute (ICE). */
	public static final int PRIORITY = 0x0024;
	/** PADDING (RFC 5780): makes a check as large as the media packet it stands for. */
	public static final int PADDING = 0x0026;
	/** FINGERPRINT attribute. */
	public static final int FINGERPRINT = 0x8028;
	/** ICE-CONTROLLING attribute. */
	public static final int ICE_CONTROLLING = 0x802A;

	private static final int FINGERPRINT_XOR = 0x5354554e;
	private static final int INTEGRITY_SIZE = 20;
	private static final SecureRandom RANDOM = new SecureRandom();

	private Stun() {
	}

	/**
	 * Tells STUN from other traffic without decoding: the first byte's top bits are zero and the
	 * magic cookie is in place, as RFC 7983 demultiplexing does.
	 *
	 * @param buffer the packet
	 * @param offset where it starts
	 * @param length its length
	 * @return whether it could be a STUN message
	 */
	public static boolean looksLikeStun(byte[] buffer, int offset, int length) {
		return length >= HEADER_SIZE && (buffer[offset] & 0xC0) == 0
				&& ByteBuffer.wrap(buffer, offset + 4, 4).getInt() == MAGIC_COOKIE;
	}

	/**
	 * Decodes one message.
	 *
	 * @param buffer the packet
	 * @param offset where it starts
	 * @param length its length
	 * @return the message
	 * @throws ProtocolException naming what is malformed
	 */
	public static StunMessage decode(byte[] buffer, int offset, int length) throws ProtocolException {
		if (offset < 0 || length < 0 || offset + length > buffer.length) {
			throw new IllegalArgumentException("offset/length outside the buffer");
		}
		if (length < HEADER_SIZE) {
			throw new ProtocolException("STUN: " + length + " bytes is shorter than the 20-byte header");
		}
		if (length > MAX_MESSAGE_SIZE) {
			throw new ProtocolException("STUN: " + length + " bytes is larger than " + MAX_MESSAGE_SIZE);
		}
		ByteBuffer in = ByteBuffer.wrap(buffer, offset, length);
		int type = in.getShort() & 0xFFFF;
		if ((type & 0xC000) != 0) {
			throw new ProtocolException("STUN: message type 0x" + Integer.toHexString(type) + " has its top bits set");
		}
		int bodyLength = in.getShort() & 0xFFFF;
		if (in.getInt() != MAGIC_COOKIE) {
			throw new ProtocolException("STUN: magic cookie missing (not RFC 5389 STUN)");
		}
		if (bodyLength % 4 != 0) {
			throw new ProtocolException("STUN: message length " + bodyLength + " is not a multiple of 4");
		}
		if (bodyLength != length - HEADER_SIZE) {
			throw new ProtocolException("STUN: message length " + bodyLength + " does not match the packet's "
					+ (length - HEADER_SIZE) + " body bytes");
		}
		byte[] transactionId = new byte[12];
		in.get(transactionId);
		List<StunMessage.Attribute> attributes = new ArrayList<>();
		while (in.hasRemaining()) {
			if (attributes.size() == MAX_ATTRIBUTES) {
				throw new ProtocolException("STUN: more than " + MAX_ATTRIBUTES + " attributes");
			}
			if (in.remaining() < 4) {
				throw new ProtocolException("STUN: attribute header truncated");
			}
			int attributeOffset = in.position() - offset;
			int attributeType = in.getShort() & 0xFFFF;
			int attributeLength = in.getShort() & 0xFFFF;
			int padded = (attributeLength + 3) & ~3;
			if (padded > in.remaining()) {
				throw new ProtocolException("STUN: attribute 0x" + Integer.toHexString(attributeType) + " of "
						+ attributeLength + " bytes runs past the end of the message");
			}
			byte[] value = new byte[attributeLength];
			in.get(value);
			in.position(in.position() + padded - attributeLength);
			attributes.add(new StunMessage.Attribute(attributeType, attributeOffset, value));
		}
		return new StunMessage(type, transactionId, attributes, Arrays.copyOfRange(buffer, offset, offset + length));
	}

	/** @return a fresh random 12-byte transaction id */
	public static byte[] newTransactionId() {
		byte[] id = new byte[12];
		RANDOM.nextBytes(id);
		return id;
	}

	/**
	 * Builds a message attribute by attribute. MESSAGE-INTEGRITY and FINGERPRINT, when asked for,
	 * are appended last, in that order, as RFC 5389 requires.
	 */
	public static final class Builder {
		private final int type;
		private final byte[] transactionId;
		private final ByteBuffer body = ByteBuffer.allocate(MAX_MESSAGE_SIZE);
		private byte[] integrityKey;
		private boolean fingerprint;

		/**
		 * @param type the message type
		 * @param transactionId the 12-byte transaction id
		 */
		public Builder(int type, byte[] transactionId) {
			if (transactionId.length != 12) {
				throw new IllegalArgumentException("transaction id must be 12 bytes");
			}
			this.type = type;
			this.transactionId = transactionId.clone();
		}

		/**
		 * @param attributeType the attribute type
		 * @param value the value (padded on the wire)
		 * @return this builder
		 */
		public Builder attribute(int attributeType, byte[] value) {
			body.putShort((short) attributeType).putShort((short) value.length).put(value);
			body.put(new byte[((value.length + 3) & ~3) - value.length]);
			return this;
		}

		/** @param username the USERNAME value @return this builder */
		public Builder username(String username) {
			return attribute(USERNAME, username.getBytes(StandardCharsets.UTF_8));
		}

		/** @param priority the PRIORITY value @return this builder */
		public Builder priority(long priority) {
			return attribute(PRIORITY, ByteBuffer.allocate(4).putInt((int) priority).array());
		}

		/** @param tieBreaker the ICE-CONTROLLING tie breaker @return this builder */
		public Builder controlling(long tieBreaker) {
			return attribute(ICE_CONTROLLING, ByteBuffer.allocate(8).putLong(tieBreaker).array());
		}

		/**
		 * @param address the address seen, XOR-ed with the cookie (and transaction id for IPv6)
		 * @return this builder
		 */
		public Builder xorMappedAddress(InetSocketAddress address) {
			byte[] ip = address.getAddress().getAddress();
			byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
			ByteBuffer value = ByteBuffer.allocate(4 + ip.length);
			value.put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2))
					.putShort((short) (address.getPort() ^ (MAGIC_COOKIE >>> 16)));
			for (int i = 0; i < ip.length; i++) {
				value.put((byte) (ip[i] ^ mask[i]));
			}
			return attribute(XOR_MAPPED_ADDRESS, value.array());
		}

		/**
		 * @param code the error code, 300-699
		 * @param reason a short reason phrase
		 * @return this builder
		 */
		public Builder errorCode(int code, String reason) {
			byte[] text = reason.getBytes(StandardCharsets.UTF_8);
			ByteBuffer value = ByteBuffer.allocate(4 + text.length);
			value.putShort((short) 0).put((byte) (code / 100)).put((byte) (code % 100)).put(text);
			return attribute(ERROR_CODE, value.array());
		}

		/** @param key the short-term password whose HMAC-SHA1 signs the message @return this builder */
		public Builder integrity(String key) {
			this.integrityKey = key.getBytes(StandardCharsets.UTF_8);
			return this;
		}

		/** @return this builder, set to end the message with a FINGERPRINT */
		public Builder fingerprint() {
			this.fingerprint = true;
			return this;
		}

		/**
		 * Adds a PADDING attribute so that the built message is {@code messageBytes} long, or as
		 * close below it as the 4-byte alignment allows; nothing when there is no room. Call it
		 * last, after {@link #integrity} and {@link #fingerprint}, whose sizes it counts.
		 *
		 * @param messageBytes the size of the whole message, header included
		 * @return this builder
		 */
		public Builder padTo(int messageBytes) {
			int size = HEADER_SIZE + body.position() + (integrityKey != null ? 4 + INTEGRITY_SIZE : 0)
					+ (fingerprint ? 8 : 0);
			int room = Math.min(messageBytes, MAX_MESSAGE_SIZE) - size - 4;
			if (room >= 0) {
				attribute(PADDING, new byte[room & ~3]);
			}
			return this;
		}

		/** @return the encoded message */
		public byte[] build() {
			int plain = body.position();
			int total = plain + (integrityKey != null ? 4 + INTEGRITY_SIZE : 0) + (fingerprint ? 8 : 0);
			ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + total);
			out.putShort((short) type).putShort((short) plain).putInt(MAGIC_COOKIE).put(transactionId);
			out.put(body.array(), 0, plain);
			if (integrityKey != null) {
				out.putShort(2, (short) (plain + 4 + INTEGRITY_SIZE));
				byte[] mac = hmacSha1(integrityKey, out.array(), 0, out.position());
				out.putShort((short) MESSAGE_INTEGRITY).putShort((short) INTEGRITY_SIZE).put(mac);
			}
			if (fingerprint) {
				out.putShort(2, (short) total);
				int checksum = crc(out.array(), out.position());
				out.putShort((short) FINGERPRINT).putShort((short) 4).putInt(checksum);
			}
			return out.array();
		}
	}

	/**
	 * Checks MESSAGE-INTEGRITY against a short-term password.
	 *
	 * @param message the message
	 * @param key the password
	 * @return whether the message carries MESSAGE-INTEGRITY and it matches
	 */
	public static boolean hasValidIntegrity(StunMessage message, String key) {
		Optional<StunMessage.Attribute> integrity = message.attribute(MESSAGE_INTEGRITY);
		if (integrity.isEmpty() || integrity.get().value().length != INTEGRITY_SIZE) {
			return false;
		}
		int end = integrity.get().offset();
		byte[] signed = Arrays.copyOf(message.raw(), end);
		ByteBuffer.wrap(signed).putShort(2, (short) (end - HEADER_SIZE + 4 + INTEGRITY_SIZE));
		byte[] expected = hmacSha1(key.getBytes(StandardCharsets.UTF_8), signed, 0, end);
		return MessageDigest.isEqual(expected, integrity.get().value());
	}

	/**
	 * @param message the message
	 * @return whether it ends with a FINGERPRINT that matches
	 */
	public static boolean hasValidFingerprint(StunMessage message) {
		Optional<StunMessage.Attribute> fp = message.attribute(FINGERPRINT);
		if (fp.isEmpty() || fp.get().value().length != 4 || fp.get().offset() + 8 != message.size()) {
			return false;
		}
		return crc(message.raw(), fp.get().offset()) == ByteBuffer.wrap(fp.get().value()).getInt();
	}

	/**
	 * @param message a response
	 * @return the XOR-MAPPED-ADDRESS it carries
	 * @throws ProtocolException if it is absent or malformed
	 */
	public static InetSocketAddress xorMappedAddress(StunMessage message) throws ProtocolException {
		byte[] value = message.attribute(XOR_MAPPED_ADDRESS)
				.orElseThrow(() -> new ProtocolException("STUN: XOR-MAPPED-ADDRESS missing")).value();
		if (value.length != 8 && value.length != 20) {
			throw new ProtocolException("STUN: XOR-MAPPED-ADDRESS of " + value.length + " bytes");
		}
		int family = value[1];
		if ((family == 1) != (value.length == 8) || (family != 1 && family != 2)) {
			throw new ProtocolException("STUN: XOR-MAPPED-ADDRESS family " + family + " does not fit its length");
		}
		byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(message.transactionId()).array();
		int port = (ByteBuffer.wrap(value, 2, 2).getShort() & 0xFFFF) ^ (MAGIC_COOKIE >>> 16);
		byte[] ip = new byte[value.length - 4];
		for (int i = 0; i < ip.length; i++) {
			ip[i] = (byte) (value[4 + i] ^ mask[i]);
		}
		try {
			return new InetSocketAddress(InetAddress.getByAddress(ip), port);
		} catch (UnknownHostException impossible) {
			throw new ProtocolException("STUN: XOR-MAPPED-ADDRESS unreadable");
		}
	}

	/**
	 * @param message an error response
	 * @return the error code, or empty when there is no well-formed ERROR-CODE
	 */
	public static Optional<Integer> errorCode(StunMessage message) {
		return message.attribute(ERROR_CODE).filter(a -> a.value().length >= 4)
				.map(a -> (a.value()[2] & 0x7) * 100 + (a.value()[3] & 0xFF));
	}

	/**
	 * A Binding request as an ICE connectivity check sends it: USERNAME "remote:local", PRIORITY,
	 * ICE-CONTROLLING, MESSAGE-INTEGRITY with the remote password, FINGERPRINT.
	 *
	 * @param transactionId the transaction id
	 * @param username the USERNAME
	 * @param password the password that signs it, or null for an unsigned request
	 * @return the encoded request
	 */
	public static byte[] bindingRequest(byte[] transactionId, String username, String password) {
		Builder builder = new Builder(BINDING_REQUEST, transactionId).username(username).priority(0x6E7F1EFFL)
				.controlling(0x5A5A5A5A5A5A5A5AL);
		if (password != null) {
			builder.integrity(password);
		}
		return builder.fingerprint().build();
	}

	/**
	 * @param request the request answered
	 * @param seen where it came from
	 * @param password the password that signs the answer
	 * @return an encoded success response
	 */
	public static byte[] bindingSuccess(StunMessage request, InetSocketAddress seen, String password) {
		Builder answer = new Builder(BINDING_SUCCESS, request.transactionId()).xorMappedAddress(seen).integrity(password)
				.fingerprint();
		if (request.attribute(PADDING).isPresent()) {
			// A padded check stands for a media packet: the answer carries the same weight back,
			// never more than the request (no amplification).
			answer.padTo(request.size());
		}
		return answer.build();
	}

	/**
	 * A signed Binding request padded to the size of a media packet (see {@link Builder#padTo}).
	 *
	 * @param transactionId the transaction id
	 * @param username the USERNAME
	 * @param password the password that signs it
	 * @param messageBytes the size the request should have
	 * @return the encoded request
	 */
	public static byte[] bindingRequest(byte[] transactionId, String username, String password, int messageBytes) {
		return new Builder(BINDING_REQUEST, transactionId).username(username).priority(0x6E7F1EFFL)
				.controlling(0x5A5A5A5A5A5A5A5AL).integrity(password).fingerprint().padTo(messageBytes).build();
	}

	/**
	 * A minimal error response, or nothing when even that would be larger than the request: an
	 * unauthenticated sender must never get more bytes back than it sent (no amplification).
	 *
	 * @param request the request
	 * @param code the error code
	 * @return the encoded error response, if it fits
	 */
	public static Optional<byte[]> smallError(StunMessage request, int code) {
		byte[] response = new Builder(BINDING_ERROR, request.transactionId()).errorCode(code, "").build();
		return response.length <= request.size() ? Optional.of(response) : Optional.empty();
	}

	private static int crc(byte[] data, int length) {
		CRC32 crc = new CRC32();
		crc.update(data, 0, length);
		return (int) crc.getValue() ^ FINGERPRINT_XOR;
	}

	private static byte[] hmacSha1(byte[] key, byte[] data, int offset, int length) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
			mac.update(data, offset, length);
			return mac.doFinal();
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
		}
	}
}
