package org.mediapath.console.tests;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/** Waiting helpers shared by the in-framework tests. */
final class Frameworks {

	private Frameworks() {
	}

	/**
	 * The launcher climbs the start levels after handing over to the tester: wait until the
	 * framework has reached the level of every installed bundle.
	 */
	static void awaitStartLevels(BundleContext context, Duration timeout) throws InterruptedException {
		int highest = Arrays.stream(context.getBundles())
				.mapToInt(b -> b.adapt(BundleStartLevel.class).getStartLevel()).max().orElse(1);
		FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
				.adapt(FrameworkStartLevel.class);
		await(() -> framework.getStartLevel() >= highest, timeout);
	}

	static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	static boolean isFragment(Bundle bundle) {
		return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
	}

	static List<Bundle> bundles(BundleContext context) {
		return List.of(context.getBundles());
	}
}
