package org.mediapath.firewall.windows;

import java.util.List;
import java.util.Set;

import org.mediapath.firewall.core.PortSet;

/**
 * One Windows Defender Firewall rule, as netsh or PowerShell showed it. A null field was not in the
 * paste (non-verbose netsh has no program; Get-NetFirewallRule without the port filter has no ports):
 * a condition on it is undecided.
 *
 * @param name the display name
 * @param enabled whether it is enabled
 * @param inbound its direction
 * @param action allow, block or bypass
 * @param profiles the profiles it applies to ({@code domain}, {@code private}, {@code public}); empty for any
 * @param protocol {@code any}, {@code udp}, {@code tcp}, another name or number; null when not shown
 * @param localPorts local ports, {@link PortSet#ALL} for any; null when not shown or not understood
 * @param remotePorts remote ports, likewise
 * @param remoteAddresses remote addresses as written ({@code Any}, prefixes, ranges, keywords); null when not shown
 * @param program the program path, {@code Any}; null when not shown
 * @param service the service name, {@code Any}; null when not shown
 * @param interfaceTypes {@code Any}, {@code Wireless}, ...; null when not shown
 */
public record WindowsRule(String name, boolean enabled, boolean inbound, Action action, Set<String> profiles,
		String protocol, PortSet localPorts, PortSet remotePorts, List<String> remoteAddresses, String program,
		String service, String interfaceTypes) {

	public enum Action {
		ALLOW, BLOCK, BYPASS
	}
}
