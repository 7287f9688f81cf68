package org.mediapath.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The control channel's framing: a 4-byte big-endian length, then that many bytes. The reader
 * refuses a frame larger than its limit before allocating anything, so a peer cannot make the
 * responder reserve memory by announcing a large frame.
 */
public final class Frames {

	/** The default largest frame: a session request listing every port of 1-65535 fits easily. */
	public static final int DEFAULT_MAX_FRAME = 64 * 1024;

	private Frames() {
	}

	/**
	 * Reads one frame.
	 *
	 * @param in the stream
	 * @param maxSize the largest frame accepted
	 * @return the frame's payload
	 * @throws ProtocolException if the announced length is zero, negative or above the limit
	 * @throws EOFException if the stream ends before or inside a frame
	 * @throws IOException if reading fails
	 */
	public static byte[] read(InputStream in, int maxSize) throws IOException, ProtocolException {
		DataInputStream data = new DataInputStream(in);
		int length = data.readInt();
		if (length <= 0 || length > maxSize) {
			throw new ProtocolException("control frame: length " + Integer.toUnsignedString(length)
					+ " is outside 1-" + maxSize);
		}
		byte[] payload = new byte[length];
		data.readFully(payload);
		return payload;
	}

	/**
	 * Writes one frame and flushes it.
	 *
	 * @param out the stream
	 * @param payload the payload
	 * @throws IOException if writing fails
	 */
	public static void write(OutputStream out, byte[] payload) throws IOException {
		if (payload.length == 0) {
			throw new IllegalArgumentException("empty frame");
		}
		byte[] frame = new byte[4 + payload.length];
		frame[0] = (byte) (payload.length >>> 24);
		frame[1] = (byte) (payload.length >>> 16);
		frame[2] = (byte) (payload.length >>> 8);
		frame[3] = (byte) payload.length;
		System.arraycopy(payload, 0, frame, 4, payload.length);
		out.write(frame);
		out.flush();
	}
}
