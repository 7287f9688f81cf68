package org.mediapath.protocol;

import java.nio.ByteBuffer;

import org.mediapath.protocol.ControlMessage.Failure;

/**
 * Telling a peer of the older plaintext control channel (version 1: frames straight on TCP, the
 * responder speaking first) what to update, in words it can show. Both versions share the frame
 * (4-byte length, then the message) and the {@link Failure} message, so a version-1 client prints a
 * Failure it receives as one line; and a version-1 responder's first bytes, a Challenge frame, are
 * told apart from any TLS record by their first byte (0x00 against 0x16).
 */
public final class LegacyProtocol {

	/** The Failure code a responder sends to a version-1 client. */
	public static final String UPGRADE_CLIENT = "UPGRADE_CLIENT";
	/**
	 * How many first bytes of an answer are enough to recognise a version-1 Challenge: its frame length
	 * and its tag (a TLS client reads the 5 bytes of a record header before it gives up).
	 */
	public static final int SIGNATURE_BYTES = 5;

	private LegacyProtocol() {
	}

	/**
	 * @param code the Failure's code
	 * @param message its words
	 * @return one version-1 frame holding the Failure, for a peer that does not speak TLS
	 */
	public static byte[] failureFrame(String code, String message) {
		byte[] payload = ControlCodec.encode(new Failure(code, message));
		return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
	}

	/**
	 * @param first the first bytes a peer sent (at least {@link #SIGNATURE_BYTES} to decide)
	 * @param length how many of them are valid
	 * @return whether they start a version-1 frame holding a Challenge (the old responder's greeting)
	 */
	public static boolean isVersion1Challenge(byte[] first, int length) {
		if (length < SIGNATURE_BYTES) {
			return false;
		}
		ByteBuffer in = ByteBuffer.wrap(first, 0, length);
		int frame = in.getInt();
		// a Challenge frame is short, and its tag is 1; its version (2 more bytes) is 1 where it was read
		return frame > 3 && frame <= 1024 && in.get() == 1 && (length < 7 || in.getShort() == 1);
	}

	/**
	 * @param first the first bytes a peer sent
	 * @param length how many of them are valid
	 * @return the Failure they hold as a complete version-1 frame (a responder of this version refusing a
	 *         client that spoke no TLS), or null
	 */
	public static Failure failureIn(byte[] first, int length) {
		if (length < 5) {
			return null;
		}
		ByteBuffer in = ByteBuffer.wrap(first, 0, length);
		int frame = in.getInt();
		if (frame < 1 || frame > length - 4 || first[4] != 14) {
			return null;
		}
		byte[] payload = new byte[frame];
		in.get(payload);
		try {
			return ControlCodec.decode(payload) instanceof Failure f ? f : null;
		} catch (ProtocolException e) {
			return null;
		}
	}
}
