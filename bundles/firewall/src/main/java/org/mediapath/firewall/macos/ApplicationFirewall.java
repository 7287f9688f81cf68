package org.mediapath.firewall.macos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.firewall.core.Decision;
import org.mediapath.firewall.core.Probe;
import org.mediapath.firewall.core.Ruleset;

/**
 * macOS's application firewall ({@code socketfilterfw --getglobalstate --getblockall --getstealthmode
 * --listapps}): per app, not per port, and inbound only. Off lets everything in; "block all" blocks
 * every incoming connection but essential services; otherwise an app listed with "Block incoming
 * connections" is blocked on every port, and the verdict names the app.
 */
public final class ApplicationFirewall implements Ruleset {

	public static final String FORMAT = "socketfilterfw";

	private static final Pattern APP = Pattern.compile("^\\s*\\d+\\s*:\\s*(.+?)\\s*$");
	private static final Pattern VERDICT = Pattern.compile("^\\s*\\(\\s*(Allow|Block) incoming connections\\s*\\)\\s*$");

	private Boolean enabled;
	private boolean blockAll;
	private boolean listed;
	private final Map<String, Boolean> apps = new LinkedHashMap<>();
	private final List<String> warnings = new ArrayList<>();

	public static ApplicationFirewall parse(List<String> lines) {
		ApplicationFirewall firewall = new ApplicationFirewall();
		String app = null;
		for (String raw : lines) {
			if (raw.length() > 4096) {
				continue;
			}
			String line = raw.strip();
			if (line.startsWith("Firewall is enabled")) {
				firewall.enabled = true;
				firewall.blockAll |= line.contains("State = 2");
			} else if (line.startsWith("Firewall is disabled")) {
				firewall.enabled = false;
			} else if (line.startsWith("Firewall is blocking all")) {
				firewall.enabled = true;
				firewall.blockAll = true;
			} else if (line.equals("Block all ENABLED!") || line.startsWith("Firewall has block all state set to enabled")) {
				firewall.blockAll = true;
			} else if (line.startsWith("ALF: total number of apps")) {
				firewall.listed = true;
			} else {
				Matcher a = APP.matcher(raw);
				Matcher v = VERDICT.matcher(raw);
				if (v.matches() && app != null) {
					firewall.apps.put(app, v.group(1).equals("Allow"));
					app = null;
				} else if (firewall.listed && a.matches()) {
					app = a.group(1);
				}
			}
		}
		if (firewall.enabled == null) {
			firewall.warnings.add("the paste does not say whether the application firewall is on "
					+ "(socketfilterfw --getglobalstate); it is taken as on");
		}
		if (!firewall.listed) {
			firewall.warnings.add("no app list (socketfilterfw --listapps): apps blocked one by one are unknown");
		}
		return firewall;
	}

	@Override
	public String format() {
		return FORMAT;
	}

	@Override
	public List<String> warnings() {
		return warnings;
	}

	@Override
	public void boundaries(TransportProtocol protocol, IntConsumer boundary) {
		// per app, not per port
	}

	@Override
	public Decision judge(Probe probe) {
		if (probe.direction() == TrafficDirection.OUTBOUND) {
			return Decision.allowed("macOS application firewall: inbound only", "the application firewall does not filter outgoing traffic");
		}
		if (Boolean.FALSE.equals(enabled)) {
			return Decision.allowed("macOS application firewall: off", "the application firewall is off");
		}
		if (blockAll) {
			return Decision.blocked("macOS application firewall: Block all incoming connections",
					"'Block all incoming connections' is on: every app's incoming connections are blocked, on every port");
		}
		if (probe.program().isPresent()) {
			String wanted = probe.program().get().toLowerCase(Locale.ROOT);
			for (Map.Entry<String, Boolean> app : apps.entrySet()) {
				String path = app.getKey().toLowerCase(Locale.ROOT);
				if (path.equals(wanted) || wanted.startsWith(path + "/") || path.endsWith("/" + wanted)) {
					return app.getValue() ? Decision.allowed("macOS application firewall: " + app.getKey() + " allowed",
							"the app is listed with 'Allow incoming connections'")
							: Decision.blocked("macOS application firewall: " + app.getKey() + " blocked",
									"the app is listed with 'Block incoming connections': every port it listens on is "
											+ "blocked; set it to allow in System Settings > Network > Firewall > Options");
				}
			}
			return Decision.unknown("macOS application firewall: " + probe.program().get() + " not listed",
					"the app is not in the list: macOS asks on its first incoming connection, or lets signed software in "
							+ "automatically, depending on the firewall's options");
		}
		List<String> blocked = apps.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
		if (!blocked.isEmpty()) {
			return Decision.unknown("macOS application firewall: " + blocked.get(0) + " blocked",
					"the application firewall blocks " + String.join(", ", blocked) + " on every port; whether this "
							+ "traffic is theirs depends on the program (pass --program)");
		}
		return Decision.allowed("macOS application firewall: no app blocked", "the application firewall is on but "
				+ "blocks no listed app and 'block all' is off; an app not in the list may be asked about once");
	}
}
