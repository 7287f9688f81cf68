package org.mediapath.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.console.MediapathJar.Result;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reports outlive the framework that made them: two diagnoses in two JVMs (two OSGi frameworks
 * started and stopped), then {@code history} and {@code report} in further ones read them back
 * from the same report directory. All against a closed loopback port (nothing leaves the machine).
 */
class ReportHistoryIT {

	@TempDir
	Path home;

	@Test
	void reportsOfEarlierRunsAreListedAndPrintedByLaterOnes() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		String first = diagnose(closed);
		String second = diagnose(closed);

		Result history = MediapathJar.run(home, "history", "--target", "127.0.0.1", "--json");
		assertEquals(0, history.exitCode(), history.toString());
		JsonArray reports = JsonParser.parseString(history.out()).getAsJsonObject().getAsJsonArray("reports");
		List<String> ids = reports.asList().stream().map(r -> r.getAsJsonObject().get("reportId").getAsString()).toList();
		assertEquals(List.of(second, first), ids, "newest first: " + history);
		assertEquals("SIGNALLING_BLOCKED", reports.get(0).getAsJsonObject().getAsJsonArray("causes").get(0).getAsString());

		Result report = MediapathJar.run(home, "report", first, "--json");
		assertEquals(1, report.exitCode(), "a stored report with a cause exits 1: " + report);
		JsonObject document = JsonParser.parseString(report.out()).getAsJsonObject();
		assertEquals(first, document.get("reportId").getAsString());
		assertEquals("FAILED", document.get("verdict").getAsString());

		Result unknown = MediapathJar.run(home, "report", "no-such-report");
		assertEquals(2, unknown.exitCode(), unknown.toString());
		assertTrue(unknown.err().contains("no stored report has the id 'no-such-report'"), unknown.toString());
	}

	private String diagnose(int closedPort) throws Exception {
		Result result = MediapathJar.run(home, "diagnose", "--server", "127.0.0.1", "--signalling-port",
				Integer.toString(closedPort), "--server-ports", "30000-30010", "--client-ports", "49152-49162", "--json");
		assertEquals(1, result.exitCode(), result.toString());
		String id = JsonParser.parseString(result.out()).getAsJsonObject().get("reportId").getAsString();
		assertTrue(Files.isRegularFile(home.resolve(".mediapath/reports").resolve(id + ".json")), "stored: " + id);
		return id;
	}
}
