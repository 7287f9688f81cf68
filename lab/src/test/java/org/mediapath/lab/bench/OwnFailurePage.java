package org.mediapath.lab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Not a test: the browser's own ICE failure time, for the benchmark's comparison. Serves (on loopback, in the
 * benchmark's namespace) a page that connects two RTCPeerConnections of the same browser to each other over the
 * namespace's address, whose UDP the benchmark drops: every connectivity check goes unanswered, as on a blocked
 * media path, and the page reports when the browser itself gives up (connectionState "failed"), measured from
 * setRemoteDescription, as one line {@code result ...} on stdout. {@code /?mode=complete} (the default) exchanges
 * the descriptions after gathering, every candidate in the SDP (as a softphone and its PBX do over SIP);
 * {@code /?mode=trickle} passes candidates one by one and never signals their end. Prints {@code ready} once listening.
 *
 * <pre>ip netns exec NS java -cp target/test-classes org.mediapath.lab.bench.OwnFailurePage PORT</pre>
 */
public final class OwnFailurePage {

	static final String READY = "ready";

	private static final String PAGE = """
			<!doctype html><html><head><meta charset="utf-8"><title>own failure</title></head>
			<body><script src="/page.js"></script></body></html>
			""";

	private static final String SCRIPT = """
			(async () => {
			  const report = (m) => fetch('/r?' + encodeURIComponent(m));
			  // "complete" (the default): descriptions exchanged after gathering, every candidate in the SDP, as a softphone
			  // and its PBX exchange them over SIP; "trickle": candidates one by one, end-of-candidates never signalled
			  const mode = new URLSearchParams(location.search).get('mode') || 'complete';
			  const gathered = (pc) => new Promise(r => {
			    if (pc.iceGatheringState === 'complete') { r(); return; }
			    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
			  });
			  try {
			    const a = new RTCPeerConnection(), b = new RTCPeerConnection();
			    if (mode === 'trickle') {
			      a.onicecandidate = e => { if (e.candidate && e.candidate.candidate) b.addIceCandidate(e.candidate); };
			      b.onicecandidate = e => { if (e.candidate && e.candidate.candidate) a.addIceCandidate(e.candidate); };
			    }
			    a.createDataChannel('probe');
			    await a.setLocalDescription(await a.createOffer());
			    if (mode !== 'trickle') await gathered(a);
			    await b.setRemoteDescription(a.localDescription);
			    await b.setLocalDescription(await b.createAnswer());
			    if (mode !== 'trickle') await gathered(b);
			    const t0 = performance.now();
			    await a.setRemoteDescription(b.localDescription);
			    const states = [];
			    const state = await new Promise(resolve => {
			      const limit = setTimeout(() => resolve('still-' + a.connectionState + '-after-60s'), 60000);
			      a.onconnectionstatechange = () => {
			        states.push(a.connectionState + '@' + Math.round(performance.now() - t0));
			        if (a.connectionState === 'failed' || a.connectionState === 'connected') { clearTimeout(limit); resolve(a.connectionState); }
			      };
			    });
			    report('state=' + state + ' millis=' + Math.round(performance.now() - t0) + ' states=' + mode + ':' + states.join(',')
			        + ' ua=' + navigator.userAgent);
			  } catch (e) {
			    report('error ' + e);
			  }
			})();
			""";


	private OwnFailurePage() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
		server.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			switch (path) {
			case "/" -> send(exchange, "text/html", PAGE);
			case "/page.js" -> send(exchange, "text/javascript", SCRIPT);
			case "/r" -> {
				String query = exchange.getRequestURI().getRawQuery();
				System.out.println("result " + URLDecoder.decode(query == null ? "" : query, StandardCharsets.UTF_8));
				System.out.flush();
				send(exchange, "text/plain", "ok");
			}
			default -> {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
			}
			}
		});
		server.start();
		System.out.println(READY);
		System.out.flush();
	}

	private static void send(HttpExchange exchange, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
