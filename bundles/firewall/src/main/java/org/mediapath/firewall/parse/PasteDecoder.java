package org.mediapath.firewall.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A saved output's bytes as text. Windows PowerShell 5.1 writes UTF-16 with a byte order mark when
 * output is redirected; {@code netsh ... > file} in cmd writes the OEM code page (850 on German
 * systems, where the umlauts of "Öffentlich" and "Ausnahmen für" sit at 0x80-0x9F); everything else
 * writes UTF-8.
 */
public final class PasteDecoder {

	private PasteDecoder() {
	}

	public static String decode(byte[] bytes) {
		if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
		}
		if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
		}
		int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
				&& (bytes[2] & 0xff) == 0xbf ? 3 : 0;
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
		} catch (CharacterCodingException e) {
			return new String(bytes, start, bytes.length - start, legacy(bytes));
		}
	}

	/** OEM 850 when German umlauts sit where that code page puts them, else windows-1252. */
	private static Charset legacy(byte[] bytes) {
		for (byte b : bytes) {
			int c = b & 0xff;
			if (c == 0x81 || c == 0x84 || c == 0x8e || c == 0x94 || c == 0x99 || c == 0x9a) {
				try {
					return Charset.forName("IBM850");
				} catch (IllegalArgumentException unsupported) {
					break;
				}
			}
		}
		return Charset.forName("windows-1252");
	}
}
