package org.mediapath.api.firewall;

/** What a firewall does with the asked traffic on a run of ports. */
public enum FirewallVerdict {
	/** The ruleset lets it through. */
	ALLOWED,
	/** A rule or a default policy drops or rejects it. */
	BLOCKED,
	/** The ruleset does not say: it depends on something the question or the paste does not fix. */
	UNKNOWN
}
