package org.mediapath.ui.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Small real request, response and session implementations for driving the servlet without a
 * container: the methods the plugin uses are implemented, every other one returns a neutral value.
 */
final class FakeHttp {

	private FakeHttp() {
	}

	static final class Session {
		final Map<String, Object> attributes = new HashMap<>();
		final HttpSession proxy = (HttpSession) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
				new Class<?>[] { HttpSession.class }, (p, m, args) -> switch (m.getName()) {
				case "getAttribute" -> attributes.get(args[0]);
				case "setAttribute" -> attributes.put((String) args[0], args[1]) == null ? null : null;
				case "removeAttribute" -> attributes.remove(args[0]) == null ? null : null;
				case "getId" -> "session-1";
				case "hashCode" -> System.identityHashCode(p);
				case "equals" -> p == args[0];
				default -> neutral(m.getReturnType());
				});
	}

	static final class Request {
		String method = "GET";
		String pathInfo = "/mediapath";
		final Map<String, String> parameters = new LinkedHashMap<>();
		final Map<String, String> headers = new HashMap<>();
		final Map<String, Object> attributes = new HashMap<>();
		Session session;

		Request(String method, String pathInfo) {
			this.method = method;
			this.pathInfo = pathInfo;
			attributes.put(MediapathPlugin.ATTR_PLUGIN_ROOT, "/system/console/mediapath");
		}

		Request param(String name, String value) {
			parameters.put(name, value);
			return this;
		}

		Request header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		Request session(Session s) {
			this.session = s;
			return this;
		}

		HttpServletRequest build() {
			return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
					new Class<?>[] { HttpServletRequest.class }, (p, m, args) -> switch (m.getName()) {
					case "getMethod" -> method;
					case "getPathInfo" -> pathInfo;
					case "getRequestURI" -> "/system/console" + pathInfo;
					case "getContextPath" -> "";
					case "getServletPath" -> "/system/console";
					case "getProtocol" -> "HTTP/1.1";
					case "getParameter" -> parameters.get(args[0]);
					case "getHeader" -> headers.get(args[0]);
					case "getHeaders" -> Collections.enumeration(
							headers.containsKey(args[0]) ? java.util.List.of(headers.get(args[0])) : java.util.List.of());
					case "getDateHeader" -> -1L;
					case "getAttribute" -> attributes.get(args[0]);
					case "getLocale" -> Locale.ENGLISH;
					case "getSession" -> {
						boolean create = args == null || (Boolean) args[0];
						if (session == null && create) {
							session = new Session();
						}
						yield session == null ? null : session.proxy;
					}
					case "hashCode" -> System.identityHashCode(p);
					case "equals" -> p == args[0];
					default -> neutral(m.getReturnType());
					});
		}
	}

	static final class Response {
		int status = 200;
		String contentType;
		final Map<String, String> headers = new HashMap<>();
		final StringWriter body = new StringWriter();
		final PrintWriter writer = new PrintWriter(body);

		HttpServletResponse build() {
			return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
					new Class<?>[] { HttpServletResponse.class }, (p, m, args) -> {
						switch (m.getName()) {
						case "setStatus" -> status = (Integer) args[0];
						case "sendError" -> status = (Integer) args[0];
						case "sendRedirect" -> {
							status = 302;
							headers.put("Location", (String) args[0]);
						}
						case "setContentType" -> contentType = (String) args[0];
						case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
						case "getWriter" -> {
							return writer;
						}
						case "getStatus" -> {
							return status;
						}
						case "hashCode" -> {
							return System.identityHashCode(p);
						}
						case "equals" -> {
							return p == args[0];
						}
						default -> {
							return neutral(m.getReturnType());
						}
						}
						return null;
					});
		}

		String body() {
			writer.flush();
			return body.toString();
		}
	}

	static Object neutral(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class) {
			return 0;
		}
		if (type == long.class) {
			return 0L;
		}
		return null;
	}
}
