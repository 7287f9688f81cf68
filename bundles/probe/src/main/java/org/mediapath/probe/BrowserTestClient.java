package org.mediapath.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.browser.InvitationRequest;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.protocol.BrowserJson;
import org.mediapath.protocol.ControlClient;
import org.mediapath.protocol.ControlMessage;
import org.mediapath.protocol.ControlMessage.BrowserRuns;
import org.mediapath.protocol.ControlMessage.CreateInvitation;
import org.mediapath.protocol.ControlMessage.InvitationList;
import org.mediapath.protocol.ControlMessage.InvitationMade;
import org.mediapath.protocol.ControlMessage.QueryBrowserRuns;
import org.mediapath.protocol.ControlMessage.QueryInvitations;
import org.mediapath.protocol.ProtocolException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The console's side of the user's-browser test: one short authenticated TLS control connection per
 * question, to the PBX's responder named in the request, pinned to its certificate.
 */
@Component(service = BrowserTestService.class, configurationPid = PortProbeServiceImpl.PID)
public class BrowserTestClient implements BrowserTestService {

	/** Runs read at most per question: the newest first. */
	static final int RUNS_PER_QUERY = 50;

	private final ProbeSettings settings;

	/** @param config the probe's configuration (its control-channel timeout) */
	@Activate
	public BrowserTestClient(ProbeConfig config) {
		this(ProbeSettings.from(config));
	}

	BrowserTestClient(ProbeSettings settings) {
		this.settings = settings;
	}

	@Override
	public BrowserInvitation invite(DiagnosisRequest pbx, InvitationRequest request) throws IOException {
		String ranges = String.join(",", request.policy().vpnAddressRanges());
		InvitationMade made = call(pbx, new CreateInvitation(request.uses(), request.validFor().toSeconds(), request.label(),
				request.policy().requireVpn(), ranges), InvitationMade.class);
		return read(() -> BrowserJson.readInvitation(made.json()));
	}

	@Override
	public List<BrowserRun> runs(DiagnosisRequest pbx, Optional<String> token) throws IOException {
		BrowserRuns runs = call(pbx, new QueryBrowserRuns(token.orElse(""), RUNS_PER_QUERY), BrowserRuns.class);
		return read(() -> BrowserJson.readRuns(runs.json()));
	}

	@Override
	public List<BrowserInvitation> invitations(DiagnosisRequest pbx) throws IOException {
		InvitationList list = call(pbx, new QueryInvitations(), InvitationList.class);
		return read(() -> BrowserJson.readInvitations(list.json()));
	}

	private <T extends ControlMessage> T call(DiagnosisRequest pbx, ControlMessage question, Class<T> answer)
			throws IOException {
		HostAndPort responder = pbx.responder().orElseThrow(() -> new IllegalArgumentException(
				"responder: the user's-browser test is served by the PBX's responder; name it (--responder HOST:PORT or a PBX with one)"));
		byte[] secret = CooperativeSweep.secret("secret-file", pbx.secretReference());
		InetSocketAddress control;
		try {
			control = new InetSocketAddress(UdpEndpoints.resolve("responder", responder.host()), responder.port());
		} catch (UnknownHostException e) {
			throw new IOException("responder " + responder.host() + ": the name does not resolve", e);
		}
		try (ControlClient client = ControlClient.connect(control, secret, pbx.responderFingerprint().orElse(null),
				settings.controlTimeout())) {
			return client.call(question, answer);
		} catch (ControlClient.RefusedException e) {
			throw new IOException(responder.host() + ":" + responder.port() + ": " + e.getMessage(), e);
		}
	}

	private interface Reading<T> {
		T read() throws ProtocolException;
	}

	private static <T> T read(Reading<T> reading) throws IOException {
		try {
			return reading.read();
		} catch (ProtocolException e) {
			throw new IOException("the responder's answer is malformed: " + e.getMessage(), e);
		}
	}
}
