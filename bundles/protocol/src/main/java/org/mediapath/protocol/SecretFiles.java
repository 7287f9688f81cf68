package org.mediapath.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the pre-shared secret from a file, the one way both sides get it. */
public final class SecretFiles {

	private static final long MAX_FILE_SIZE = 4096;

	private SecretFiles() {
	}

	/**
	 * Reads the first line of the file, without surrounding white space.
	 *
	 * @param field the option or setting that named the file, for the error message
	 * @param file the file
	 * @return the secret's bytes (UTF-8)
	 * @throws IllegalArgumentException naming the field if the file is unreadable, too large, or
	 *         holds a secret shorter than {@link ChallengeResponse#MIN_SECRET_BYTES}
	 */
	public static byte[] read(String field, Path file) {
		try {
			if (Files.size(file) > MAX_FILE_SIZE) {
				throw new IllegalArgumentException(field + " " + file + ": larger than " + MAX_FILE_SIZE
						+ " bytes; a secret file holds one line");
			}
			String text = Files.readString(file, StandardCharsets.UTF_8);
			int newline = text.indexOf('\n');
			String secret = (newline < 0 ? text : text.substring(0, newline)).strip();
			byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < ChallengeResponse.MIN_SECRET_BYTES) {
				throw new IllegalArgumentException(field + " " + file + ": the secret is " + bytes.length
						+ " bytes; at least " + ChallengeResponse.MIN_SECRET_BYTES + " are required");
			}
			return bytes;
		} catch (IOException e) {
			throw new IllegalArgumentException(field + " " + file + ": cannot be read ("
					+ e.getClass().getSimpleName() + ")", e);
		}
	}
}
