package org.mediapath.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.mediapath.api.browser.PortState;
import org.mediapath.api.rule.Findings;
import org.mediapath.diagnosis.spi.BuiltInChecks;

/**
 * The per-port results of a browser run, read back from the browser ICE check's measurements into
 * their types; an entry that does not parse (another version's) is left out rather than guessed.
 *
 * @param all every sampled port, ascending
 */
record BrowserPorts(List<Port> all) {

	/**
	 * @param port the PBX's port
	 * @param state what both sides saw of it
	 */
	record Port(int port, PortState state) {
	}

	static BrowserPorts of(Findings f) {
		List<Port> ports = new ArrayList<>();
		for (Map<?, ?> m : f.maps(BuiltInChecks.BROWSER_ICE, BuiltInChecks.PORT_RESULTS)) {
			if (m.get(BuiltInChecks.PORT) instanceof Number n && m.get(BuiltInChecks.PORT_STATE) instanceof String s) {
				try {
					ports.add(new Port(n.intValue(), PortState.valueOf(s)));
				} catch (IllegalArgumentException unknown) {
					// a state of another version: no rule judges it
				}
			}
		}
		ports.sort((a, b) -> Integer.compare(a.port(), b.port()));
		return new BrowserPorts(List.copyOf(ports));
	}

	List<Integer> in(PortState state) {
		return all.stream().filter(p -> p.state() == state).map(Port::port).toList();
	}

	/** @return the ports that were tested (the PBX did not hold them) */
	List<Integer> tried() {
		return all.stream().filter(p -> p.state() != PortState.NOT_TRIED).map(Port::port).toList();
	}

	static String list(List<Integer> ports) {
		return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}
}
