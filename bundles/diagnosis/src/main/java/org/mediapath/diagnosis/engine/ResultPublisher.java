package org.mediapath.diagnosis.engine;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.ResultProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the latest result of each (check, target) as a {@link CheckResult} service with the
 * {@link ResultProperties}, replacing the previous one, so a consumer selects with a filter such as
 * {@code (&(mediapath.check.id=signalling)(mediapath.status=FAIL))}. Everything is unregistered on
 * {@link #close()}.
 */
final class ResultPublisher implements AutoCloseable {

	private final BundleContext context;
	private final Map<String, ServiceRegistration<CheckResult>> published = new HashMap<>();
	private boolean open = true;

	ResultPublisher(BundleContext context) {
		this.context = context;
	}

	synchronized void publish(String target, CheckResult result) {
		if (!open) {
			return;
		}
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put(ResultProperties.CHECK_ID, result.checkId());
		properties.put(ResultProperties.TARGET, target);
		properties.put(ResultProperties.STATUS, result.status().name());
		properties.put(ResultProperties.TIMESTAMP, System.currentTimeMillis());
		ServiceRegistration<CheckResult> previous = published.put(result.checkId() + "|" + target,
				context.registerService(CheckResult.class, result, properties));
		if (previous != null) {
			unregister(previous);
		}
	}

	@Override
	public synchronized void close() {
		open = false;
		published.values().forEach(ResultPublisher::unregister);
		published.clear();
	}

	private static void unregister(ServiceRegistration<?> registration) {
		try {
			registration.unregister();
		} catch (IllegalStateException alreadyGone) {
			// the bundle is stopping and the framework took it already
		}
	}
}
