package org.mediapath.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.PortOutcome;
import org.mediapath.api.probe.PortRun;
import org.mediapath.api.probe.SweepMode;

class PortSelectionTest {

	@Test
	void sampleIsStratifiedAndAlwaysHoldsBothEnds() {
		int[] sample = PortSelection.select(new PortRange(30000, 33000), SweepMode.SAMPLE, 64);
		assertEquals(64, sample.length);
		assertEquals(30000, sample[0]);
		assertEquals(33000, sample[63]);
		for (int i = 1; i < sample.length; i++) {
			int gap = sample[i] - sample[i - 1];
			assertEquals(true, gap >= 47 && gap <= 48, "even strata, gap " + gap);
		}
		assertEquals(3001, PortSelection.select(new PortRange(30000, 33000), SweepMode.FULL, 64).length);
		assertEquals(3, PortSelection.select(new PortRange(5, 7), SweepMode.SAMPLE, 64).length);
		assertEquals(2, PortSelection.select(new PortRange(1, 65535), SweepMode.SAMPLE, 2).length);
	}

	@Test
	void runsCoverGapsOnlyWhereNeighboursAgree() {
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		outcomes.put(30000, PortOutcome.PASS);
		outcomes.put(30500, PortOutcome.PASS);
		outcomes.put(31000, PortOutcome.SILENT);
		outcomes.put(33000, PortOutcome.SILENT);
		outcomes.put(30999, PortOutcome.PASS);
		List<PortRun> runs = PortSelection.runs(outcomes);
		assertEquals(List.of(new PortRun(new PortRange(30000, 30999), PortOutcome.PASS, 3),
				new PortRun(new PortRange(31000, 33000), PortOutcome.SILENT, 2)), runs);
		assertEquals("30000-30999 pass (3 probed), 31000-33000 silent (2 probed)", PortSelection.describe(runs));
		assertEquals(List.of(), PortSelection.runs(Map.of()));
	}

	@Test
	void edgesAreTheUnprobedPortsWherePassingTurnsBlocked() {
		Map<Integer, PortOutcome> outcomes = new LinkedHashMap<>();
		outcomes.put(20000, PortOutcome.PASS);
		outcomes.put(20010, PortOutcome.PASS);
		outcomes.put(20013, PortOutcome.IN_USE); // held by the PBX: no edge around it
		outcomes.put(20020, PortOutcome.SILENT);
		outcomes.put(20030, PortOutcome.REJECTED); // both blocked: no edge between them
		outcomes.put(20040, PortOutcome.PASS);
		assertEquals(List.of(20011, 20012, 20014, 20015, 20016, 20017, 20018, 20019, 20031, 20032, 20033, 20034, 20035,
				20036, 20037, 20038, 20039), java.util.Arrays.stream(PortSelection.edges(outcomes, 100)).boxed().toList());
		assertEquals(3, PortSelection.edges(outcomes, 3).length, "bounded");
		Map<Integer, PortOutcome> uniform = Map.of(1, PortOutcome.SILENT, 9, PortOutcome.SILENT);
		assertEquals(0, PortSelection.edges(uniform, 100).length, "one outcome throughout: nothing to refine");
	}
}
