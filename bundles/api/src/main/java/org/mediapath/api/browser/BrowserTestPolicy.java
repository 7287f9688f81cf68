package org.mediapath.api.browser;

import java.util.List;
import java.util.Objects;

/**
 * What the administrator's policy says about the user's path, recorded with the invitation so that
 * the run is judged by the policy it was made under.
 *
 * @param requireVpn whether the PBX may only be reached through the VPN
 * @param vpnAddressRanges the VPN's client address pools (CIDR, e.g. {@code 10.8.0.0/24}): a browser
 *        seen from one of them came through the VPN; empty when not known
 */
public record BrowserTestPolicy(boolean requireVpn, List<String> vpnAddressRanges) {

	/** No policy: the VPN is neither required nor known. */
	public static final BrowserTestPolicy NONE = new BrowserTestPolicy(false, List.of());

	/** @throws NullPointerException if the list is null */
	public BrowserTestPolicy {
		vpnAddressRanges = List.copyOf(Objects.requireNonNull(vpnAddressRanges, "vpnAddressRanges"));
	}
}
