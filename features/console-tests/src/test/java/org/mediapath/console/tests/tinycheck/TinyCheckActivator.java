package org.mediapath.console.tests.tinycheck;

import java.util.Dictionary;
import java.util.Hashtable;

import org.mediapath.api.check.DiagnosticCheck;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers a {@link TinyCheck} configured from its bundle's manifest ({@code X-Check-Id},
 * {@code X-Check-Delay-Millis}); the framework would unregister it on stop anyway, this does it
 * explicitly like a well-behaved partner bundle.
 */
public final class TinyCheckActivator implements BundleActivator {

	private ServiceRegistration<DiagnosticCheck> registration;

	@Override
	public void start(BundleContext context) {
		String id = context.getBundle().getHeaders().get("X-Check-Id");
		String delay = context.getBundle().getHeaders().get("X-Check-Delay-Millis");
		String version = context.getBundle().getVersion().toString();
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put(DiagnosticCheck.CHECK_ID, id);
		properties.put(DiagnosticCheck.CHECK_TITLE, "Tiny check");
		properties.put(DiagnosticCheck.CHECK_TIMEOUT_MILLIS, Long.valueOf(20_000L));
		properties.put("tiny.version", version);
		registration = context.registerService(DiagnosticCheck.class,
				new TinyCheck(id, version, delay == null ? 0 : Long.parseLong(delay.trim())), properties);
	}

	@Override
	public void stop(BundleContext context) {
		if (registration != null) {
			registration.unregister();
			registration = null;
		}
	}
}
