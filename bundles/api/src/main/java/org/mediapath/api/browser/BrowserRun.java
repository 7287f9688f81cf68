package org.mediapath.api.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediapath.api.net.PortRange;

/**
 * One run of the test page in a user's browser, as the PBX's responder recorded it.
 *
 * @param id the run's id (unique on that responder)
 * @param token the invitation it was made with
 * @param label the invitation's label
 * @param policy the invitation's VPN policy
 * @param started when the page started testing
 * @param state running, done or abandoned
 * @param timeToVerdict from start to the decision, when decided
 * @param userAgent the browser's User-Agent header, cut to 300 characters
 * @param browser the browser's name and major version ("Chrome 131", "Firefox 128"), or "unknown browser"
 * @param operatingSystem the operating system the browser named ("Windows 10/11", "macOS", "Linux"), or "unknown"
 * @param seenAddress the address the PBX saw the page's requests come from (the user's public address
 *        behind NAT, or a VPN pool address)
 * @param mediaAddress the address the PBX's media ports were offered on (its public address behind NAT)
 * @param serverPorts the PBX's media range the ports were sampled from
 * @param ports one result per sampled port, ascending
 * @param localCandidateTypes the kinds of local ICE candidates the browser used (host, srflx, prflx, relay)
 * @param summary one line in plain words, as the user's page showed it
 */
public record BrowserRun(String id, String token, String label, BrowserTestPolicy policy, Instant started,
		RunState state, Optional<Duration> timeToVerdict, String userAgent, String browser, String operatingSystem,
		String seenAddress, String mediaAddress, PortRange serverPorts, List<BrowserPortResult> ports,
		List<String> localCandidateTypes, String summary) {

	/** @throws NullPointerException if a component is null */
	public BrowserRun {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(started, "started");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(timeToVerdict, "timeToVerdict");
		Objects.requireNonNull(userAgent, "userAgent");
		Objects.requireNonNull(browser, "browser");
		Objects.requireNonNull(operatingSystem, "operatingSystem");
		Objects.requireNonNull(seenAddress, "seenAddress");
		Objects.requireNonNull(mediaAddress, "mediaAddress");
		Objects.requireNonNull(serverPorts, "serverPorts");
		ports = List.copyOf(ports);
		localCandidateTypes = List.copyOf(localCandidateTypes);
		Objects.requireNonNull(summary, "summary");
	}
}
