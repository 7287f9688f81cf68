package org.mediapath.ui.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.browser.BrowserTestPolicy;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.net.AddressBlock;

/**
 * The "Test from a user's PC" form: which PBX, how many uses, how long, a label and the VPN
 * policy, parsed into an {@link InvitationRequest} or into messages per field that name what was
 * wrong. Nothing here talks to a responder.
 */
final class InviteForm {

	static final String PBX = "pbx";
	static final String USES = "uses";
	static final String EXPIRES = "expires";
	static final String LABEL = "label";
	static final String REQUIRE_VPN = "require-vpn";
	static final String VPN_RANGES = "vpn-ranges";
	/** The text fields, in the order the form shows them. */
	static final List<String> TEXT_FIELDS = List.of(USES, EXPIRES, LABEL, VPN_RANGES);
	static final String DEFAULT_EXPIRES = "24h";
	/** More ranges than any VPN has pools; keeps a pasted list from growing the request without bound. */
	static final int MAX_RANGES = 32;

	private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*([mhd])");

	/**
	 * @param pbx the PBX name picked
	 * @param typed the fields as typed (shown again after a refusal)
	 * @param request the request, when every field is fine
	 * @param errors a message per field name, empty when fine
	 */
	record Parsed(String pbx, Map<String, String> typed, Optional<InvitationRequest> request, Map<String, String> errors)
			implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
	}

	private InviteForm() {
	}

	/** @return the defaults the form starts with */
	static Map<String, String> defaults() {
		return Map.of(USES, "1", EXPIRES, DEFAULT_EXPIRES, LABEL, "", VPN_RANGES, "");
	}

	static Parsed parse(Function<String, String> parameters) {
		Map<String, String> typed = new LinkedHashMap<>();
		for (String f : TEXT_FIELDS) {
			String v = parameters.apply(f);
			typed.put(f, v == null ? "" : v.length() > 4096 ? v.substring(0, 4096) : v);
		}
		boolean requireVpn = "true".equals(parameters.apply(REQUIRE_VPN)) || "on".equals(parameters.apply(REQUIRE_VPN));
		typed.put(REQUIRE_VPN, Boolean.toString(requireVpn));
		String pbx = parameters.apply(PBX) == null ? "" : parameters.apply(PBX).strip();

		Map<String, String> errors = new LinkedHashMap<>();
		if (pbx.isEmpty()) {
			errors.put(PBX, "pbx: pick the PBX whose responder serves the link");
		}
		int uses = 0;
		String usesText = typed.get(USES).strip();
		try {
			uses = Integer.parseInt(usesText.isEmpty() ? "1" : usesText);
			if (uses < 1 || uses > InvitationRequest.MAX_USES) {
				errors.put(USES, "uses: " + uses + " is outside 1-" + InvitationRequest.MAX_USES);
			}
		} catch (NumberFormatException e) {
			errors.put(USES, "uses: '" + usesText + "' is not a whole number (1 for one user, more for a campaign link)");
		}
		Duration validFor = null;
		try {
			validFor = duration(typed.get(EXPIRES).strip().isEmpty() ? DEFAULT_EXPIRES : typed.get(EXPIRES));
			if (validFor.compareTo(Duration.ofMinutes(1)) < 0 || validFor.compareTo(InvitationRequest.MAX_VALIDITY) > 0) {
				errors.put(EXPIRES, "expires: " + typed.get(EXPIRES).strip() + " is outside 1 minute to 30 days");
			}
		} catch (IllegalArgumentException e) {
			errors.put(EXPIRES, e.getMessage());
		}
		String label = typed.get(LABEL).strip();
		if (label.length() > InvitationRequest.MAX_LABEL) {
			errors.put(LABEL, "label: longer than " + InvitationRequest.MAX_LABEL + " characters");
		} else if (label.chars().anyMatch(Character::isISOControl)) {
			errors.put(LABEL, "label: holds a control character (one line only)");
		}
		List<String> ranges = new ArrayList<>();
		try {
			ranges = ranges(typed.get(VPN_RANGES));
		} catch (IllegalArgumentException e) {
			errors.put(VPN_RANGES, e.getMessage());
		}
		Optional<InvitationRequest> request = Optional.empty();
		if (errors.isEmpty()) {
			try {
				request = Optional.of(new InvitationRequest(uses, validFor, label, new BrowserTestPolicy(requireVpn, ranges)));
			} catch (IllegalArgumentException e) {
				// the record's own bounds: its message names the field
				String message = String.valueOf(e.getMessage());
				String field = message.startsWith("uses") ? USES : message.startsWith("label") ? LABEL : EXPIRES;
				errors.put(field, message);
			}
		}
		return new Parsed(pbx, typed, request, errors);
	}

	/**
	 * @param text a duration: a number and a unit, {@code m} minutes, {@code h} hours, {@code d} days
	 *        ({@code 30m}, {@code 24h}, {@code 7d}; several may follow each other, {@code 1d12h})
	 * @return the duration
	 * @throws IllegalArgumentException naming the field and the form it wants
	 */
	static Duration duration(String text) {
		String t = text.strip().toLowerCase(java.util.Locale.ROOT);
		Matcher m = DURATION.matcher(t);
		Duration total = Duration.ZERO;
		int at = 0;
		while (at < t.length() && m.find(at) && m.start() == at) {
			long n = Long.parseLong(m.group(1));
			total = total.plus(switch (m.group(2)) {
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
			});
			at = m.end();
			while (at < t.length() && t.charAt(at) == ' ') {
				at++;
			}
		}
		if (t.isEmpty() || at != t.length()) {
			throw new IllegalArgumentException("expires: '" + text.strip() + "' is not a duration such as 30m, 24h or 7d");
		}
		return total;
	}

	/**
	 * @param text the VPN's client address pools, CIDR, separated by commas, spaces or lines
	 * @return the ranges as typed, in order
	 * @throws IllegalArgumentException naming the first range that is not a CIDR block
	 */
	static List<String> ranges(String text) {
		List<String> out = new ArrayList<>();
		for (String part : text.split("[,\\s]+")) {
			if (part.isEmpty()) {
				continue;
			}
			if (!isCidr(part)) {
				throw new IllegalArgumentException("vpn-ranges: '" + (part.length() > 60 ? part.substring(0, 60) + "..." : part)
						+ "' is not an address range such as 10.8.0.0/24");
			}
			out.add(part);
			if (out.size() > MAX_RANGES) {
				throw new IllegalArgumentException("vpn-ranges: more than " + MAX_RANGES + " ranges");
			}
		}
		return out;
	}

	/**
	 * @return whether the text is an address block as the responder takes it (the API's
	 *         {@link AddressBlock}: a literal IPv4 or IPv6 address, never looked up, with an optional
	 *         prefix length)
	 */
	static boolean isCidr(String s) {
		try {
			AddressBlock.parse(VPN_RANGES, s);
			return true;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}
}
