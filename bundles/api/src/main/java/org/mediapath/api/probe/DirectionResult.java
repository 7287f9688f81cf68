package org.mediapath.api.probe;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of the checks that travelled in one direction.
 *
 * @param direction which way the checks travelled
 * @param runs the outcomes compressed into runs of ports, in port order (of the destination range)
 * @param sent how many checks were sent
 * @param answered how many were answered (cooperatively: how many the far end saw)
 */
public record DirectionResult(Direction direction, List<PortRun> runs, int sent, int answered) {

	/** @throws NullPointerException if a component is null */
	public DirectionResult {
		Objects.requireNonNull(direction, "direction");
		runs = List.copyOf(runs);
	}
}
