package org.mediapath.protocol.ice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ice4j reads its settings from JVM-global system properties, once, when its classes first load
 * their configuration. These are the values mediapath needs, applied before the first agent is
 * created and only where the administrator has not set the property already (an explicit
 * {@code -D} wins). The standalone console sets them up front in mediapath.bndrun.
 */
public final class Ice4jSettings {

	/**
	 * The settings and why: no harvester may send traffic the user did not ask for (the AWS one
	 * asks 169.254.169.254, STUN/UPnP mapping would contact servers or the gateway); a responder
	 * must not answer checks without MESSAGE-INTEGRITY; the retransmission timers are pinned to
	 * ice4j's defaults, which a StunCandidateHarvester would otherwise set behind our back.
	 */
	public static final Map<String, String> REQUIRED;

	static {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("ice4j.harvest.mapping.aws.enabled", "false");
		settings.put("ice4j.harvest.mapping.stun.enabled", "false");
		settings.put("ice4j.harvest.upnp.enabled", "false");
		settings.put("org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER", "true");
		settings.put("org.ice4j.REQUIRE_MESSAGE_INTEGRITY", "true");
		settings.put("org.ice4j.MAX_RETRANSMISSIONS", "6");
		settings.put("org.ice4j.FIRST_CTRAN_RETRANS_AFTER", "100");
		settings.put("org.ice4j.MAX_CTRAN_RETRANS_TIMER", "1600");
		REQUIRED = Map.copyOf(settings);
	}

	private Ice4jSettings() {
	}

	/** Sets every {@link #REQUIRED} property that is not set yet; idempotent. */
	public static void apply() {
		REQUIRED.forEach((key, value) -> {
			if (System.getProperty(key) == null) {
				System.setProperty(key, value);
			}
		});
	}
}
