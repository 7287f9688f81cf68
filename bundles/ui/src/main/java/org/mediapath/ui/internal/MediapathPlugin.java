package org.mediapath.ui.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.browser.BrowserRun;
import org.mediapath.api.browser.BrowserRunDiagnosis;
import org.mediapath.api.browser.BrowserTestService;
import org.mediapath.api.browser.RunState;
import org.mediapath.api.diagnosis.DiagnosisService;
import org.mediapath.api.firewall.FirewallAnalysisService;
import org.mediapath.api.firewall.FirewallAnswer;
import org.mediapath.api.firewall.FirewallQuestion;
import org.mediapath.api.firewall.PortVerdictRun;
import org.mediapath.api.firewall.TrafficDirection;
import org.mediapath.api.firewall.TransportProtocol;
import org.mediapath.api.net.HostNames;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosisRequest;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.VantagePoint;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.pbx.PbxEntry;
import org.mediapath.api.route.NetworkInterfaceInfo;
import org.mediapath.api.route.NetworkSnapshot;
import org.mediapath.api.route.RouteDecision;
import org.mediapath.api.route.RouteInspectionService;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The Web Console page {@code /system/console/mediapath}: a plain servlet the Web Console wraps
 * with its header, menu and authentication (Web Console 5 plugin registration by service
 * properties; no Web Console API is imported).
 *
 * <p>Routes below the plugin (the Web Console wraps only extension-less GETs in its page; every
 * other request reaches this servlet as is):
 * <ul>
 * <li>{@code GET /mediapath} the page; {@code ?report=ID}, {@code ?run=ID}, {@code ?compare=A&with=B}, {@code ?target=HOST}</li>
 * <li>{@code GET /mediapath/progress.json?run=ID} live progress of a run started here</li>
 * <li>{@code GET /mediapath/report.json?id=ID} a report as a JSON download</li>
 * <li>{@code GET /mediapath/history.json[?target=HOST]} the stored reports, newest first</li>
 * <li>{@code POST /mediapath/run} start a diagnosis (form token required)</li>
 * <li>{@code POST /mediapath/cancel?run=ID} ask a run started here to stop (form token required)</li>
 * <li>{@code POST /mediapath/routes.json} analyse a pasted route table (form token required)</li>
 * <li>{@code POST /mediapath/firewall.json} judge a pasted firewall ruleset: port runs and deciding rules (form token required)</li>
 * <li>{@code POST /mediapath/pbx} add or replace a PBX kept by name; {@code POST /mediapath/pbx-remove} remove one (form token required)</li>
 * <li>{@code POST /mediapath/invite} a link for the test from a user's PC, from a PBX's responder (form token required);
 * {@code GET /mediapath?invitation=TOKEN&pbx=NAME} shows it with its QR code and its runs live</li>
 * <li>{@code GET /mediapath/browser-runs.json?pbx=NAME&token=TOKEN} the runs of a link; each finished one turned into a stored report</li>
 * <li>{@code GET /mediapath/res/...} script and style, served by the Web Console from this bundle</li>
 * </ul>
 * Every service is optional and dynamic: the page says plainly which one is missing.
 */
@Component(service = Servlet.class, property = { "felix.webconsole.label=" + MediapathPlugin.LABEL,
		"felix.webconsole.title=" + MediapathPlugin.TITLE, "felix.webconsole.category=" + MediapathPlugin.CATEGORY,
		"felix.webconsole.css=/" + MediapathPlugin.LABEL + "/res/mediapath.css" })
@Designate(ocd = PluginConfig.class)
public class MediapathPlugin extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String LABEL = "mediapath";
	/** Localised by the Web Console from OSGI-INF/l10n (key plugin.title). */
	static final String TITLE = "%plugin.title";
	static final String CATEGORY = "Diagnostics";
	static final String ATTR_PLUGIN_ROOT = "felix.webconsole.pluginRoot";
	static final String FLASH = "org.mediapath.ui.flash";
	static final String PBX_FLASH = "org.mediapath.ui.pbx.flash";
	static final String INVITE_FLASH = "org.mediapath.ui.invite.flash";
	static final int MAX_PASTE = 512 * 1024;
	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final transient Csrf csrf = new Csrf();
	private final transient RunTracker tracker = new RunTracker(System::nanoTime);
	private final transient Invitations invitations = new Invitations();
	private transient volatile PluginConfig config;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile DiagnosisService diagnosis;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile ReportStore store;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile RouteInspectionService routes;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile FirewallAnalysisService firewall;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile PbxDirectory pbxs;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile BrowserTestService browserTests;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private transient volatile BrowserRunDiagnosis browserDiagnosis;

	@Activate
	public MediapathPlugin(PluginConfig config) {
		this.config = config;
		tracker.maxConcurrent(config.maxConcurrentRuns());
	}

	/** For plain unit tests: the services as given (each may be null), PBXs kept by name too. */
	MediapathPlugin(PluginConfig config, DiagnosisService diagnosis, ReportStore store, RouteInspectionService routes,
			PbxDirectory pbxs) {
		this(config, diagnosis, store, routes);
		this.pbxs = pbxs;
	}

	/** For plain unit tests: the services as given (each may be null). */
	MediapathPlugin(PluginConfig config, DiagnosisService diagnosis, ReportStore store, RouteInspectionService routes) {
		this(config);
		this.diagnosis = diagnosis;
		this.store = store;
		this.routes = routes;
	}

	/** For plain unit tests: the services as given, the firewall analysis too (each may be null). */
	MediapathPlugin(PluginConfig config, DiagnosisService diagnosis, ReportStore store, RouteInspectionService routes,
			FirewallAnalysisService firewall) {
		this(config, diagnosis, store, routes);
		this.firewall = firewall;
	}

	/** For plain unit tests: the PBX directory and the test from a user's PC (each may be null). */
	MediapathPlugin(PluginConfig config, DiagnosisService diagnosis, ReportStore store, PbxDirectory pbxs,
			BrowserTestService browserTests, BrowserRunDiagnosis browserDiagnosis) {
		this(config, diagnosis, store, null, pbxs);
		this.browserTests = browserTests;
		this.browserDiagnosis = browserDiagnosis;
	}

	@Modified
	void modified(PluginConfig changed) {
		this.config = changed;
		tracker.maxConcurrent(changed.maxConcurrentRuns());
	}

	@Deactivate
	void deactivate() {
		tracker.cancelAll();
	}

	// ---------- routing

	@Override
	protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		switch (subPath(req)) {
		case "", "/" -> page(req, resp);
		case "/progress.json" -> progress(req, resp);
		case "/report.json" -> download(req, resp);
		case "/history.json" -> historyJson(req, resp);
		case "/browser-runs.json" -> browserRuns(req, resp);
		default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
	}

	@Override
	protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		String sub = subPath(req);
		if (!sub.equals("/run") && !sub.equals("/routes.json") && !sub.equals("/cancel") && !sub.equals("/firewall.json")
				&& !sub.equals("/pbx") && !sub.equals("/pbx-remove") && !sub.equals("/invite")) {
			resp.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		Texts texts = Texts.of(req.getLocale());
		if (!csrf.valid(req)) {
			json(resp, HttpServletResponse.SC_FORBIDDEN, Map.of("error", texts.get("error.csrf")));
			return;
		}
		if (sub.equals("/run")) {
			run(req, resp, texts);
		} else if (sub.equals("/cancel")) {
			cancel(req, resp, texts);
		} else if (sub.equals("/firewall.json")) {
			firewall(req, resp, texts);
		} else if (sub.equals("/pbx")) {
			savePbx(req, resp, texts);
		} else if (sub.equals("/pbx-remove")) {
			removePbx(req, resp, texts);
		} else if (sub.equals("/invite")) {
			invite(req, resp, texts);
		} else {
			pasted(req, resp, texts);
		}
	}

	/** @return the path below the plugin label: "" for the page, "/progress.json", ... */
	static String subPath(HttpServletRequest req) {
		String path = req.getPathInfo();
		if (path == null) {
			return "";
		}
		String prefix = "/" + LABEL;
		return path.equals(prefix) || path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
	}

	static String pluginRoot(HttpServletRequest req) {
		Object root = req.getAttribute(ATTR_PLUGIN_ROOT);
		if (root instanceof String s && !s.isEmpty()) {
			return s;
		}
		return nz(req.getContextPath()) + nz(req.getServletPath()) + "/" + LABEL;
	}

	// ---------- the page

	private void page(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		Texts texts = Texts.of(req.getLocale());
		String root = pluginRoot(req);
		String token = csrf.token(req);
		PluginConfig c = config;
		DiagnosisService d = diagnosis;
		ReportStore s = store;
		RouteInspectionService r = routes;

		String target = blankToNull(req.getParameter("target"));
		String reportId = blankToNull(req.getParameter("report"));
		String runId = blankToNull(req.getParameter("run"));
		String compareA = blankToNull(req.getParameter("compare"));
		String compareB = blankToNull(req.getParameter("with"));
		String invitationToken = blankToNull(req.getParameter("invitation"));
		Optional<RunTracker.Progress> progress = runId == null ? Optional.empty() : tracker.get(runId);
		boolean comparing = compareA != null && compareB != null;
		Optional<DiagnosticReport> requested = !comparing && reportId != null ? find(reportId) : Optional.empty();
		DiagnosticReport shown = requested.orElse(null);
		if (!comparing && reportId == null && runId == null && invitationToken == null) {
			shown = history(s, target, 1).stream().findFirst().orElse(null);
		}

		// The form re-asks what the shown report asked (run it again after the firewall fix);
		// without a report it starts from the configuration; after a refused post, as typed.
		PbxDirectory directory = pbxs;
		List<PbxEntry> pbxList = directory == null ? null : directory.list();
		FormInput form = shown != null ? FormInput.of(shown.request()).withPbx(pbxOf(shown.request(), pbxList))
				: FormInput.defaults(c);
		if (shown == null && form.pbx().isEmpty() && pbxList != null && !pbxList.isEmpty()) {
			form = form.withPbx(pbxList.get(0).name());
		}
		Map<String, String> errors = Map.of();
		PbxFlash pbxFlash = null;
		HttpSession session = req.getSession(false);
		if (session != null && session.getAttribute(FLASH) instanceof Flash flash) {
			session.removeAttribute(FLASH);
			form = flash.form();
			errors = flash.errors();
		}
		if (session != null && session.getAttribute(PBX_FLASH) instanceof PbxFlash f) {
			session.removeAttribute(PBX_FLASH);
			pbxFlash = f;
		}
		InviteFlash inviteFlash = null;
		if (session != null && session.getAttribute(INVITE_FLASH) instanceof InviteFlash f) {
			session.removeAttribute(INVITE_FLASH);
			inviteFlash = f;
		}

		Map<String, Object> data = new LinkedHashMap<>();
		Page page = new Page(texts, root);
		page.open(root + "/res");
		page.services(d != null, s != null, r != null);
		page.form(form, errors, token, d != null, pbxList, ThisMachine.describe());
		page.progress(progress.isPresent() ? runId : null, token);
		if (runId != null && progress.isEmpty()) {
			page.runUnknown(runId);
		}
		BrowserTestService bt = browserTests;
		Page.Shown invitationShown = null;
		String invitationProblem = null;
		if (invitationToken != null) {
			String pbx = nz(req.getParameter("pbx")).strip();
			try {
				Invitations.Made made = invitation(invitationToken, pbx, bt, directory).orElse(null);
				if (made == null) {
					invitationProblem = texts.get("browser.invitation.unknown", invitationToken);
				} else {
					invitationShown = new Page.Shown(made.pbx(), made.invitation(), browserRunsUrl(root, made));
					data.put("browserRunsUrl", invitationShown.runsUrl());
					data.put("browserUses", made.invitation().uses());
					data.put("browserExpires", made.invitation().expires().toEpochMilli());
				}
			} catch (IOException | IllegalArgumentException e) {
				invitationProblem = texts.get("browser.invitation.failed", String.valueOf(e.getMessage()));
			}
		}
		page.browserTest(pbxList, form.pbx(), token, bt != null, browserDiagnosis != null,
				inviteFlash == null ? InviteForm.defaults() : inviteFlash.typed(),
				inviteFlash == null ? Map.of() : inviteFlash.errors(), inviteFlash == null ? null : inviteFlash.pbx(),
				invitationShown, invitationProblem, invitations.recent(),
				shown != null || reportId != null || runId != null || comparing);

		data.put("pluginRoot", root);
		progress.ifPresent(p -> data.put("progressUrl", root + "/progress.json?run=" + Html.query(runId)));
		data.put("routesUrl", root + "/routes.json");
		data.put("maxConcurrentRuns", c.maxConcurrentRuns());

		if (comparing) {
			Optional<DiagnosticReport> a = find(compareA);
			Optional<DiagnosticReport> b = find(compareB);
			if (compareA.equals(compareB)) {
				page.compareProblem("compare.pick");
			} else if (a.isEmpty()) {
				page.compareProblem("report.notfound", compareA);
			} else if (b.isEmpty()) {
				page.compareProblem("report.notfound", compareB);
			} else {
				page.compare(ReportDiff.of(a.get(), b.get()));
			}
		} else if (reportId != null && requested.isEmpty()) {
			page.reportNotFound(reportId);
		}
		if (shown != null) {
			page.report(shown);
			data.put("portMaps", Pictures.portMaps(shown));
			data.put("iceTimelines", Pictures.iceTimelines(shown));
			Pictures.routePath(shown).ifPresent(p -> data.put("routePath", p));
		}
		List<DiagnosticReport> history = history(s, target, c.historySize());
		Set<String> targets = new LinkedHashSet<>();
		history(s, null, c.historySize()).forEach(x -> targets.add(x.target()));
		page.history(history, target, targets, compareA, compareB);
		page.paste(token, form.value(FormInput.SERVER), r != null);
		page.firewall(token, c.serverPorts(), firewall != null);
		if (pbxList != null) {
			page.pbxs(pbxList, token, pbxFlash == null ? Map.of() : pbxFlash.errors(),
					pbxFlash == null ? Map.of() : pbxFlash.typed(), pbxFlash == null ? null : pbxFlash.saved());
		}
		page.close(root + "/res", data);

		resp.setCharacterEncoding("UTF-8");
		resp.setContentType("text/html");
		resp.getWriter().write(page.toString());
	}

	private Optional<DiagnosticReport> find(String id) {
		Optional<DiagnosticReport> mine = tracker.report(id);
		if (mine.isPresent()) {
			return mine;
		}
		ReportStore s = store;
		return s == null ? Optional.empty() : s.get(id);
	}

	private static List<DiagnosticReport> history(ReportStore s, String target, int limit) {
		if (s == null) {
			return List.of();
		}
		return s.find(new ReportQuery(Optional.ofNullable(target), Optional.empty(), Optional.empty(),
				Math.max(1, limit)));
	}

	// ---------- JSON endpoints

	private void progress(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		String runId = nz(req.getParameter("run"));
		Optional<RunTracker.Progress> p = tracker.get(runId);
		if (p.isEmpty()) {
			json(resp, HttpServletResponse.SC_NOT_FOUND,
					Map.of("error", Texts.of(req.getLocale()).get("progress.unknown"), "runId", runId));
			return;
		}
		json(resp, HttpServletResponse.SC_OK, p.get().toMap());
	}

	private void download(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		String id = nz(req.getParameter("id"));
		Optional<DiagnosticReport> report = find(id);
		if (report.isEmpty()) {
			json(resp, HttpServletResponse.SC_NOT_FOUND,
					Map.of("error", Texts.of(req.getLocale()).get("report.notfound", id)));
			return;
		}
		resp.setHeader("Content-Disposition",
				"attachment; filename=\"mediapath-report-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".json\"");
		json(resp, HttpServletResponse.SC_OK, ReportMaps.report(report.get()));
	}

	private void historyJson(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		ReportStore s = store;
		if (s == null) {
			json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					Map.of("error", Texts.of(req.getLocale()).get("services.missing.store")));
			return;
		}
		List<Object> rows = new ArrayList<>();
		for (DiagnosticReport r : history(s, blankToNull(req.getParameter("target")), config.historySize())) {
			rows.add(ReportMaps.summary(r));
		}
		json(resp, HttpServletResponse.SC_OK, Map.of("reports", rows));
	}

	// ---------- POST: start a diagnosis

	private void run(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		boolean wantsJson = wantsJson(req);
		String root = pluginRoot(req);
		FormInput form = FormInput.from(req::getParameter);
		Map<String, String> errors;
		Optional<DiagnosisRequest> request = Optional.empty();
		if (!form.pbx().isEmpty()) {
			errors = Map.of();
			PbxDirectory directory = pbxs;
			try {
				if (directory == null) {
					throw new IllegalArgumentException(texts.get("form.pbx.none"));
				}
				request = Optional.of(directory.request(form.pbx()));
			} catch (IllegalArgumentException e) {
				errors = Map.of(FormInput.PBX, String.valueOf(e.getMessage()));
			}
		} else {
			errors = form.validate();
			request = errors.isEmpty() ? form.toRequest() : Optional.empty();
		}
		DiagnosisService d = diagnosis;
		if (errors.isEmpty() && d == null) {
			errors = Map.of(form.pbx().isEmpty() ? FormInput.SERVER : FormInput.PBX, texts.get("error.nodiagnosis"));
			request = Optional.empty();
		}
		RunTracker.Progress started = null;
		if (request.isPresent()) {
			List<CheckResult> expected = history(store, null, 1).stream().findFirst()
					.map(DiagnosticReport::checks).orElse(List.of());
			DiagnosisRequest q = request.get();
			try {
				started = tracker.submit(expected, progress -> d.start(q, progress, VantagePoint.CONSOLE));
			} catch (IllegalStateException full) {
				errors = Map.of(form.pbx().isEmpty() ? FormInput.SERVER : FormInput.PBX, texts.get("error.queuefull"));
			} catch (RuntimeException e) {
				errors = Map.of(form.pbx().isEmpty() ? FormInput.SERVER : FormInput.PBX, String.valueOf(e.getMessage()));
			}
		}
		if (started == null) {
			if (wantsJson) {
				json(resp, d == null ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_BAD_REQUEST,
						Map.of("error", texts.get("form.invalid"), "errors", errors));
			} else {
				req.getSession(true).setAttribute(FLASH, new Flash(form, errors));
				resp.sendRedirect(root);
			}
			return;
		}
		String page = root + "?run=" + Html.query(started.runId());
		if (wantsJson) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("runId", started.runId());
			int position = tracker.queuePosition(started);
			if (position > 0) {
				m.put("queuePosition", position);
			}
			m.put("progressUrl", root + "/progress.json?run=" + Html.query(started.runId()));
			m.put("pageUrl", page);
			json(resp, HttpServletResponse.SC_ACCEPTED, m);
		} else {
			resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
			resp.setHeader("Location", page);
		}
	}

	// ---------- POST: the PBXs kept by name

	private void savePbx(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		PbxDirectory directory = pbxs;
		PbxForm.Parsed parsed = PbxForm.parse(req::getParameter);
		Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
		String saved = null;
		if (directory == null) {
			errors.put(PbxForm.NAME, texts.get("form.pbx.none"));
		} else if (parsed.entry().isPresent()) {
			try {
				directory.save(parsed.entry().get(), parsed.secret());
				saved = parsed.entry().get().name();
			} catch (IllegalArgumentException | IllegalStateException e) {
				errors.put(PbxForm.NAME, String.valueOf(e.getMessage()));
			}
		}
		if (wantsJson(req)) {
			if (saved != null) {
				json(resp, HttpServletResponse.SC_OK, Map.of("saved", saved));
			} else {
				json(resp, directory == null ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_BAD_REQUEST,
						Map.of("error", texts.get("form.invalid"), "errors", errors));
			}
			return;
		}
		// the secret never goes back to the page, not even after a refused post
		req.getSession(true).setAttribute(PBX_FLASH, new PbxFlash(saved == null ? errors : Map.of(),
				saved == null ? parsed.typed() : Map.of(), saved));
		resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
		resp.setHeader("Location", pluginRoot(req) + "#mp-pbxs");
	}

	private void removePbx(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		PbxDirectory directory = pbxs;
		if (directory == null) {
			json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Map.of("error", texts.get("form.pbx.none")));
			return;
		}
		boolean removed = directory.remove(nz(req.getParameter("name")));
		if (wantsJson(req)) {
			json(resp, removed ? HttpServletResponse.SC_OK : HttpServletResponse.SC_NOT_FOUND, Map.of("removed", removed));
		} else {
			resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
			resp.setHeader("Location", pluginRoot(req) + "#mp-pbxs");
		}
	}

	// ---------- the test from a user's PC

	/**
	 * A link for a user's browser: the PBX's responder makes it over its authenticated control
	 * channel ({@link BrowserTestService#invite}); the page then shows it with its QR code and
	 * follows its runs.
	 */
	private void invite(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		InviteForm.Parsed parsed = InviteForm.parse(req::getParameter);
		Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
		BrowserTestService service = browserTests;
		PbxDirectory directory = pbxs;
		BrowserInvitation made = null;
		int status = HttpServletResponse.SC_BAD_REQUEST;
		if (errors.isEmpty()) {
			if (service == null) {
				errors.put(InviteForm.PBX, texts.get("browser.missing.service"));
				status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
			} else if (directory == null) {
				errors.put(InviteForm.PBX, texts.get("form.pbx.none"));
				status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
			} else {
				try {
					DiagnosisRequest pbx = directory.request(parsed.pbx());
					if (pbx.responder().isEmpty()) {
						errors.put(InviteForm.PBX, texts.get("browser.noresponder", parsed.pbx()));
					} else {
						made = service.invite(pbx, parsed.request().orElseThrow());
					}
				} catch (IllegalArgumentException e) {
					errors.put(InviteForm.PBX, String.valueOf(e.getMessage()));
				} catch (IOException e) {
					// the responder could not be reached or refused (its web port is off, ...): its words
					errors.put(InviteForm.PBX, texts.get("browser.invite.failed", String.valueOf(e.getMessage())));
					status = HttpServletResponse.SC_BAD_GATEWAY;
				}
			}
		}
		String root = pluginRoot(req);
		if (made == null) {
			if (wantsJson(req)) {
				json(resp, status, Map.of("error", texts.get("form.invalid"), "errors", errors));
			} else {
				req.getSession(true).setAttribute(INVITE_FLASH, new InviteFlash(parsed.pbx(), parsed.typed(), errors));
				resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
				resp.setHeader("Location", root + "#mp-browser");
			}
			return;
		}
		invitations.remember(parsed.pbx(), made);
		String page = root + "?invitation=" + Html.query(made.token()) + "&pbx=" + Html.query(parsed.pbx()) + "#mp-browser";
		if (wantsJson(req)) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("invitation", BrowserRunMaps.invitation(made, parsed.pbx()));
			m.put("pageUrl", page);
			m.put("runsUrl", browserRunsUrl(root, new Invitations.Made(parsed.pbx(), made)));
			json(resp, HttpServletResponse.SC_OK, m);
		} else {
			resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
			resp.setHeader("Location", page);
		}
	}

	/**
	 * A link made here, or one the PBX's responder still keeps (after a restart of the console, or
	 * made from the command line).
	 */
	private Optional<Invitations.Made> invitation(String token, String pbx, BrowserTestService service,
			PbxDirectory directory) throws IOException {
		Optional<Invitations.Made> mine = invitations.get(token).filter(m -> pbx.isEmpty() || m.pbx().equals(pbx));
		if (mine.isPresent() || service == null || directory == null || pbx.isEmpty()) {
			return mine;
		}
		DiagnosisRequest q = directory.request(pbx);
		return service.invitations(q).stream().filter(i -> i.token().equals(token)).findFirst()
				.map(i -> new Invitations.Made(pbx, i));
	}

	private static String browserRunsUrl(String root, Invitations.Made made) {
		return root + "/browser-runs.json?pbx=" + Html.query(made.pbx()) + "&token=" + Html.query(made.invitation().token());
	}

	/**
	 * The runs of a link as the responder has them now; each finished run is turned into a report
	 * once ({@link BrowserRunDiagnosis}, which stores it in the history) and named by its id.
	 */
	private void browserRuns(HttpServletRequest req, HttpServletResponse resp) throws IOException {
		Texts texts = Texts.of(req.getLocale());
		BrowserTestService service = browserTests;
		PbxDirectory directory = pbxs;
		if (service == null || directory == null) {
			json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					Map.of("error", texts.get(service == null ? "browser.missing.service" : "form.pbx.none")));
			return;
		}
		String pbx = nz(req.getParameter("pbx")).strip();
		String token = nz(req.getParameter("token")).strip();
		if (token.isEmpty() || token.length() > 200) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", texts.get("browser.token.missing")));
			return;
		}
		DiagnosisRequest q;
		try {
			q = directory.request(pbx);
		} catch (IllegalArgumentException e) {
			json(resp, HttpServletResponse.SC_NOT_FOUND, Map.of("error", String.valueOf(e.getMessage())));
			return;
		}
		List<BrowserRun> runs;
		try {
			runs = service.runs(q, Optional.of(token));
		} catch (IOException e) {
			json(resp, HttpServletResponse.SC_BAD_GATEWAY,
					Map.of("error", texts.get("browser.runs.failed", String.valueOf(e.getMessage()))));
			return;
		}
		BrowserRunDiagnosis dx = browserDiagnosis;
		String root = pluginRoot(req);
		List<Object> rows = new ArrayList<>();
		for (BrowserRun run : runs) {
			Map<String, Object> row = BrowserRunMaps.run(run);
			if (run.state() != RunState.RUNNING) {
				Optional<Invitations.Reported> reported = invitations.reportOf(pbx, run.id());
				if (reported.isEmpty() && dx == null) {
					row.put("reportError", texts.get("browser.missing.diagnosis"));
				} else if (reported.isEmpty()) {
					try {
						DiagnosticReport report = dx.report(q, run);
						reported = Optional.of(new Invitations.Reported(report.id(), report.verdict().name()));
						invitations.reported(pbx, run.id(), reported.get());
					} catch (RuntimeException e) {
						row.put("reportError", texts.get("browser.report.failed", String.valueOf(e.getMessage())));
					}
				}
				reported.ifPresent(r -> {
					row.put("reportId", r.reportId());
					row.put("verdict", r.verdict());
					row.put("reportUrl", root + "?report=" + Html.query(r.reportId()));
				});
			}
			rows.add(row);
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("token", token);
		m.put("pbx", pbx);
		invitations.get(token).ifPresent(made -> {
			m.put("uses", made.invitation().uses());
			m.put("expires", made.invitation().expires().toString());
		});
		m.put("runs", rows);
		json(resp, HttpServletResponse.SC_OK, m);
	}

	/** @return the PBX whose server, signalling port and responder a report's request matches, or "" */
	static String pbxOf(DiagnosisRequest request, List<PbxEntry> pbxs) {
		if (pbxs == null) {
			return "";
		}
		return pbxs.stream().filter(e -> e.server().equals(request.server()) && e.signallingPort() == request.signallingPort()
				&& e.responder().equals(request.responder())).map(PbxEntry::name).findFirst().orElse("");
	}

	// ---------- POST: cancel a run started here

	private void cancel(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		String runId = nz(req.getParameter("run"));
		Optional<RunTracker.Progress> p = tracker.get(runId);
		if (p.isEmpty()) {
			json(resp, HttpServletResponse.SC_NOT_FOUND, Map.of("error", texts.get("progress.unknown"), "runId", runId));
			return;
		}
		boolean cancelled = p.get().cancel();
		if (wantsJson(req)) {
			json(resp, HttpServletResponse.SC_OK, Map.of("runId", runId, "cancelled", cancelled));
		} else {
			resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
			resp.setHeader("Location", pluginRoot(req) + "?run=" + Html.query(runId));
		}
	}

	// ---------- POST: a pasted firewall ruleset

	private void firewall(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		FirewallAnalysisService f = firewall;
		if (f == null) {
			json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Map.of("error", texts.get("services.missing.firewall")));
			return;
		}
		String text = nz(req.getParameter("pasted"));
		if (text.isBlank()) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", texts.get("firewall.empty"), "field", "pasted"));
			return;
		}
		if (text.length() > MAX_PASTE) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST,
					Map.of("error", texts.get("paste.toolarge", MAX_PASTE), "field", "pasted"));
			return;
		}
		PortRange ports;
		try {
			ports = PortRange.parse("ports", nz(req.getParameter("ports")).strip());
		} catch (IllegalArgumentException e) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", e.getMessage(), "field", "ports"));
			return;
		}
		TrafficDirection direction = "out".equals(req.getParameter("direction")) ? TrafficDirection.OUTBOUND
				: TrafficDirection.INBOUND;
		TransportProtocol protocol = "tcp".equals(req.getParameter("protocol")) ? TransportProtocol.TCP
				: TransportProtocol.UDP;
		String program = nz(req.getParameter("program")).strip();
		if (program.length() > 1024) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", texts.get("firewall.program.long"), "field", "program"));
			return;
		}
		FirewallAnswer answer = f.analysePasted(text, new FirewallQuestion(direction, protocol, ports, Optional.empty(),
				program.isEmpty() ? Optional.empty() : Optional.of(program), Optional.empty()));
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("formats", answer.formats());
		List<Object> runs = new ArrayList<>();
		for (PortVerdictRun run : answer.runs()) {
			Map<String, Object> rm = new LinkedHashMap<>();
			rm.put("ports", run.ports().toString());
			rm.put("verdict", run.verdict().name());
			rm.put("rule", run.rule());
			rm.put("reason", run.reason());
			runs.add(rm);
		}
		m.put("runs", runs);
		m.put("uncovered", answer.uncovered().stream().map(PortRange::toString).toList());
		m.put("warnings", answer.warnings());
		json(resp, HttpServletResponse.SC_OK, m);
	}

	// ---------- POST: a pasted route table

	private void pasted(HttpServletRequest req, HttpServletResponse resp, Texts texts) throws IOException {
		RouteInspectionService r = routes;
		if (r == null) {
			json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Map.of("error", texts.get("error.noroute")));
			return;
		}
		String text = nz(req.getParameter("pasted"));
		if (text.isBlank()) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", texts.get("paste.empty"), "field", "pasted"));
			return;
		}
		if (text.length() > MAX_PASTE) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST,
					Map.of("error", texts.get("paste.toolarge", MAX_PASTE), "field", "pasted"));
			return;
		}
		String target = nz(req.getParameter("target")).strip();
		if (target.isEmpty()) {
			target = config.server().strip();
		}
		if (target.isEmpty() || !HostNames.isValid(target)) {
			String message = target.isEmpty() ? texts.get("paste.notarget") : messageOf(target);
			json(resp, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", message, "field", "target"));
			return;
		}
		String address;
		try {
			address = toAddress(target);
		} catch (UnknownHostException e) {
			json(resp, HttpServletResponse.SC_BAD_REQUEST,
					Map.of("error", texts.get("paste.unresolved", target), "field", "target"));
			return;
		}
		NetworkSnapshot snapshot = r.parseCaptured(text);
		RouteDecision decision = r.decide(snapshot, address);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("origin", snapshot.origin());
		m.put("target", target);
		m.put("address", address);
		m.put("warnings", snapshot.warnings());
		List<Object> interfaces = new ArrayList<>();
		for (NetworkInterfaceInfo i : snapshot.interfaces()) {
			Map<String, Object> im = new LinkedHashMap<>();
			im.put("name", i.name());
			im.put("displayName", i.displayName());
			im.put("kind", i.kind().name());
			im.put("addresses", i.addresses());
			im.put("up", i.up());
			i.vpnProduct().ifPresent(v -> im.put("vpnProduct", v));
			interfaces.add(im);
		}
		m.put("interfaces", interfaces);
		m.put("routeCount", snapshot.routes().size());
		Map<String, Object> dm = new LinkedHashMap<>();
		dm.put("viaVpn", decision.viaVpn());
		decision.interfaceName().ifPresent(v -> dm.put("interface", v));
		decision.sourceAddress().ifPresent(v -> dm.put("sourceAddress", v));
		decision.vpnProduct().ifPresent(v -> dm.put("vpnProduct", v));
		dm.put("mtu", decision.mtu());
		dm.put("reconstructed", decision.reconstructed());
		dm.put("explanation", decision.explanation());
		m.put("decision", dm);
		m.put("routePath", Pictures.routePath(snapshot, decision));
		json(resp, HttpServletResponse.SC_OK, m);
	}

	private static String messageOf(String target) {
		try {
			HostNames.requireValid("target", target);
			return "";
		} catch (IllegalArgumentException e) {
			return e.getMessage();
		}
	}

	/** A literal stays as it is; a name is resolved (no shell, the JVM's resolver). */
	static String toAddress(String host) throws UnknownHostException {
		if (host.indexOf(':') >= 0 || IPV4.matcher(host).matches()) {
			return host;
		}
		return InetAddress.getByName(host).getHostAddress();
	}

	// ---------- helpers

	static boolean wantsJson(HttpServletRequest req) {
		String accept = req.getHeader("Accept");
		return accept != null && accept.contains("application/json");
	}

	static void json(HttpServletResponse resp, int status, Object body) throws IOException {
		resp.setStatus(status);
		resp.setCharacterEncoding("UTF-8");
		resp.setContentType("application/json");
		resp.setHeader("Cache-Control", "no-store");
		resp.setHeader("X-Content-Type-Options", "nosniff");
		PrintWriter w = resp.getWriter();
		w.write(Json.write(body));
		w.flush();
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	/** What a PBX editor POST hands to the next page view: errors and the fields as typed (never the secret), or the saved name. */
	record PbxFlash(Map<String, String> errors, Map<String, String> typed, String saved) implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
	}

	/** What a refused invitation POST hands to the next page view: the PBX, the fields as typed, the messages. */
	record InviteFlash(String pbx, Map<String, String> typed, Map<String, String> errors) implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
	}

	/** What a refused form POST hands to the next page view (post-redirect-get). */
	record Flash(FormInput form, Map<String, String> errors) implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
	}
}
