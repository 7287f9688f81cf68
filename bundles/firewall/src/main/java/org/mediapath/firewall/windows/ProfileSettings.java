package org.mediapath.firewall.windows;

/**
 * One profile's settings from {@code netsh advfirewall show allprofiles} or
 * {@code Get-NetFirewallProfile}.
 *
 * @param profile {@code domain}, {@code private} or {@code public}
 * @param on whether the firewall is on in it
 * @param blockInbound the default inbound action blocks
 * @param blockInboundAlways inbound is blocked even for allowed apps ("Block all incoming connections")
 * @param blockOutbound the default outbound action blocks
 * @param policyText the policy as written, for reasons
 */
public record ProfileSettings(String profile, boolean on, boolean blockInbound, boolean blockInboundAlways,
		boolean blockOutbound, String policyText) {
}
