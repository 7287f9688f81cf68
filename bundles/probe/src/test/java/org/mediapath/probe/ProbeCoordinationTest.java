package org.mediapath.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.probe.SweepMode;

class ProbeCoordinationTest {

	@Test
	void iceGetsThePortsASampledSweepDoesNotVisitFirst() {
		PortRange range = new PortRange(30000, 30099);
		int[] sample = PortSelection.select(range, SweepMode.SAMPLE, 64);
		int[] server = ProbeCoordination.serverIcePorts(range, 64, 4096);
		assertEquals(100 - sample.length, server.length);
		assertTrue(Arrays.stream(server).noneMatch(p -> Arrays.binarySearch(sample, p) >= 0));
		int[] sorted = server.clone();
		Arrays.sort(sorted);
		assertArrayEquals(sorted, server, "the control channel carries ascending port lists");

		int[] client = ProbeCoordination.icePorts(range, 64, Integer.MAX_VALUE);
		assertEquals(100, client.length, "every port, the sampled ones last");
		assertArrayEquals(server, Arrays.copyOf(client, server.length));
		assertEquals(sample[0], client[server.length]);
	}

	@Test
	void aRangeTheSampleCoversLeavesIceTheWholeRangeAndTheSweepExclusive() {
		PortRange small = new PortRange(30000, 30009);
		assertArrayEquals(small.ports().toArray(), ProbeCoordination.serverIcePorts(small, 64, 4096));
		ProbeCoordination c = new ProbeCoordination();
		assertNotNull(c.forSweep(small, new PortRange(50000, 50999), SweepMode.SAMPLE, 64));
		assertNotNull(c.forSweep(new PortRange(30000, 33000), new PortRange(49152, 65535), SweepMode.FULL, 64));
		assertNull(c.forSweep(new PortRange(30000, 33000), new PortRange(49152, 65535), SweepMode.SAMPLE, 64));
	}
}
