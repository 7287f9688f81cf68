package org.mediapath.diagnosis.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mediapath.diagnosis.Fixtures.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.CauseIds;
import org.mediapath.api.report.CheckStatus;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Remediation;
import org.mediapath.api.report.Side;
import org.mediapath.diagnosis.Fixtures;
import org.mediapath.diagnosis.spi.BuiltInChecks;
import org.mediapath.api.rule.CauseRule;

/** The cause rules against the scenarios of the reference article and DESIGN.md. */
class CauseRulesTest {

	private final List<String> ruleFailures = new ArrayList<>();

	private List<Cause> causes(Fixtures f) {
		return CauseRanking.evaluate(BuiltInRules.all(), f.findings(), ruleFailures::add);
	}

	private static List<String> ids(List<Cause> causes) {
		return causes.stream().map(Cause::id).toList();
	}

	private static String evidenceText(Cause c) {
		return String.join("\n", c.evidence().stream().map(Evidence::statement).toList());
	}

	private static Fixtures working() {
		return scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")
				.clientUdp(CheckStatus.PASS, "49152-65535:PASS").ice(CheckStatus.PASS)
				.route(false, "eth0", CheckStatus.PASS);
	}

	@Test
	void aWorkingPathHasNoCause() {
		assertEquals(List.of(), causes(working()));
		assertEquals(List.of(), ruleFailures);
	}

	@Test
	void nothingRanIsNoCause() {
		assertEquals(List.of(), causes(scenario().skipped(BuiltInChecks.SIGNALLING, "no probe service")
				.skipped(BuiltInChecks.ROUTE, "no route service")));
	}

	@Test
	void signallingBlockedIsTheCauseAndMediaIsNotGuessed() {
		List<Cause> causes = causes(scenario().withResponder().signalling("FILTERED")
				.skipped(BuiltInChecks.SERVER_UDP, "skipped: TCP signalling failed")
				.skipped(BuiltInChecks.ICE, "skipped: TCP signalling failed").route(false, "eth0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.SIGNALLING_BLOCKED), ids(causes));
		Cause c = causes.get(0);
		assertEquals(Side.SERVER, c.remediation().side());
		assertTrue(c.remediation().action().contains("Allow inbound TCP 2230 to 198.18.2.10"), c.remediation().action());
		assertTrue(evidenceText(c).contains("TCP 2230 on 198.18.2.10"), evidenceText(c));
	}

	@Test
	void signallingOutcomesGetTheirOwnRemedies() {
		Cause refused = causes(scenario().signalling("REFUSED")).get(0);
		assertEquals(Side.SERVER, refused.remediation().side());
		assertTrue(refused.remediation().action().contains("nothing listens on TCP 2230"), refused.remediation().action());
		Cause unresolved = causes(scenario().signalling("NAME_NOT_RESOLVED")).get(0);
		assertEquals(Side.NETWORK, unresolved.remediation().side());
		assertTrue(unresolved.remediation().action().contains("does not resolve"));
		Cause unreachable = causes(scenario().signalling("UNREACHABLE")).get(0);
		assertEquals(Side.NETWORK, unreachable.remediation().side());
		assertTrue(unreachable.remediation().action().contains("no route"));
	}

	@Test
	void serverFirewallDroppingTheMediaRange() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT").clientUdp(CheckStatus.FAIL, "49152-65535:SILENT")
				.ice(CheckStatus.FAIL).route(false, "eth0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.SERVER_UDP_BLOCKED), ids(causes), "server-to-client silence is the server firewall's doing too");
		Cause c = causes.get(0);
		assertEquals(new Remediation(Side.SERVER,
				"Allow inbound UDP 30000-33000 to 198.18.2.10 on the firewall in front of the server; TCP 2230 already passes"),
				c.remediation());
		assertEquals(0.9, c.confidence());
		assertTrue(evidenceText(c).contains("TCP 2230 to 198.18.2.10 connects"), evidenceText(c));
	}

	@Test
	void rejectedPacketsAreServerUdpBlockedWithEvidenceSayingRejected() {
		List<Cause> causes = causes(scenario().signalling("OPEN").serverUdp(false, CheckStatus.FAIL, "30000-33000:REJECTED"));
		assertEquals(List.of(CauseIds.SERVER_UDP_BLOCKED), ids(causes));
		String evidence = evidenceText(causes.get(0));
		assertTrue(evidence.contains("30000-33000 rejected"), evidence);
		assertTrue(evidence.contains("administratively prohibited"), evidence);
	}

	@Test
	void cooperativeRejectIsTheMostConfident() {
		Cause c = causes(scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.FAIL, "30000-33000:REJECTED")).get(0);
		assertEquals(0.95, c.confidence());
	}

	@Test
	void partialRangeNamesWhatPassesAndWhatDoesNot() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-30999:PASS", "31000-31999:SILENT", "32000-32499:PASS", "32500-33000:SILENT")
				.clientUdp(CheckStatus.PASS, "49152-65535:PASS"));
		assertEquals(List.of(CauseIds.PARTIAL_RANGE_BLOCKED), ids(causes));
		Cause c = causes.get(0);
		assertEquals(Side.SERVER, c.remediation().side());
		assertEquals("Allow inbound UDP 31000-31999, 32500-33000 to 198.18.2.10 on the firewall in front of the server"
				+ ", or forward them on the NAT edge when the PBX sits behind one"
				+ " (the whole media range 30000-33000 must pass); UDP 30000-30999, 32000-32499 already passes; TCP 2230 already passes",
				c.remediation().action());
		assertTrue(evidenceText(c).contains("Passing: 30000-30999, 32000-32499; not passing: 31000-31999, 32500-33000"),
				evidenceText(c));
	}

	@Test
	void inUseAndClosedPortsAreNotBlocks() {
		assertEquals(List.of(), causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-30006:PASS", "30007:IN_USE", "30008-33000:CLOSED")));
	}

	@Test
	void udpSilentThroughAVpnIsTheVpnNotTheServerFirewall() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT").clientUdp(CheckStatus.FAIL, "49152-65535:SILENT")
				.ice(CheckStatus.FAIL).route(true, "wg0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.VPN_DROPS_UDP), ids(causes));
		Cause c = causes.get(0);
		assertEquals(Side.CLIENT, c.remediation().side());
		assertTrue(c.remediation().action().startsWith("Configure WireGuard (wg0) to carry UDP to 198.18.2.10 ports 30000-33000"),
				c.remediation().action());
		assertTrue(evidenceText(c).contains("leaves through WireGuard (wg0)"), evidenceText(c));
	}

	@Test
	void aFailedIceExchangeBesideTheClientFirewallIsNoUnroutedServerAddress() {
		// the client's inbound block also fails ICE; that is no sign of media addresses elsewhere
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS").clientUdp(CheckStatus.FAIL, "49152-65535:SILENT")
				.ice(CheckStatus.FAIL).route(false, "eth0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.CLIENT_UDP_BLOCKED), ids(causes));
	}

	@Test
	void clientToServerPassesButServerToClientSilentIsTheClientFirewall() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS").clientUdp(CheckStatus.FAIL, "49152-65535:SILENT")
				.route(false, "eth0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.CLIENT_UDP_BLOCKED), ids(causes));
		Cause c = causes.get(0);
		assertEquals(Side.CLIENT, c.remediation().side());
		assertTrue(c.remediation().action().startsWith("Allow inbound UDP 49152-65535 from 198.18.2.10 (UDP 30000-33000)"),
				c.remediation().action());
		assertTrue(c.remediation().action().contains("client to server already passes"));
	}

	@Test
	void partOfTheClientRangeBlockedNamesThePorts() {
		Cause c = causes(scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")
				.clientUdp(CheckStatus.FAIL, "49152-59999:PASS", "60000-65535:SILENT")).get(0);
		assertEquals(CauseIds.CLIENT_UDP_BLOCKED, c.id());
		assertTrue(c.remediation().action().startsWith("Allow inbound UDP 60000-65535 "), c.remediation().action());
		assertTrue(c.confidence() < 0.85);
	}

	@Test
	void iceFromAReachedPortDoesNotExcuseTheBlockedPartOfTheClientRange() {
		// a stateless client filter on 60000-65535: ICE connected from 50000, which the server's checks reach,
		// but a softphone that picks a port above 60000 stays silent
		Cause c = causes(scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")
				.clientUdp(CheckStatus.FAIL, "49152-59999:PASS", "60000-65535:SILENT").ice(CheckStatus.PASS)).get(0);
		assertEquals(CauseIds.CLIENT_UDP_BLOCKED, c.id());
		assertEquals(0.6, c.confidence());
		assertTrue(c.remediation().action().startsWith("Allow inbound UDP 60000-65535 "), c.remediation().action());
		assertTrue(evidenceText(c).contains("ICE connected from client port 50000, which the server's checks reach"),
				evidenceText(c));
	}

	@Test
	void iceFromABlockedPortIsAStatefulFirewallAndNoCause() {
		// unsolicited checks to 49152-50099 are dropped, yet ICE connected from 50000: the firewall lets the
		// answers in once the client's own checks went out, as calls need
		assertEquals(List.of(), causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS").clientUdp(CheckStatus.FAIL, "49152-50099:SILENT",
						"50100-65535:PASS")
				.ice(CheckStatus.PASS)));
		assertEquals(List.of(), causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.PASS, "30000-33000:PASS").clientUdp(CheckStatus.FAIL, "49152-65535:SILENT")
				.ice(CheckStatus.PASS)));
	}

	@Test
	void serverAddressWithoutRoute() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT").ice(CheckStatus.FAIL)
				.route(false, "eth0", CheckStatus.FAIL, CauseIds.SERVER_ADDRESS_UNROUTED + "|FAIL|no route to 10.9.9.9 (the server's media address)"));
		assertEquals(List.of(CauseIds.SERVER_ADDRESS_UNROUTED, CauseIds.SERVER_UDP_BLOCKED), ids(causes),
				"the unrouted address explains the silence, so it ranks first");
		Cause c = causes.get(0);
		assertEquals(Side.NETWORK, c.remediation().side());
		assertTrue(c.remediation().action().contains("no route to 10.9.9.9"), c.remediation().action());
		assertTrue(evidenceText(c).contains("198.18.2.10, 10.9.9.9"));
	}

	@Test
	void iceFailingWhileTheSweepPassesPointsAtTheCandidates() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")
				.ice(CheckStatus.FAIL));
		assertEquals(List.of(CauseIds.SERVER_ADDRESS_UNROUTED), ids(causes));
		assertTrue(causes.get(0).remediation().action().contains("10.9.9.9:30010/udp host"));
		assertTrue(causes.get(0).confidence() <= 0.5);
	}

	@Test
	void iceFailingWithoutASweepResultStillNamesACause() {
		Fixtures f = scenario().withResponder().signalling("OPEN").put(org.mediapath.api.report.CheckResult.inconclusive(
				BuiltInChecks.SERVER_UDP, "sweep", CheckStatus.TIMEOUT, "did not finish within 30000 ms", java.time.Duration.ZERO))
				.ice(CheckStatus.FAIL);
		List<Cause> causes = causes(f);
		assertEquals(List.of(CauseIds.SERVER_UDP_BLOCKED), ids(causes));
		assertEquals(0.5, causes.get(0).confidence());
		assertTrue(evidenceText(causes.get(0)).contains("TIMEOUT"), evidenceText(causes.get(0)));
		assertEquals(List.of(CauseIds.VPN_DROPS_UDP), ids(causes(f.route(true, "wg0", CheckStatus.PASS))));
	}

	@Test
	void peerUnreachableIsPeerToPeerUnrouted() {
		List<Cause> causes = causes(working().withPeer().peer(CheckStatus.FAIL));
		assertEquals(List.of(CauseIds.PEER_TO_PEER_UNROUTED), ids(causes));
		Cause c = causes.get(0);
		assertEquals(Side.NETWORK, c.remediation().side());
		assertTrue(c.remediation().action().contains("between this client and 198.18.3.20"));
		assertTrue(evidenceText(c).contains("cannot be reached"));
		assertTrue(evidenceText(c).contains("This client reaches the server"));
	}

	@Test
	void peerReachableIsNoCause() {
		assertEquals(List.of(), causes(working().withPeer().peer(CheckStatus.PASS)));
	}

	@Test
	void vpnRequiredButNotConnectedExplainsBlockedSignalling() {
		List<Cause> causes = causes(scenario().requireVpn().signalling("UNREACHABLE")
				.route(false, "eth0", CheckStatus.FAIL, CauseIds.VPN_REQUIRED_NOT_CONNECTED
						+ "|FAIL|policy requires the VPN, but the route to 198.18.2.10 leaves through eth0"));
		assertEquals(List.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED, CauseIds.SIGNALLING_BLOCKED), ids(causes),
				"the VPN explains the blocked signalling and ranks first even though it is less confident");
		assertTrue(causes.get(0).confidence() < causes.get(1).confidence());
		Cause vpn = causes.get(0);
		assertEquals(Side.CLIENT, vpn.remediation().side());
		assertTrue(vpn.remediation().action().startsWith("Connect the VPN"), vpn.remediation().action());
		assertTrue(vpn.remediation().action().contains("through eth0"));
	}

	@Test
	void vpnPolicyIsAppliedEvenWithoutAFinding() {
		List<Cause> causes = causes(scenario().requireVpn().signalling("FILTERED").route(false, "eth0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.VPN_REQUIRED_NOT_CONNECTED, CauseIds.SIGNALLING_BLOCKED), ids(causes));
	}

	@Test
	void vpnPolicyBreachOnAWorkingCallIsNoCause() {
		Fixtures f = working().requireVpn().route(false, "eth0", CheckStatus.WARN,
				CauseIds.VPN_REQUIRED_NOT_CONNECTED + "|FAIL|policy requires the VPN");
		assertEquals(List.of(), causes(f), "media flows: the policy breach is a WARN, not why a call is silent");
	}

	@Test
	void requiredVpnThatIsConnectedIsNoCause() {
		assertEquals(List.of(), causes(working().requireVpn().route(true, "wg0", CheckStatus.PASS)));
	}

	@Test
	void uncooperativeSilenceIsOnlyAWarnAndNoCause() {
		assertEquals(List.of(), causes(scenario().signalling("OPEN").serverUdp(false, CheckStatus.WARN, "30000-33000:SILENT")));
	}

	@Test
	void uncooperativeSilenceBesideClosedPortsIsPartialButLessSure() {
		Cause c = causes(scenario().signalling("OPEN").serverUdp(false, CheckStatus.FAIL, "30000-31999:CLOSED", "32000-33000:SILENT"))
				.get(0);
		assertEquals(CauseIds.PARTIAL_RANGE_BLOCKED, c.id());
		assertTrue(c.confidence() < 0.9);
		assertTrue(evidenceText(c).contains("--responder"), "says what a responder would add");
	}

	@Test
	void aConnectedIceExchangeOutweighsASilentSweep() {
		assertEquals(List.of(), causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT").ice(CheckStatus.PASS)));
	}

	@Test
	void everyCauseHasEvidenceAndARemedyNamingPorts() {
		List<Fixtures> all = List.of(
				scenario().signalling("FILTERED"),
				scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT"),
				scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.FAIL, "30000-31000:PASS", "31001-33000:SILENT"),
				scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.FAIL, "30000-33000:SILENT").route(true, "wg0", CheckStatus.PASS),
				scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS").clientUdp(CheckStatus.FAIL, "49152-65535:SILENT"),
				working().withPeer().peer(CheckStatus.FAIL));
		for (Fixtures f : all) {
			for (Cause c : causes(f)) {
				assertFalse(c.evidence().isEmpty());
				assertTrue(c.remediation().action().matches(".*\\b(2230|30000|31001|49152)\\b.*"), c.id() + ": " + c.remediation().action());
			}
		}
	}

	@Test
	void aPartnerRuleAddsACauseAndAThrowingRuleIsIgnored() {
		CauseRule quality = findings -> findings.is("quality", CheckStatus.FAIL)
				? List.of(new Cause("JITTER_TOO_HIGH", 0.7, List.of(new Evidence("quality", "jitter 80 ms")),
						new Remediation(Side.NETWORK, "Give UDP 30000-33000 priority (DSCP EF)")))
				: List.of();
		CauseRule broken = findings -> {
			throw new IllegalStateException("boom");
		};
		List<CauseRule> rules = new ArrayList<>(BuiltInRules.all());
		rules.add(quality);
		rules.add(broken);
		Fixtures f = working().put(new org.mediapath.api.report.CheckResult("quality", "Voice quality", CheckStatus.FAIL,
				"jitter 80 ms", Map.of("jitterMillis", 80), List.of(), java.time.Duration.ZERO));
		List<Cause> causes = CauseRanking.evaluate(rules, f.findings(), ruleFailures::add);
		assertEquals(List.of("JITTER_TOO_HIGH"), ids(causes));
		assertEquals(1, ruleFailures.size());
		assertTrue(ruleFailures.get(0).contains("boom"));
	}

	@Test
	void twoRulesNamingOneIdGiveOneCauseTheMoreConfident() {
		CauseRule second = findings -> List.of(new Cause(CauseIds.SIGNALLING_BLOCKED, 0.99,
				List.of(new Evidence("x", "seen")), new Remediation(Side.SERVER, "Open TCP 2230")));
		List<CauseRule> rules = new ArrayList<>(BuiltInRules.all());
		rules.add(second);
		List<Cause> causes = CauseRanking.evaluate(rules, scenario().signalling("FILTERED").findings(), ruleFailures::add);
		assertEquals(1, causes.size());
		assertEquals(0.99, causes.get(0).confidence());
	}

	@Test
	void rankingSurvivesACycleAndOrdersByConfidence() {
		Cause a = new Cause("A", 0.5, List.of(new Evidence("x", "a")), new Remediation(Side.SERVER, "a"));
		Cause b = new Cause("B", 0.8, List.of(new Evidence("x", "b")), new Remediation(Side.SERVER, "b"));
		Cause c = new Cause("C", 0.9, List.of(new Evidence("x", "c")), new Remediation(Side.SERVER, "c"));
		assertEquals(List.of("C", "B", "A"), ids(CauseRanking.rank(List.of(a, b, c), Map.of())));
		assertEquals(List.of("C", "A", "B"), ids(CauseRanking.rank(List.of(a, b, c), Map.of("A", Set.of("B")))), "A only has to precede what it explains");
		assertEquals(3, CauseRanking.rank(List.of(a, b, c), Map.of("A", Set.of("B"), "B", Set.of("A"))).size());
	}

	@Test
	void icmpThatCameBackThroughAVpnProvesItCarriesUdpSoTheServerSideBlocks() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:REJECTED").ice(CheckStatus.FAIL).route(true, "wg0", CheckStatus.PASS));
		assertEquals(List.of(CauseIds.SERVER_UDP_BLOCKED), ids(causes));
		assertEquals(Side.SERVER, causes.get(0).remediation().side());
		assertTrue(evidenceText(causes.get(0)).contains("the tunnel carries UDP"), evidenceText(causes.get(0)));
	}

	@Test
	void aSendRefusedByThisMachinesOwnFilterIsTheClientsOutboundSide() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:BLOCKED_LOCALLY").ice(CheckStatus.FAIL));
		assertEquals(List.of(CauseIds.CLIENT_UDP_BLOCKED), ids(causes));
		Cause c = causes.get(0);
		assertEquals(Side.CLIENT, c.remediation().side());
		assertTrue(c.remediation().action().startsWith("Allow outbound UDP to 198.18.2.10 ports 30000-33000"), c.remediation().action());
	}

	@Test
	void aRouterWithoutARouteToTheMediaAddressIsRoutingNotAFirewall() {
		List<Cause> causes = causes(scenario().withResponder().signalling("OPEN")
				.serverUdp(true, CheckStatus.FAIL, "30000-33000:UNREACHABLE").ice(CheckStatus.FAIL));
		assertEquals(List.of(CauseIds.SERVER_ADDRESS_UNROUTED), ids(causes));
		assertEquals(Side.NETWORK, causes.get(0).remediation().side());
	}

	@Test
	void uncooperativePortUnreachableIsNeitherOpenNorACause() {
		// a filter's default reject sends port-unreachable too: without a responder it proves nothing
		Fixtures f = scenario().signalling("OPEN").serverUdp(false, CheckStatus.WARN, "30000-33000:CLOSED");
		assertEquals(List.of(), causes(f));
		assertEquals(org.mediapath.api.report.Verdict.INCONCLUSIVE, Verdicts.decide(f.findings(), List.of(),
				java.util.Optional.empty()).verdict());
	}

	@Test
	void okNeedsMediaProvenEndToEnd() {
		Fixtures both = scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")
				.clientUdp(CheckStatus.PASS, "49152-65535:PASS");
		assertEquals(org.mediapath.api.report.Verdict.OK, Verdicts.decide(both.findings(), List.of(), java.util.Optional.empty()).verdict());
		var cancelled = Verdicts.decide(both.findings(), List.of(), java.util.Optional.of("was cancelled after 300 ms"));
		assertEquals(org.mediapath.api.report.Verdict.INCONCLUSIVE, cancelled.verdict());
		assertTrue(cancelled.unproven().orElseThrow().contains("without cancelling"), cancelled.unproven().toString());
		Fixtures oneWay = scenario().withResponder().signalling("OPEN").serverUdp(true, CheckStatus.PASS, "30000-33000:PASS")
				.skipped(BuiltInChecks.CLIENT_UDP, "not measured");
		assertEquals(org.mediapath.api.report.Verdict.INCONCLUSIVE,
				Verdicts.decide(oneWay.findings(), List.of(), java.util.Optional.empty()).verdict(), "one direction is not proof");
		Fixtures ice = scenario().withResponder().signalling("OPEN").ice(CheckStatus.PASS);
		assertEquals(org.mediapath.api.report.Verdict.OK, Verdicts.decide(ice.findings(), List.of(), java.util.Optional.empty()).verdict());
	}
}
