package org.mediapath.responder.browser;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import jakarta.servlet.Servlet;

/**
 * Puts the user's page and its API on the runtime's HTTP service: a whiteboard servlet (OSGi
 * Whiteboard for Jakarta Servlet, as Felix HTTP on Jetty 12 provides it) for
 * {@code /browser-test/*} in the default context, so the page is at
 * {@code http(s)://HOST:PORT/browser-test/t/TOKEN}.
 */
public final class BrowserTestWeb {

	/** The whiteboard pattern of the page's servlet. */
	public static final String PATTERN = "/browser-test/*";
	/** The path a link's token is appended to. */
	public static final String LINK_PATH = "/browser-test/t/";

	private BrowserTestWeb() {
	}

	/**
	 * Registers the page's servlet.
	 *
	 * @param context the responder bundle's context
	 * @param tests what the servlet calls
	 * @return the registration: unregister it when the responder stops
	 */
	public static ServiceRegistration<Servlet> register(BundleContext context, BrowserTests tests) {
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("osgi.http.whiteboard.servlet.pattern", PATTERN);
		properties.put("osgi.http.whiteboard.servlet.name", "mediapath browser test");
		return context.registerService(Servlet.class, new BrowserTestServlet(tests), properties);
	}
}
