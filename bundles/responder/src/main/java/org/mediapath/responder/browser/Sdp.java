package org.mediapath.responder.browser;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The little of SDP the test needs: the ICE credentials and the data channel's mid from the page's
 * offer, and an answer that makes the browser run ICE against one PBX port. No SDP library: an offer
 * is read line by line with strict bounds, and only the four attributes below are taken from it, so
 * nothing else a page sends can reach the agent.
 */
public final class Sdp {

	/** The largest offer read (a browser's data-channel offer is about 600 bytes). */
	public static final int MAX_OFFER_BYTES = 16 * 1024;
	private static final int MAX_LINES = 200;
	/** RFC 8839: ice-char = ALPHA / DIGIT / "+" / "/"; ufrag 4-256, pwd 22-256. Chrome's ufrag has '+' and '/'. */
	private static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]+");
	private static final Pattern MID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
	private static final Pattern LINE_END = Pattern.compile("\r?\n");

	/**
	 * The parts of an offer the answer needs.
	 *
	 * @param ufrag the browser's ICE user name fragment
	 * @param password the browser's ICE password
	 * @param mid the data channel section's mid (echoed in the answer)
	 */
	public record Offer(String ufrag, String password, String mid) {
	}

	private Sdp() {
	}

	/**
	 * Reads a browser's offer.
	 *
	 * @param text the offer's SDP
	 * @return its credentials and mid
	 * @throws IllegalArgumentException naming what is missing or malformed (never quoting the input)
	 */
	public static Offer parseOffer(String text) {
		if (text == null || text.isEmpty()) {
			throw new IllegalArgumentException("sdp: empty");
		}
		if (text.length() > MAX_OFFER_BYTES) {
			throw new IllegalArgumentException("sdp: longer than " + MAX_OFFER_BYTES + " characters");
		}
		if (!text.startsWith("v=0")) {
			throw new IllegalArgumentException("sdp: does not start with v=0");
		}
		String ufrag = null;
		String password = null;
		String mid = null;
		boolean application = false;
		int lines = 0;
		for (String line : LINE_END.split(text, -1)) {
			if (++lines > MAX_LINES) {
				throw new IllegalArgumentException("sdp: more than " + MAX_LINES + " lines");
			}
			if (line.startsWith("m=")) {
				if (application) {
					throw new IllegalArgumentException("sdp: more than one media section (the test offers one data channel)");
				}
				if (!line.startsWith("m=application ") || !line.contains("webrtc-datachannel")) {
					throw new IllegalArgumentException("sdp: the media section is not a WebRTC data channel");
				}
				application = true;
			} else if (line.startsWith("a=ice-ufrag:")) {
				ufrag = once("ice-ufrag", ufrag, credential("ice-ufrag", line.substring(12), 4));
			} else if (line.startsWith("a=ice-pwd:")) {
				password = once("ice-pwd", password, credential("ice-pwd", line.substring(10), 22));
			} else if (line.startsWith("a=mid:")) {
				String value = line.substring(6).strip();
				if (!MID.matcher(value).matches()) {
					throw new IllegalArgumentException("sdp: a=mid is not 1-32 letters, digits, '_', '.' or '-'");
				}
				mid = once("mid", mid, value);
			}
		}
		if (!application) {
			throw new IllegalArgumentException("sdp: no data channel section (m=application)");
		}
		if (ufrag == null || password == null) {
			throw new IllegalArgumentException("sdp: no ICE credentials (a=ice-ufrag and a=ice-pwd)");
		}
		return new Offer(ufrag, password, mid == null ? "0" : mid);
	}

	private static String once(String name, String previous, String value) {
		if (previous != null && !previous.equals(value)) {
			throw new IllegalArgumentException("sdp: two different a=" + name + " values");
		}
		return value;
	}

	private static String credential(String name, String value, int min) {
		String v = value.strip();
		if (v.length() < min || v.length() > 256 || !ICE_CHARS.matcher(v).matches()) {
			throw new IllegalArgumentException("sdp: a=" + name + " must be " + min + "-256 letters, digits, '+' or '/'");
		}
		return v;
	}

	/**
	 * An answer for one PBX port: the agent's credentials and its one host candidate. The DTLS role is
	 * active, which leaves the browser as the DTLS server waiting silently: ICE alone is the test, and
	 * its checks (and consent checks) are all it sends. The fingerprint is required by browsers but never
	 * used, since no DTLS handshake takes place; it is a random one.
	 *
	 * @param offer the offer answered
	 * @param ufrag the agent's user name fragment
	 * @param password the agent's password
	 * @param address the address the browser should send to (the PBX's media or public address)
	 * @param port the port
	 * @param fingerprint 32 random bytes
	 * @return the answer's SDP
	 */
	public static String answer(Offer offer, String ufrag, String password, String address, int port, byte[] fingerprint) {
		if (fingerprint.length != 32) {
			throw new IllegalArgumentException("fingerprint must be 32 bytes");
		}
		boolean v6 = address.indexOf(':') >= 0;
		String ip = v6 ? "IP6" : "IP4";
		String sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint);
		return String.join("\r\n",
				"v=0",
				"o=mediapath " + (System.nanoTime() & 0x7FFFFFFFFFFFL) + " 1 IN " + ip + " " + address,
				"s=-",
				"t=0 0",
				"a=group:BUNDLE " + offer.mid(),
				"a=ice-options:trickle",
				"m=application " + port + " UDP/DTLS/SCTP webrtc-datachannel",
				"c=IN " + ip + " " + address,
				"a=mid:" + offer.mid(),
				"a=ice-ufrag:" + ufrag,
				"a=ice-pwd:" + password,
				"a=fingerprint:sha-256 " + sha256,
				"a=setup:active",
				"a=sctp-port:5000",
				"a=max-message-size:262144",
				"a=candidate:1 1 udp 2130706431 " + address + " " + port + " typ host",
				"a=end-of-candidates",
				"") ;
	}

	/** @return the browser's family and major version from a User-Agent, e.g. "Chrome 131" */
	static String browserOf(String userAgent) {
		String ua = userAgent == null ? "" : userAgent;
		String[][] families = { { "Edg/", "Edge" }, { "OPR/", "Opera" }, { "Firefox/", "Firefox" },
				{ "Chrome/", "Chrome" }, { "Version/", "Safari" } };
		for (String[] f : families) {
			int at = ua.indexOf(f[0]);
			if (at >= 0) {
				String rest = ua.substring(at + f[0].length());
				String major = rest.split("[^0-9]", 2)[0];
				if (f[1].equals("Chrome") && ua.contains("HeadlessChrome/")) {
					return "Chrome " + major + " (headless)";
				}
				return major.isEmpty() ? f[1] : f[1] + " " + major;
			}
		}
		int headless = ua.indexOf("HeadlessChrome/");
		if (headless >= 0) {
			return "Chrome " + ua.substring(headless + 15).split("[^0-9]", 2)[0] + " (headless)";
		}
		return "unknown browser";
	}

	/** @return the operating system a User-Agent names, in plain words */
	static String operatingSystemOf(String userAgent) {
		String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
		if (ua.contains("windows nt 10")) {
			return "Windows 10/11";
		}
		if (ua.contains("windows")) {
			return "Windows";
		}
		if (ua.contains("iphone") || ua.contains("ipad")) {
			return "iOS";
		}
		if (ua.contains("mac os x") || ua.contains("macintosh")) {
			return "macOS";
		}
		if (ua.contains("android")) {
			return "Android";
		}
		if (ua.contains("cros")) {
			return "ChromeOS";
		}
		if (ua.contains("linux")) {
			return "Linux";
		}
		return "unknown";
	}
}
