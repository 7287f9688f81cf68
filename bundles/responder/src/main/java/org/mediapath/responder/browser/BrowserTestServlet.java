package org.mediapath.responder.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediapath.api.browser.PortState;
import org.mediapath.responder.browser.PageJson.OfferRequest;
import org.mediapath.responder.browser.PageJson.ReportRequest;
import org.mediapath.responder.browser.PageJson.StartRequest;
import org.mediapath.responder.browser.PageLimits.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.stream.JsonWriter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The user's page and its HTTP API on the responder's web port, under {@code /browser-test/}
 * (docs/browser-test.md is the contract). Everything here is reachable by anyone who reaches the
 * PBX, so: the security headers on every response, bodies capped while they are read, request
 * rates per source address, strict JSON, refusals in plain words that never repeat the request,
 * and no stack trace to the user. The judgement, tokens and ICE agents are {@link BrowserTests}'.
 */
final class BrowserTestServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;
	private static final Logger LOG = LoggerFactory.getLogger(BrowserTestServlet.class);

	/** The strict policy: only this origin's own script and style, no inline anything, no framing. */
	static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
			+ "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	/** The largest start body: {@code {"token": T}}. */
	static final int MAX_START_BODY = 1024;
	/** The largest offer body: the key, the port and an SDP offer. */
	static final int MAX_OFFER_BODY = 16 * 1024;
	/** The largest report body: a pair entry per port. */
	static final int MAX_REPORT_BODY = 32 * 1024;
	/** The longest User-Agent kept with a run (shown to the administrator). */
	static final int MAX_USER_AGENT = 300;

	private static final Pattern RUN_PATH = Pattern.compile("/api/runs/([^/]+)/(offer|report)");
	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
	private static final String INTERNAL = "INTERNAL";

	private final transient BrowserTests tests;
	private final transient PageLimits limits;
	private final transient Map<String, Resource> resources;

	/** A file of the page, read once: its bytes and content type. */
	record Resource(byte[] bytes, String contentType) {
	}

	BrowserTestServlet(BrowserTests tests) {
		this(tests, PageLimits.defaults());
	}

	BrowserTestServlet(BrowserTests tests, PageLimits limits) {
		this.tests = tests;
		this.limits = limits;
		this.resources = Map.of( //
				"page.html", resource("page.html", "text/html;charset=utf-8"),
				"unknown.html", resource("unknown.html", "text/html;charset=utf-8"),
				"expired.html", resource("expired.html", "text/html;charset=utf-8"),
				"used.html", resource("used.html", "text/html;charset=utf-8"),
				"busy.html", resource("busy.html", "text/html;charset=utf-8"),
				"error.html", resource("error.html", "text/html;charset=utf-8"),
				"page.js", resource("page.js", "text/javascript;charset=utf-8"),
				"page.css", resource("page.css", "text/css;charset=utf-8"));
	}

	@Override
	protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		securityHeaders(resp);
		String path = req.getPathInfo() == null ? "" : req.getPathInfo();
		String method = req.getMethod();
		boolean read = "GET".equals(method) || "HEAD".equals(method);
		try {
			if (path.startsWith("/t/")) {
				if (!read) {
					throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 405, "The link is opened, not posted to.");
				}
				linkPage(req, resp, path.substring(3));
			} else if (path.startsWith("/static/")) {
				if (!read) {
					throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 405, "Static files are only read.");
				}
				staticFile(req, resp, path.substring(8));
			} else if (path.startsWith("/api/")) {
				if (!"POST".equals(method)) {
					resp.setHeader("Allow", "POST");
					throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 405, "The test's API takes POST only.");
				}
				api(req, resp, path);
			} else {
				throw new BrowserTestException("NOT_FOUND", 404, "There is nothing here. Open the link your administrator sent.");
			}
		} catch (BrowserTestException e) {
			if (e.httpStatus() == 429) {
				resp.setHeader("Retry-After", "2");
			}
			if (!read) {
				// a refused request's body may be left unread (too large, or refused before reading): the server may
				// then close the connection after the answer, so the client must not send another request on it
				resp.setHeader("Connection", "close");
			}
			error(resp, e.httpStatus(), e.code(), e.getMessage());
		} catch (IOException | UncheckedIOException e) {
			// mostly the page went away mid-request; nothing to answer to
			LOG.debug("browser test: {} {} not completed: {}", method, path, e.toString());
		} catch (RuntimeException e) {
			LOG.warn("browser test: {} {} failed", method, path, e);
			error(resp, 500, INTERNAL,
					"The test failed on the PBX's side. Your administrator can find why in the responder's log.");
		}
	}

	// ---- the page -----------------------------------------------------------------------------

	private void linkPage(HttpServletRequest req, HttpServletResponse resp, String token) throws IOException {
		if (!limits.allow(Kind.PAGE, req.getRemoteAddr())) {
			resp.setHeader("Retry-After", "2");
			send(resp, 429, resources.get("busy.html"), req);
			return;
		}
		if (!PageJson.isId(token)) {
			send(resp, 404, resources.get("unknown.html"), req);
			return;
		}
		Admission admission;
		try {
			admission = tests.admission(token);
		} catch (RuntimeException e) {
			LOG.warn("browser test: the admission of a link failed", e);
			send(resp, 500, resources.get("error.html"), req);
			return;
		}
		switch (admission) {
		case VALID -> send(resp, 200, resources.get("page.html"), req);
		case UNKNOWN -> send(resp, 404, resources.get("unknown.html"), req);
		case EXPIRED -> send(resp, 410, resources.get("expired.html"), req);
		case USED_UP -> send(resp, 410, resources.get("used.html"), req);
		}
	}

	private void staticFile(HttpServletRequest req, HttpServletResponse resp, String name)
			throws IOException, BrowserTestException {
		if (!limits.allow(Kind.PAGE, req.getRemoteAddr())) {
			throw new BrowserTestException(BrowserTestException.BUSY, 429, busyWords());
		}
		if (!"page.js".equals(name) && !"page.css".equals(name)) {
			throw new BrowserTestException("NOT_FOUND", 404, "There is no such file.");
		}
		send(resp, 200, resources.get(name), req);
	}

	// ---- the API ------------------------------------------------------------------------------

	private void api(HttpServletRequest req, HttpServletResponse resp, String path)
			throws IOException, BrowserTestException {
		if ("/api/runs".equals(path)) {
			limit(Kind.START, req);
			StartRequest start = PageJson.start(body(req, MAX_START_BODY));
			RunStart run = tests.start(start.token(), remoteAddress(req.getRemoteAddr()),
					userAgent(req.getHeader("User-Agent")));
			json(resp, 201, w -> {
				w.name("run").value(run.runId());
				w.name("key").value(run.runKey());
				w.name("mediaAddress").value(run.mediaAddress());
				w.name("ports").beginArray();
				for (int port : run.ports()) {
					w.value(port);
				}
				w.endArray();
				w.name("reportEveryMillis").value(run.reportEvery().toMillis());
				w.name("deadlineMillis").value(run.deadline().toMillis());
			});
			return;
		}
		Matcher m = RUN_PATH.matcher(path);
		if (!m.matches()) {
			throw new BrowserTestException("NOT_FOUND", 404, "The test's API has no such request.");
		}
		String runId = m.group(1);
		boolean offer = "offer".equals(m.group(2));
		limit(offer ? Kind.OFFER : Kind.REPORT, req);
		if (!PageJson.isId(runId)) {
			throw new BrowserTestException(BrowserTestException.RUN_UNKNOWN, 404, "This test run is not known here.");
		}
		if (offer) {
			OfferRequest o = PageJson.offer(body(req, MAX_OFFER_BODY));
			String answer = tests.answer(runId, o.key(), o.port(), o.sdp());
			json(resp, 200, w -> w.name("sdp").value(answer));
		} else {
			ReportRequest r = PageJson.report(body(req, MAX_REPORT_BODY));
			RunProgress progress = tests.report(runId, r.key(), r.report());
			json(resp, 200, w -> {
				w.name("done").value(progress.done());
				w.name("summary").value(progress.summary());
				w.name("ports").beginObject();
				for (Map.Entry<Integer, PortState> e : new TreeMap<>(progress.ports()).entrySet()) {
					w.name(Integer.toString(e.getKey())).value(e.getValue().name());
				}
				w.endObject();
			});
		}
	}

	private void limit(Kind kind, HttpServletRequest req) throws BrowserTestException {
		if (!limits.allow(kind, req.getRemoteAddr())) {
			throw new BrowserTestException(BrowserTestException.BUSY, 429, busyWords());
		}
	}

	private static String busyWords() {
		return "Too many requests from your address. Wait a few seconds and try again.";
	}

	/**
	 * The body as text: JSON only, at most {@code max} bytes, refused as soon as it is longer
	 * (413, before reading on when the declared length says so), strict UTF-8.
	 */
	static String body(HttpServletRequest req, int max) throws IOException, BrowserTestException {
		String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT).strip();
		// A cross-site form can only send form or text types; asking for JSON keeps other pages out.
		if (!(type.equals("application/json") || type.startsWith("application/json;"))) {
			throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 415,
					"The request must be JSON (Content-Type: application/json).");
		}
		long declared = req.getContentLengthLong();
		if (declared > max) {
			throw tooLarge(max);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(declared > 0 ? (int) declared : 512);
		byte[] chunk = new byte[4096];
		try (InputStream in = req.getInputStream()) {
			for (int n; (n = in.read(chunk, 0, Math.min(chunk.length, max + 1 - bytes.size()))) > 0;) {
				bytes.write(chunk, 0, n);
				if (bytes.size() > max) {
					throw tooLarge(max);
				}
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
					.toString();
		} catch (CharacterCodingException e) {
			throw new BrowserTestException(BrowserTestException.BAD_REQUEST, 400, "The request is not UTF-8 text.");
		}
	}

	private static BrowserTestException tooLarge(int max) {
		return new BrowserTestException(BrowserTestException.BAD_REQUEST, 413,
				"The request is larger than " + max + " bytes.");
	}

	/** The User-Agent as kept with the run: printable ASCII, cut to {@link #MAX_USER_AGENT}. */
	static String userAgent(String header) {
		if (header == null) {
			return "";
		}
		StringBuilder kept = new StringBuilder(Math.min(header.length(), MAX_USER_AGENT));
		for (int i = 0; i < header.length() && kept.length() < MAX_USER_AGENT; i++) {
			char c = header.charAt(i);
			kept.append(c >= 0x20 && c < 0x7f ? c : '?');
		}
		return kept.toString();
	}

	/**
	 * The page's address. The container gives a literal; it is parsed as one (an IPv6 literal has a
	 * colon, an IPv4 one only digits and dots), so no name is ever looked up.
	 */
	static InetAddress remoteAddress(String address) {
		String literal = address == null ? "" : address.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		if (literal.isEmpty() || !(literal.indexOf(':') >= 0 || IPV4.matcher(literal).matches())) {
			throw new IllegalStateException("the container gave no address literal for the page");
		}
		try {
			return InetAddress.getByName(literal);
		} catch (java.net.UnknownHostException e) {
			throw new IllegalStateException("the container gave no address literal for the page", e);
		}
	}

	// ---- answers ------------------------------------------------------------------------------

	static void securityHeaders(HttpServletResponse resp) {
		resp.setHeader("Content-Security-Policy", CSP);
		resp.setHeader("X-Content-Type-Options", "nosniff");
		resp.setHeader("Referrer-Policy", "no-referrer");
		resp.setHeader("Cache-Control", "no-store");
		resp.setHeader("X-Frame-Options", "DENY");
		resp.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		resp.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		// the test needs no camera, microphone or location: say so to the browser too
		resp.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	}

	private static void send(HttpServletResponse resp, int status, Resource resource, HttpServletRequest req)
			throws IOException {
		resp.setStatus(status);
		resp.setContentType(resource.contentType());
		resp.setContentLength(resource.bytes().length);
		if (!"HEAD".equals(req.getMethod())) {
			resp.getOutputStream().write(resource.bytes());
		}
	}

	@FunctionalInterface
	private interface Fields {
		void write(JsonWriter w) throws IOException;
	}

	private static void json(HttpServletResponse resp, int status, Fields fields) throws IOException {
		StringWriter text = new StringWriter();
		try (JsonWriter w = new JsonWriter(text)) {
			// <, >, &, = and ' as \\u escapes: the JSON stays inert even if something treats it as HTML
			w.setHtmlSafe(true);
			w.beginObject();
			fields.write(w);
			w.endObject();
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		resp.setStatus(status);
		resp.setContentType("application/json;charset=utf-8");
		resp.setContentLength(bytes.length);
		resp.getOutputStream().write(bytes);
	}

	private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
		if (resp.isCommitted()) {
			return;
		}
		resp.resetBuffer();
		json(resp, status, w -> {
			w.name("error").value(code);
			w.name("message").value(message);
		});
	}

	private static Resource resource(String name, String contentType) {
		try (InputStream in = BrowserTestServlet.class.getResourceAsStream("/browser-test/" + name)) {
			if (in == null) {
				throw new IllegalStateException("the bundle lacks /browser-test/" + name);
			}
			return new Resource(in.readAllBytes(), contentType);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
