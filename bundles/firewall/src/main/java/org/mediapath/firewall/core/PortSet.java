package org.mediapath.firewall.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/** A set of ports 0-65535 as sorted, merged, inclusive intervals. */
public final class PortSet {

	public static final PortSet ALL = new PortSet(new int[] { 0 }, new int[] { 65535 });
	public static final PortSet NONE = new PortSet(new int[0], new int[0]);

	private final int[] firsts;
	private final int[] lasts;

	private PortSet(int[] firsts, int[] lasts) {
		this.firsts = firsts;
		this.lasts = lasts;
	}

	/** Collects intervals in any order, clamped to 0-65535; reversed ones are turned round. */
	public static final class Builder {
		private final List<int[]> intervals = new ArrayList<>();

		public Builder add(int first, int last) {
			int low = Math.max(0, Math.min(first, last));
			int high = Math.min(65535, Math.max(first, last));
			if (low <= high) {
				intervals.add(new int[] { low, high });
			}
			return this;
		}

		public Builder add(PortSet set) {
			for (int i = 0; i < set.firsts.length; i++) {
				add(set.firsts[i], set.lasts[i]);
			}
			return this;
		}

		public boolean isEmpty() {
			return intervals.isEmpty();
		}

		public PortSet build() {
			intervals.sort((a, b) -> Integer.compare(a[0], b[0]));
			int[] f = new int[intervals.size()];
			int[] l = new int[intervals.size()];
			int n = 0;
			for (int[] interval : intervals) {
				if (n > 0 && interval[0] <= l[n - 1] + 1) {
					l[n - 1] = Math.max(l[n - 1], interval[1]);
				} else {
					f[n] = interval[0];
					l[n] = interval[1];
					n++;
				}
			}
			return new PortSet(Arrays.copyOf(f, n), Arrays.copyOf(l, n));
		}
	}

	public static Builder builder() {
		return new Builder();
	}

	public static PortSet of(int first, int last) {
		return builder().add(first, last).build();
	}

	public boolean contains(int port) {
		int i = Arrays.binarySearch(firsts, port);
		if (i >= 0) {
			return true;
		}
		int before = -i - 2;
		return before >= 0 && port <= lasts[before];
	}

	public PortSet complement() {
		Builder b = builder();
		int next = 0;
		for (int i = 0; i < firsts.length; i++) {
			if (firsts[i] > next) {
				b.add(next, firsts[i] - 1);
			}
			next = lasts[i] + 1;
		}
		if (next <= 65535) {
			b.add(next, 65535);
		}
		return b.build();
	}

	public boolean isEmpty() {
		return firsts.length == 0;
	}

	/** @return how many intervals the set holds */
	public int intervals() {
		return firsts.length;
	}

	/** @return the first port of interval {@code i} */
	public int first(int i) {
		return firsts[i];
	}

	/** @return the last port of interval {@code i} */
	public int last(int i) {
		return lasts[i];
	}

	/** @return the ports in both sets */
	public PortSet intersect(PortSet other) {
		if (this == ALL) {
			return other;
		}
		if (other == ALL) {
			return this;
		}
		return builder().add(complement()).add(other.complement()).build().complement();
	}

	/** Reports each interval's first port and the port after its last. */
	public void boundaries(IntConsumer boundary) {
		for (int i = 0; i < firsts.length; i++) {
			boundary.accept(firsts[i]);
			if (lasts[i] < 65535) {
				boundary.accept(lasts[i] + 1);
			}
		}
	}

	@Override
	public String toString() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < firsts.length; i++) {
			if (i > 0) {
				s.append(',');
			}
			s.append(firsts[i]);
			if (lasts[i] != firsts[i]) {
				s.append('-').append(lasts[i]);
			}
		}
		return s.length() == 0 ? "none" : s.toString();
	}
}
