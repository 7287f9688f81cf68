package org.mediapath.diagnosis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.api.report.Verdict;
import org.mediapath.api.rule.CauseRule;
import org.mediapath.diagnosis.checks.RealChecks;
import org.mediapath.diagnosis.engine.CheckEntry;
import org.mediapath.diagnosis.engine.Engine;
import org.mediapath.diagnosis.engine.EngineSettings;
import org.mediapath.firewall.FirewallAnalyser;
import org.mediapath.firewall.LocalRuleset;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code diagnose --firewall-from}: a cause's remediation names the rule of that side's pasted firewall
 * (the real firewall analysis; the diagnosis runs on loopback against a closed signalling port).
 */
class FirewallRemediationTest {

	static final FirewallAnalyser FIREWALL = new FirewallAnalyser(new LocalRuleset(Duration.ofSeconds(5)));

	final ByteArrayOutputStream out = new ByteArrayOutputStream();
	final ByteArrayOutputStream err = new ByteArrayOutputStream();
	final List<Engine> engines = new ArrayList<>();

	@TempDir
	Path tmp;

	@AfterEach
	void close() {
		engines.forEach(Engine::close);
	}

	int run(String... args) {
		List<CheckEntry> entries = RealChecks.entries(DiagnoseCommandTest.PROBES, false);
		Engine engine = new Engine(new EngineSettings(Duration.ofSeconds(15), Duration.ofSeconds(45), 4, false), new Engine.Hooks() {
			@Override
			public List<CheckEntry> checks() {
				return entries;
			}

			@Override
			public List<CauseRule> rules() {
				return List.of();
			}
		}, Clock.systemUTC());
		engines.add(engine);
		return DiagnoseCommand.run(engine::start, FIREWALL, List.of(args), new CommandIO(new ByteArrayInputStream(new byte[0]),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
	}

	@Test
	void theServerCausesRemediationNamesThePastedRule() throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = s.getLocalPort();
		}
		Path rules = tmp.resolve("server-nft.txt");
		Files.writeString(rules, """
				table inet filter {
					chain input {
						type filter hook input priority filter; policy accept;
						tcp dport %d drop
					}
				}
				""".formatted(port));
		int code = run("--server", "127.0.0.1", "--signalling-port", Integer.toString(port), "--firewall-from",
				"server=" + rules, "--json");
		assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
		JsonObject cause = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
				.getAsJsonArray("causes").get(0).getAsJsonObject();
		assertEquals(CauseIds.SIGNALLING_BLOCKED, cause.get("id").getAsString());
		String remediation = cause.toString();
		assertTrue(remediation.contains("table inet filter, chain input, rule 1: tcp dport " + port + " drop"), remediation);
		assertTrue(remediation.contains("the pasted firewall"), remediation);
	}

	@Test
	void aClientCauseNamesTheWindowsRuleOfAPastedNetshFile() throws Exception {
		Path netsh = tmp.resolve("client-netsh.txt");
		Files.writeString(netsh, """
				Rule Name:                            softphone.exe
				----------------------------------------------------------------------
				Enabled:                              Yes
				Direction:                            In
				Profiles:                             Domain,Private,Public
				Grouping:
				LocalIP:                              Any
				RemoteIP:                             Any
				Protocol:                             UDP
				LocalPort:                            Any
				RemotePort:                           Any
				Edge traversal:                       No
				Program:                              C:\\Program Files\\XPhone\\softphone.exe
				InterfaceTypes:                       Any
				Security:                             NotRequired
				Rule source:                          Local Setting
				Action:                               Block
				Ok.
				""");
		DiagnosisRequest request = new DiagnosisRequest("198.18.5.10", 2230, new PortRange(30000, 33000),
				new PortRange(49152, 65535), Optional.empty(), Optional.empty(), Optional.empty(), false);
		Cause cause = new Cause(CauseIds.CLIENT_UDP_BLOCKED, 0.9, List.of(new Evidence("client-udp", "no check arrived")),
				new Remediation(Side.CLIENT, "Allow inbound UDP 49152-65535 from 198.18.5.10."));
		DiagnosticReport report = new DiagnosticReport("r1", request, Instant.now(), Duration.ofSeconds(1), Verdict.FAILED,
				List.of(cause), List.of());
		DiagnosticReport annotated = FirewallRemediation.annotate(report,
				FirewallRemediation.pastes(List.of(netsh.toString()), FIREWALL), FIREWALL);
		String action = annotated.causes().get(0).remediation().action();
		assertTrue(action.startsWith("Allow inbound UDP 49152-65535 from 198.18.5.10. In the pasted firewall"), action);
		assertTrue(action.contains("49152-65535: Windows Defender Firewall rule 'softphone.exe'"), action);
		assertTrue(action.contains("an allow rule cannot override a block"), action);
		assertEquals(Side.CLIENT, annotated.causes().get(0).remediation().side());
		DiagnosticReport serverOnly = FirewallRemediation.annotate(report,
				FirewallRemediation.pastes(List.of("server=" + netsh), FIREWALL), FIREWALL);
		assertTrue(serverOnly == report || !serverOnly.causes().get(0).remediation().action().contains("pasted"),
				"a paste of the other side is not used");
		assertSame(report.request(), annotated.request());
	}

	@Test
	void aFirewallFileThatCannotBeReadIsBadUsage() {
		assertEquals(2, run("--server", "127.0.0.1", "--firewall-from", tmp.resolve("missing.txt").toString()));
		assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("diagnose: --firewall-from: "), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void withoutTheFirewallBundleTheOptionIsRefused() {
		int code = DiagnoseCommand.run((request, listener) -> {
			throw new AssertionError("no diagnosis may start");
		}, (org.mediapath.api.firewall.FirewallAnalysisService) null, List.of("--server", "127.0.0.1", "--firewall-from", "x.txt"), new CommandIO(new ByteArrayInputStream(new byte[0]),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
		assertEquals(2, code);
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("the firewall bundle is not installed"));
	}
}
