package org.mediapath.ui.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.mediapath.api.browser.BrowserInvitation;
import org.mediapath.api.pbx.PbxEntry;
import org.mediapath.api.report.Cause;
import org.mediapath.api.report.ConfidenceLevel;
import org.mediapath.api.report.CheckResult;
import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.report.Evidence;
import org.mediapath.api.report.Verdict;

/**
 * Writes the plugin's HTML (the Web Console adds its header, menu and footer around it). Every
 * value from a user, a report or the network goes through {@link Html}; the page's own words come
 * from {@link Texts}. Element ids are stable (bundles/ui/README.md lists them for browser tests).
 */
final class Page {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
			.withZone(ZoneOffset.UTC);

	private final StringBuilder out = new StringBuilder(16384);
	private final Texts t;
	private final String pluginRoot;

	Page(Texts texts, String pluginRoot) {
		this.t = texts;
		this.pluginRoot = pluginRoot;
	}

	@Override
	public String toString() {
		return out.toString();
	}

	/** @return an element id made of letters, digits, '-' and '_' only */
	static String id(String prefix, String value) {
		return prefix + value.replaceAll("[^A-Za-z0-9_-]", "_");
	}

	private Page w(String s) {
		out.append(s);
		return this;
	}

	/** Own words: escaped too, since a translation is data as well. */
	private Page tx(String key, Object... args) {
		out.append(Html.text(t.get(key, args)));
		return this;
	}

	void open(String resRoot) {
		w("<div id='mediapath' class='mediapath' data-plugin-root='").w(Html.attr(pluginRoot)).w("'>\n");
		w("<p class='mp-intro'>").tx("plugin.intro").w("</p>\n");
		w("<noscript><p>").tx("js.noscript").w("</p></noscript>\n");
	}

	void close(String resRoot, Map<String, Object> data) {
		Map<String, Object> i18n = new LinkedHashMap<>();
		for (String key : new String[] { "state.waiting", "state.running", "state.pass", "state.fail", "state.warn",
				"state.skipped", "state.error", "state.timeout", "progress.done", "progress.unknown", "progress.open", "progress.cancelled",
				"pictures.legend.pass", "pictures.legend.blocked", "pictures.legend.other", "pictures.legend.unprobed",
				"pictures.direction.CLIENT_TO_SERVER", "pictures.direction.SERVER_TO_CLIENT", "pictures.route.vpn",
				"pictures.route.gateway", "pictures.route.interface", "pictures.route.server", "paste.warnings",
				"paste.explanation", "form.invalid", "error.csrf", "firewall.col.ports", "firewall.col.verdict",
				"firewall.col.rule", "firewall.col.reason", "firewall.warnings", "firewall.formats", "firewall.uncovered" }) {
			i18n.put(key, t.get(key));
		}
		i18n.put("progress.running", t.get("progress.running", "{0}"));
		i18n.put("progress.failed", t.get("progress.failed", "{0}"));
		i18n.put("progress.queued", t.get("progress.queued", "{0}", "{1}"));
		i18n.put("progress.polling.stopped", t.get("progress.polling.stopped", "{0}"));
		// the live view of browser runs: raw patterns, the script fills in {0}, {1}, ...
		for (String key : t.keys("browser.")) {
			i18n.put(key, t.get(key));
		}
		w("<script type='application/json' id='mp-i18n'>").w(Json.write(i18n)).w("</script>\n");
		w("<script type='application/json' id='mp-data'>").w(Json.write(data)).w("</script>\n");
		w("<script src='").w(Html.attr(resRoot + "/mediapath.js")).w("'></script>\n");
		w("</div>\n");
	}

	void services(boolean diagnosis, boolean store, boolean route) {
		w("<section id='mp-services' class='mp-section'><h2>").tx("services.title").w("</h2>\n");
		if (diagnosis && store && route) {
			w("<p class='mp-ok'>").tx("services.ok").w("</p>");
		}
		if (!diagnosis) {
			w("<p id='mp-missing-diagnosis' class='mp-missing' role='alert'>").tx("services.missing.diagnosis").w("</p>\n");
		}
		if (!store) {
			w("<p id='mp-missing-store' class='mp-missing'>").tx("services.missing.store").w("</p>\n");
		}
		if (!route) {
			w("<p id='mp-missing-route' class='mp-missing'>").tx("services.missing.route").w("</p>\n");
		}
		w("</section>\n");
	}

	/**
	 * The diagnosis form: "PBX: [name] [Run]", where the probes run from, and a server by hand
	 * (without a responder) folded away below.
	 *
	 * @param pbxs the PBXs kept by name, or null when no PBX directory is installed
	 * @param vantage where the probes run from, in words ("HOST, ADDR")
	 */
	void form(FormInput input, Map<String, String> errors, String csrf, boolean enabled, List<PbxEntry> pbxs,
			String vantage) {
		w("<section class='mp-section'><h2>").tx("form.title").w("</h2>\n");
		w("<form id='mp-form' method='post' action='").w(Html.attr(pluginRoot + "/run")).w("' novalidate>\n");
		w("<input type='hidden' id='mp-csrf' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>\n");
		w("<p id='mp-form-error' class='mp-error' role='alert'").w(errors.isEmpty() ? " hidden>" : ">")
				.w(errors.isEmpty() ? "" : Html.text(t.get("form.invalid"))).w("</p>\n");
		String pbxError = errors.get(FormInput.PBX);
		w("<div class='mp-field mp-pbx-pick").w(pbxError == null ? "" : " mp-invalid").w("'>");
		w("<label for='mp-pbx'>").tx("form.pbx").w("</label>");
		w("<span class='mp-pick'><select id='mp-pbx' name='pbx' aria-describedby='mp-vantage mp-help-pbx mp-error-pbx'>");
		boolean byHand = input.pbx().isEmpty() || pbxs == null
				|| pbxs.stream().noneMatch(e -> e.name().equals(input.pbx()));
		if (pbxs != null) {
			for (PbxEntry e : pbxs) {
				w("<option value='").w(Html.attr(e.name())).w("'").w(!byHand && e.name().equals(input.pbx()) ? " selected" : "")
						.w(">").w(Html.text(e.name())).w("</option>");
			}
		}
		w("<option value=''").w(byHand ? " selected" : "").w(">").tx("form.pbx.byhand").w("</option></select> ");
		w("<button type='submit' id='mp-run'").w(enabled ? "" : " disabled").w(">").tx("form.submit").w("</button></span>");
		w("<span id='mp-vantage' class='mp-vantage'>").tx("form.vantage", vantage).w("</span>");
		w("<span id='mp-help-pbx' class='mp-help'>").tx(pbxs == null ? "form.pbx.none" : "form.pbx.help").w("</span>");
		w("<span id='mp-error-pbx' class='mp-error' role='alert'>").w(pbxError == null ? "" : Html.text(pbxError))
				.w("</span></div>\n");
		boolean fieldErrors = errors.keySet().stream().anyMatch(k -> !k.equals(FormInput.PBX));
		w("<details id='mp-byhand'").w(byHand || fieldErrors ? " open" : "").w("><summary>").tx("form.byhand").w("</summary>\n");
		for (String field : FormInput.TEXT_FIELDS) {
			String error = errors.get(field);
			w("<div class='mp-field").w(error == null ? "" : " mp-invalid").w("'>");
			w("<label for='mp-").w(field).w("'>").tx("form." + field).w("</label>");
			w("<input type='text' id='mp-").w(field).w("' name='").w(field).w("' value='")
					.w(Html.attr(input.value(field))).w("' aria-describedby='mp-help-").w(field).w(" mp-error-")
					.w(field).w("'").w(error == null ? "" : " aria-invalid='true'").w(">");
			w("<span id='mp-help-").w(field).w("' class='mp-help'>").tx("form." + field + ".help").w("</span>");
			w("<span id='mp-error-").w(field).w("' class='mp-error' role='alert'>")
					.w(error == null ? "" : Html.text(error)).w("</span>");
			w("</div>\n");
		}
		w("<div class='mp-field'><label for='mp-require-vpn'>").tx("form.require-vpn").w("</label>");
		w("<input type='checkbox' id='mp-require-vpn' name='require-vpn' value='true'")
				.w(input.requireVpn() ? " checked" : "").w(" aria-describedby='mp-help-require-vpn'>");
		w("<span id='mp-help-require-vpn' class='mp-help'>").tx("form.require-vpn.help").w("</span></div>\n");
		w("<p class='mp-help'>").tx("form.defaults").w("</p></details>\n");
		w("</form></section>\n");
	}

	/**
	 * The PBXs kept by name: a list with remove buttons and a small form to add or replace one. The
	 * secret field is write-only: it is never filled in, and a stored secret shows only as "stored".
	 */
	void pbxs(List<PbxEntry> pbxs, String csrf, Map<String, String> errors, Map<String, String> typed, String saved) {
		w("<section id='mp-pbxs' class='mp-section'><h2>").tx("pbxs.title").w("</h2>\n");
		if (saved != null) {
			w("<p id='mp-pbx-saved' class='mp-ok' role='status'>").tx("pbxs.saved", saved).w("</p>\n");
		}
		w("<table id='mp-pbx-list' class='mp-table'><thead><tr><th>").tx("pbxs.name").w("</th><th>").tx("form.server")
				.w("</th><th>").tx("pbxs.responder").w("</th><th>").tx("pbxs.secret").w("</th><th></th></tr></thead><tbody>");
		for (PbxEntry e : pbxs) {
			w("<tr data-pbx='").w(Html.attr(e.name())).w("'><td>").w(Html.text(e.name())).w("</td><td>")
					.w(Html.text(e.server() + ":" + e.signallingPort())).w("</td><td>")
					.w(Html.text(e.responder().map(Object::toString).orElse("\u2014"))).w("</td><td>")
					.tx(e.builtIn() ? "pbxs.secret.builtin" : e.secretStored() ? "pbxs.secret.stored" : "pbxs.secret.none")
					.w("</td><td>");
			if (!e.builtIn()) {
				w("<form method='post' class='mp-inline' action='").w(Html.attr(pluginRoot + "/pbx-remove")).w("'>")
						.w("<input type='hidden' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>")
						.w("<input type='hidden' name='name' value='").w(Html.attr(e.name())).w("'>")
						.w("<button type='submit' class='mp-pbx-remove'>").tx("pbxs.remove").w("</button></form>");
			}
			w("</td></tr>");
		}
		w("</tbody></table>\n");
		w("<details id='mp-pbx-edit'").w(errors.isEmpty() ? "" : " open").w("><summary>").tx("pbxs.add").w("</summary>\n");
		w("<form id='mp-pbx-form' method='post' action='").w(Html.attr(pluginRoot + "/pbx")).w("' autocomplete='off'>\n");
		w("<input type='hidden' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>\n");
		for (String field : PbxForm.TEXT_FIELDS) {
			String error = errors.get(field);
			boolean secret = field.equals(PbxForm.SECRET);
			w("<div class='mp-field").w(error == null ? "" : " mp-invalid").w("'>");
			w("<label for='mp-pbx-").w(field).w("'>").tx("pbxs." + field).w("</label>");
			w("<input type='").w(secret ? "password" : "text").w("' id='mp-pbx-").w(field).w("' name='").w(field).w("'")
					.w(secret ? " autocomplete='new-password' value=''"
							: " value='" + Html.attr(typed.getOrDefault(field, PbxForm.defaultOf(field))) + "'")
					.w(" aria-describedby='mp-pbx-help-").w(field).w("'>");
			w("<span id='mp-pbx-help-").w(field).w("' class='mp-help'>").tx("pbxs." + field + ".help").w("</span>");
			w("<span class='mp-error' role='alert'>").w(error == null ? "" : Html.text(error)).w("</span></div>\n");
		}
		w("<div class='mp-field'><label for='mp-pbx-require-vpn'>").tx("form.require-vpn").w("</label>");
		w("<input type='checkbox' id='mp-pbx-require-vpn' name='require-vpn' value='true'")
				.w("true".equals(typed.get(PbxForm.REQUIRE_VPN)) ? " checked" : "").w("></div>\n");
		w("<div class='mp-actions'><button type='submit' id='mp-pbx-save'>").tx("pbxs.save").w("</button></div>\n");
		w("</form></details></section>\n");
	}

	/** A link shown on the page: its PBX, the invitation, and where the live view polls its runs. */
	record Shown(String pbx, BrowserInvitation invitation, String runsUrl) {
	}

	/**
	 * "Test from a user's PC": the form that asks a PBX's responder for a link, then the link (text
	 * to copy and a QR code drawn here as SVG) and the live view of its runs, filled in by the script.
	 *
	 * @param pbxs the PBXs kept by name (those with a responder can serve a link), or null without a directory
	 * @param preferred the PBX to pick first (the diagnosis form's)
	 * @param typed the fields as typed (after a refusal) or the defaults
	 * @param errors messages per field after a refusal
	 * @param typedPbx the PBX picked in a refused post, or null
	 * @param shown the link to show, or null
	 * @param problem why a link asked for by the address cannot be shown, or null
	 * @param recent the links made from this page, newest first
	 * @param reportShown whether the page shows a report (or a run or a comparison) below: the form then starts folded
	 */
	void browserTest(List<PbxEntry> pbxs, String preferred, String csrf, boolean service, boolean diagnosis,
			Map<String, String> typed, Map<String, String> errors, String typedPbx, Shown shown, String problem,
			List<Invitations.Made> recent, boolean reportShown) {
		w("<section id='mp-browser' class='mp-section'><h2>").tx("browser.title").w("</h2>\n");
		w("<p class='mp-help'>").tx("browser.intro").w("</p>\n");
		if (!service) {
			w("<p id='mp-missing-browser' class='mp-missing'>").tx("browser.missing.service").w("</p>\n");
		} else if (!diagnosis) {
			w("<p id='mp-missing-browser-diagnosis' class='mp-missing'>").tx("browser.missing.diagnosis").w("</p>\n");
		}
		if (problem != null) {
			w("<p id='mp-invitation-problem' class='mp-error' role='alert'>").w(Html.text(problem)).w("</p>\n");
		}
		if (shown != null) {
			invitation(shown);
		}
		List<PbxEntry> withResponder = pbxs == null ? List.of() : pbxs.stream().filter(e -> e.responder().isPresent()).toList();
		String picked = typedPbx != null ? typedPbx : shown != null ? shown.pbx() : preferred;
		// folded away unless a refused post needs its messages seen, or the page has nothing else to show
		w("<details id='mp-invite'").w(!errors.isEmpty() || (shown == null && !reportShown) ? " open" : "").w("><summary>")
				.tx(shown == null ? "browser.invite.title" : "browser.invite.another").w("</summary>\n");
		w("<form id='mp-invite-form' method='post' action='").w(Html.attr(pluginRoot + "/invite")).w("' novalidate>\n");
		w("<input type='hidden' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>\n");
		w("<p id='mp-invite-form-error' class='mp-error' role='alert'").w(errors.isEmpty() ? " hidden>" : ">")
				.w(errors.isEmpty() ? "" : Html.text(t.get("form.invalid"))).w("</p>\n");
		String pbxError = errors.get(InviteForm.PBX);
		w("<div class='mp-field").w(pbxError == null ? "" : " mp-invalid").w("'><label for='mp-invite-pbx'>").tx("form.pbx")
				.w("</label><select id='mp-invite-pbx' name='pbx' aria-describedby='mp-invite-help-pbx mp-invite-error-pbx'")
				.w(pbxError == null ? "" : " aria-invalid='true'").w(">");
		boolean any = false;
		for (PbxEntry e : withResponder) {
			boolean sel = !any && e.name().equals(picked);
			any |= sel;
			w("<option value='").w(Html.attr(e.name())).w("'").w(sel ? " selected" : "").w(">").w(Html.text(e.name()))
					.w("</option>");
		}
		w("</select><span id='mp-invite-help-pbx' class='mp-help'>")
				.tx(withResponder.isEmpty() ? "browser.pbx.none" : "browser.pbx.help").w("</span>");
		w("<span id='mp-invite-error-pbx' class='mp-error' role='alert'>").w(pbxError == null ? "" : Html.text(pbxError))
				.w("</span></div>\n");
		for (String field : InviteForm.TEXT_FIELDS) {
			String error = errors.get(field);
			w("<div class='mp-field").w(error == null ? "" : " mp-invalid").w("'>");
			w("<label for='mp-invite-").w(field).w("'>").tx("browser.form." + field).w("</label>");
			w("<input type='text' id='mp-invite-").w(field).w("' name='").w(field).w("' value='")
					.w(Html.attr(typed.getOrDefault(field, ""))).w("'")
					.w(field.equals(InviteForm.LABEL) ? " maxlength='" + org.mediapath.api.browser.InvitationRequest.MAX_LABEL + "'" : "")
					.w(" aria-describedby='mp-invite-help-").w(field).w(" mp-invite-error-").w(field).w("'")
					.w(error == null ? "" : " aria-invalid='true'").w(">");
			w("<span id='mp-invite-help-").w(field).w("' class='mp-help'>").tx("browser.form." + field + ".help").w("</span>");
			w("<span id='mp-invite-error-").w(field).w("' class='mp-error' role='alert'>")
					.w(error == null ? "" : Html.text(error)).w("</span></div>\n");
			if (field.equals(InviteForm.LABEL)) {
				w("<div class='mp-field'><label for='mp-invite-require-vpn'>").tx("form.require-vpn").w("</label>");
				w("<input type='checkbox' id='mp-invite-require-vpn' name='require-vpn' value='true'")
						.w("true".equals(typed.get(InviteForm.REQUIRE_VPN)) ? " checked" : "")
						.w(" aria-describedby='mp-invite-help-require-vpn'>");
				w("<span id='mp-invite-help-require-vpn' class='mp-help'>").tx("browser.form.require-vpn.help")
						.w("</span></div>\n");
			}
		}
		w("<div class='mp-actions'><button type='submit' id='mp-invite-submit'")
				.w(service && !withResponder.isEmpty() ? "" : " disabled").w(">").tx("browser.invite.submit")
				.w("</button></div>\n</form></details>\n");
		if (!recent.isEmpty()) {
			w("<details id='mp-invite-recent'><summary>").tx("browser.recent").w("</summary><ul>");
			for (Invitations.Made m : recent) {
				BrowserInvitation i = m.invitation();
				w("<li data-token='").w(Html.attr(i.token())).w("'><a href='")
						.w(Html.attr(pluginRoot + "?invitation=" + Html.query(i.token()) + "&pbx=" + Html.query(m.pbx())
								+ "#mp-browser"))
						.w("'>").w(Html.text(m.pbx())).w("</a> ").tx("browser.recent.item", TIME.format(i.created()),
								TIME.format(i.expires()), i.uses(), i.label().isEmpty() ? "\u2014" : i.label())
						.w("</li>");
			}
			w("</ul></details>\n");
		}
		w("</section>\n");
	}

	private void invitation(Shown shown) {
		BrowserInvitation i = shown.invitation();
		w("<div id='mp-invitation' data-token='").w(Html.attr(i.token())).w("' data-pbx='").w(Html.attr(shown.pbx()))
				.w("'>\n");
		w("<h3>").tx("browser.link.title", shown.pbx()).w("</h3>\n");
		w("<p>").tx("browser.link.send").w("</p>\n");
		boolean web = i.url().startsWith("http://") || i.url().startsWith("https://");
		// as wide as the link (up to the column), so that the whole link is seen before it is copied
		w("<div class='mp-link'><input type='text' readonly id='mp-invite-link' size='")
				.w(Integer.toString(Math.max(20, Math.min(i.url().length() + 2, 110)))).w("' value='").w(Html.attr(i.url()))
				.w("' aria-label='").w(Html.attr(t.get("browser.link.label"))).w("' spellcheck='false'> ")
				.w("<button type='button' id='mp-invite-copy'>").tx("browser.link.copy").w("</button>")
				.w("<span id='mp-invite-copied' class='mp-help' role='status'></span></div>\n");
		if (web) {
			try {
				w("<figure class='mp-qrfig'>").w(QrSvg.svg(i.url(), "mp-invite-qr", Html.attr(t.get("browser.qr.label"))))
						.w("<figcaption>").tx("browser.qr.caption").w("</figcaption></figure>\n");
			} catch (RuntimeException tooLong) {
				w("<p id='mp-invite-qr-none' class='mp-help'>").tx("browser.qr.none").w("</p>\n");
			}
		} else {
			w("<p id='mp-invite-qr-none' class='mp-error'>").tx("browser.link.notweb").w("</p>\n");
		}
		String vpn = i.policy().requireVpn()
				? t.get("browser.policy.require", i.policy().vpnAddressRanges().isEmpty() ? "\u2014"
						: String.join(", ", i.policy().vpnAddressRanges()))
				: i.policy().vpnAddressRanges().isEmpty() ? t.get("browser.policy.none")
						: t.get("browser.policy.known", String.join(", ", i.policy().vpnAddressRanges()));
		w("<p id='mp-invite-meta' class='mp-meta'>").tx("browser.link.meta", TIME.format(i.expires()), i.uses(),
				i.usesLeft(), i.label().isEmpty() ? "\u2014" : i.label(), vpn).w("</p>\n");
		w("<div id='mp-bt-live' aria-live='polite'><h3>").tx("browser.live.title").w("</h3>");
		w("<p id='mp-bt-status' class='mp-help'>").tx("browser.live.waiting").w("</p>");
		w("<button type='button' id='mp-bt-resume' hidden>").tx("browser.live.resume").w("</button>");
		w("<div id='mp-bt-runs'></div></div>\n");
		w("</div>\n");
	}

	/** @return whether a report was made of a run in a user's browser (its vantage point's origin says so) */
	static boolean fromBrowser(org.mediapath.api.report.VantagePoint v) {
		return org.mediapath.api.report.VantagePoint.USERS_BROWSER.equals(v.origin());
	}

	void runUnknown(String runId) {
		w("<p id='mp-run-unknown' class='mp-missing' role='alert'>").tx("progress.unknown").w(" <code>")
				.w(Html.text(runId)).w("</code></p>\n");
	}

	void progress(String runId, String csrf) {
		w("<section id='mp-progress' class='mp-section' data-run='").w(Html.attr(runId == null ? "" : runId)).w("'")
				.w(runId == null ? " hidden" : "").w(" aria-live='polite'><h2>").tx("progress.title").w("</h2>\n");
		w("<p id='mp-progress-status'></p>\n");
		w("<table id='mp-progress-checks' class='mp-table'><thead><tr><th>").tx("checks.check").w("</th><th>")
				.tx("checks.status").w("</th><th>").tx("checks.duration").w("</th><th>").tx("checks.summary")
				.w("</th></tr></thead><tbody></tbody></table>\n");
		w("<form id='mp-cancel-form' method='post' action='").w(Html.attr(pluginRoot + "/cancel")).w("'>")
				.w("<input type='hidden' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>")
				.w("<input type='hidden' id='mp-cancel-run' name='run' value='").w(Html.attr(runId == null ? "" : runId))
				.w("'><button type='submit' id='mp-cancel'>").tx("progress.cancel").w("</button></form>\n");
		w("<p><a id='mp-progress-open' href='#' hidden>").tx("progress.open").w("</a></p>\n");
		w("</section>\n");
	}

	void reportNotFound(String id) {
		w("<section id='mp-report' class='mp-section'><p class='mp-error' role='alert'>").tx("report.notfound", id)
				.w("</p></section>\n");
	}

	/** The report, verdict first: verdict, causes with remediation and evidence, pictures, every check. */
	void report(DiagnosticReport r) {
		w("<section id='mp-report' class='mp-section' data-report='").w(Html.attr(r.id())).w("'>\n");
		w("<h2>").tx("report.title", r.id()).w("</h2>\n");
		w("<p id='mp-verdict' class='mp-verdict mp-verdict-").w(r.verdict().name().toLowerCase()).w("' data-verdict='")
				.w(r.verdict().name()).w("' role='status'>");
		w(Html.text(switch (r.verdict()) {
		case OK -> t.get("verdict.OK");
		case FAILED -> t.get("verdict.FAILED", r.causes().size());
		case INCONCLUSIVE -> t.get("verdict.INCONCLUSIVE");
		})).w("</p>\n");
		if (r.unproven().isPresent()) {
			w("<p id='mp-unproven' class='mp-unproven'>").tx("verdict.unproven", r.unproven().get()).w("</p>\n");
		}
		w("<p class='mp-meta'>").tx("report.meta", r.target(), TIME.format(r.started()), r.duration().toMillis())
				.w(" &middot; <a id='mp-download' href='").w(Html.attr(pluginRoot + "/report.json?id=" + Html.query(r.id())))
				.w("' download>").tx("report.download").w("</a></p>\n");
		r.vantagePoint().ifPresent(v -> {
			String addresses = v.clientAddresses().isEmpty() ? "\u2014" : String.join(", ", v.clientAddresses());
			if (fromBrowser(v)) {
				// the user's browser ran the test: its name, its operating system and the address the PBX saw
				w("<p id='mp-report-vantage' class='mp-meta mp-origin-browser' data-origin='").w(Html.attr(v.origin()))
						.w("'><span class='mp-badge mp-badge-browser'>").tx("origin.browser").w("</span> ")
						.tx("report.vantage.browser", v.hostName(), addresses, v.operatingSystem(), v.productVersion())
						.w("</p>\n");
			} else {
				w("<p id='mp-report-vantage' class='mp-meta' data-origin='").w(Html.attr(v.origin())).w("'>")
						.tx("report.vantage", v.hostName(), addresses, v.operatingSystem(), v.productVersion(),
								t.getOr("origin." + v.origin().replace(' ', '-'), v.origin()))
						.w("</p>\n");
			}
		});
		if (!r.causes().isEmpty()) {
			w("<ol id='mp-causes' class='mp-causes'>\n");
			for (Cause c : r.causes()) {
				cause(c);
			}
			w("</ol>\n");
		}
		pictures(r);
		checks(r.checks());
		w("</section>\n");
	}

	private void cause(Cause c) {
		w("<li id='").w(id("mp-cause-", c.id())).w("' class='mp-cause' data-cause='").w(Html.attr(c.id())).w("'>");
		w("<h3>").w(Html.text(t.getOr("cause." + c.id(), c.id()))).w(" <code>").w(Html.text(c.id())).w("</code>")
				.w(" <span class='mp-confidence' data-confidence='").w(Double.toString(c.confidence())).w("' title='")
				.w(Html.attr(t.get("cause.confidence.title", c.confidence()))).w("'>")
				.tx("confidence." + ConfidenceLevel.of(c.confidence()).name()).w("</span></h3>\n");
		w("<div id='").w(id("mp-remediation-", c.id())).w("' class='mp-remediation'><strong>").tx("cause.fix")
				.w(":</strong> <span class='mp-side' data-side='").w(c.remediation().side().name()).w("'>")
				.tx("side." + c.remediation().side().name()).w("</span><p>").w(Html.text(c.remediation().action()))
				.w("</p></div>\n");
		w("<details class='mp-evidence' open><summary>").tx("cause.evidence").w("</summary><ul>");
		for (Evidence e : c.evidence()) {
			evidence(e);
		}
		w("</ul></details></li>\n");
	}

	private void evidence(Evidence e) {
		w("<li><code>").w(Html.text(e.checkId())).w("</code> ").w(Html.text(e.statement())).w("</li>");
	}

	private void pictures(DiagnosticReport r) {
		w("<section class='mp-pictures'><h3>").tx("pictures.title").w("</h3>\n");
		List<Map<String, Object>> maps = Pictures.portMaps(r);
		w("<div id='mp-portmaps' class='mp-portmaps'><h4>").tx("pictures.portmap").w("</h4>");
		if (maps.isEmpty()) {
			w("<p>").tx("pictures.portmap.none").w("</p>");
		}
		for (Map<String, Object> map : maps) {
			// the runs as text too: the accessible and script-free form of the picture
			w("<details class='mp-runs'><summary>").tx("pictures.runs").w(": ").w(Html.text(map.get("title")))
					.w(" (").tx("pictures.direction." + map.get("direction")).w(")</summary><ul>");
			for (Object o : (List<?>) map.get("runs")) {
				Map<?, ?> run = (Map<?, ?>) o;
				w("<li>").w(Html.text(run.get("first") + "-" + run.get("last") + " " + run.get("outcome") + " ("
						+ run.get("probed") + " probed)")).w("</li>");
			}
			w("</ul></details>");
		}
		w("</div>\n");
		w("<div id='mp-icetimelines' class='mp-ice'><h4>").tx("pictures.ice").w("</h4>");
		if (Pictures.iceTimelines(r).isEmpty()) {
			w("<p>").tx("pictures.ice.none").w("</p>");
		}
		w("</div>\n");
		w("<div id='mp-routepath' class='mp-route'><h4>").tx("pictures.route").w("</h4>");
		if (Pictures.routePath(r).isEmpty()) {
			w("<p>").tx("pictures.route.none").w("</p>");
		}
		w("</div>\n</section>\n");
	}

	private void checks(List<CheckResult> checks) {
		w("<h3>").tx("checks.title").w("</h3>\n");
		if (checks.isEmpty()) {
			w("<p>").tx("checks.none").w("</p>\n");
			return;
		}
		w("<table id='mp-checks' class='mp-table'><thead><tr><th>").tx("checks.check").w("</th><th>")
				.tx("checks.status").w("</th><th>").tx("checks.summary").w("</th><th>").tx("checks.duration")
				.w("</th></tr></thead><tbody>\n");
		for (CheckResult c : checks) {
			String status = c.status().name();
			w("<tr id='").w(id("mp-check-", c.checkId())).w("' class='mp-status-").w(status.toLowerCase())
					.w("' data-check='").w(Html.attr(c.checkId())).w("' data-status='").w(status).w("'>");
			w("<td>").w(Html.text(c.title())).w(" <code>").w(Html.text(c.checkId())).w("</code></td>");
			w("<td><span class='mp-badge mp-badge-").w(status.toLowerCase()).w("'>").tx("state." + status.toLowerCase())
					.w("</span></td>");
			w("<td>").w(Html.text(c.summary()));
			if (!c.evidence().isEmpty()) {
				w("<ul class='mp-check-evidence'>");
				for (Evidence e : c.evidence()) {
					evidence(e);
				}
				w("</ul>");
			}
			if (!c.measurements().isEmpty()) {
				w("<details><summary>").tx("checks.measurements").w("</summary><dl class='mp-measurements'>");
				Set<String> keys = new TreeSet<>(c.measurements().keySet());
				for (String k : keys) {
					w("<dt>").w(Html.text(k)).w("</dt><dd>").w(Html.text(Json.plain(c.measurements().get(k))))
							.w("</dd>");
				}
				w("</dl></details>");
			}
			w("</td><td>").w(Long.toString(c.duration().toMillis())).w("</td></tr>\n");
		}
		w("</tbody></table>\n");
	}

	void history(List<DiagnosticReport> reports, String target, Set<String> targets, String selectedA,
			String selectedB) {
		w("<section id='mp-history' class='mp-section'><h2>").tx("history.title").w("</h2>\n");
		w("<form id='mp-history-filter' method='get' action='").w(Html.attr(pluginRoot)).w("'><label for='mp-history-target'>")
				.tx("history.filter").w("</label> <select id='mp-history-target' name='target'><option value=''>")
				.tx("history.all").w("</option>");
		for (String tg : targets) {
			w("<option value='").w(Html.attr(tg)).w("'").w(tg.equals(target) ? " selected" : "").w(">")
					.w(Html.text(tg)).w("</option>");
		}
		w("</select> <button type='submit'>&#x21bb;</button></form>\n");
		if (reports.isEmpty()) {
			w("<p id='mp-history-none'>").tx("history.none").w("</p></section>\n");
			return;
		}
		w("<form id='mp-compare-form' method='get' action='").w(Html.attr(pluginRoot)).w("'>\n");
		w("<table id='mp-history-table' class='mp-table'><thead><tr><th>").tx("history.first").w("</th><th>")
				.tx("history.second").w("</th><th>").tx("history.started").w("</th><th>").tx("history.target")
				.w("</th><th>").tx("history.verdict").w("</th><th>").tx("history.causes").w("</th><th></th></tr></thead><tbody>\n");
		int i = 0;
		for (DiagnosticReport r : reports) {
			String rid = Html.attr(r.id());
			boolean a = selectedA != null ? r.id().equals(selectedA) : i == 1;
			boolean b = selectedB != null ? r.id().equals(selectedB) : i == 0;
			w("<tr id='").w(id("mp-history-", r.id())).w("' data-report='").w(rid).w("'>");
			w("<td><input type='radio' name='compare' value='").w(rid).w("' aria-label='").tx("history.first")
					.w(" ").w(rid).w("'").w(a ? " checked" : "").w("></td>");
			w("<td><input type='radio' name='with' value='").w(rid).w("' aria-label='").tx("history.second").w(" ")
					.w(rid).w("'").w(b ? " checked" : "").w("></td>");
			w("<td>").w(Html.text(TIME.format(r.started()))).w("</td><td>").w(Html.text(r.target()));
			if (r.vantagePoint().filter(Page::fromBrowser).isPresent()) {
				w(" <span class='mp-badge mp-badge-browser' data-origin='browser'>").tx("origin.browser").w("</span>");
			}
			w("</td>");
			w("<td><span class='mp-badge mp-badge-").w(switch (r.verdict()) {
			case OK -> "pass";
			case FAILED -> "fail";
			case INCONCLUSIVE -> "inconclusive";
			}).w("'>")
					.w(r.verdict().name()).w("</span></td><td>")
					.w(Html.text(String.join(", ", r.causes().stream().map(Cause::id).toList()))).w("</td>");
			w("<td><a href='").w(Html.attr(pluginRoot + "?report=" + Html.query(r.id()))).w("'>").tx("history.open")
					.w("</a> &middot; <a href='").w(Html.attr(pluginRoot + "/report.json?id=" + Html.query(r.id())))
					.w("' download>").tx("history.json").w("</a></td></tr>\n");
			i++;
		}
		w("</tbody></table>\n");
		if (target != null && !target.isEmpty()) {
			w("<input type='hidden' name='target' value='").w(Html.attr(target)).w("'>");
		}
		w("<button type='submit' id='mp-compare-submit'>").tx("history.compare").w("</button></form></section>\n");
	}

	void compare(ReportDiff d) {
		w("<section id='mp-compare' class='mp-section'><h2>")
				.tx("compare.title", d.older().id(), d.newer().id()).w("</h2>\n");
		w("<p id='mp-compare-verdict'>");
		if (d.verdictChanged()) {
			tx("compare.verdict", d.older().verdict().name(), d.newer().verdict().name());
		} else {
			tx("compare.verdict.same", d.newer().verdict().name());
		}
		w("</p>\n");
		if (!d.causesAdded().isEmpty()) {
			w("<h3>").tx("compare.added").w("</h3><ul id='mp-compare-added'>");
			d.causesAdded().forEach(c -> w("<li>").w(Html.text(t.getOr("cause." + c, c))).w(" <code>")
					.w(Html.text(c)).w("</code></li>"));
			w("</ul>\n");
		}
		if (!d.causesRemoved().isEmpty()) {
			w("<h3>").tx("compare.removed").w("</h3><ul id='mp-compare-removed'>");
			d.causesRemoved().forEach(c -> w("<li>").w(Html.text(t.getOr("cause." + c, c))).w(" <code>")
					.w(Html.text(c)).w("</code></li>"));
			w("</ul>\n");
		}
		if (!d.checkChanges().isEmpty()) {
			w("<h3>").tx("compare.checks").w("</h3><table id='mp-compare-checks' class='mp-table'><tbody>");
			for (ReportDiff.CheckChange c : d.checkChanges()) {
				w("<tr><td>").w(Html.text(c.title())).w(" <code>").w(Html.text(c.checkId())).w("</code></td><td>")
						.w(side(c.before())).w("</td><td>&rarr;</td><td>").w(side(c.after())).w("</td></tr>");
			}
			w("</tbody></table>\n");
		}
		if (!d.requestChanges().isEmpty()) {
			w("<h3>").tx("compare.request").w("</h3><ul id='mp-compare-request'>");
			d.requestChanges().forEach(c -> w("<li>").w(Html.text(c)).w("</li>"));
			w("</ul>\n");
		}
		if (!d.verdictChanged() && d.causesAdded().isEmpty() && d.causesRemoved().isEmpty()
				&& d.checkChanges().isEmpty() && d.requestChanges().isEmpty()) {
			w("<p>").tx("compare.nothing").w("</p>");
		}
		w("</section>\n");
	}

	void compareProblem(String key, Object... args) {
		w("<section id='mp-compare' class='mp-section'><p class='mp-error' role='alert'>").tx(key, args)
				.w("</p></section>\n");
	}

	private String side(CheckResult r) {
		if (r == null) {
			return Html.text(t.get("compare.absent"));
		}
		return "<span class='mp-badge mp-badge-" + r.status().name().toLowerCase() + "'>"
				+ Html.text(t.get("state." + r.status().name().toLowerCase())) + "</span> " + Html.text(r.summary());
	}

	void paste(String csrf, String defaultTarget, boolean enabled) {
		w("<section id='mp-paste' class='mp-section'><h2>").tx("paste.title").w("</h2><p>").tx("paste.intro").w("</p>\n");
		w("<form id='mp-paste-form' method='post' action='").w(Html.attr(pluginRoot + "/routes.json")).w("'>\n");
		w("<input type='hidden' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>\n");
		w("<div class='mp-field'><label for='mp-paste-target'>").tx("paste.target").w("</label><input type='text' ")
				.w("id='mp-paste-target' name='target' value='").w(Html.attr(defaultTarget))
				.w("' aria-describedby='mp-help-paste-target'><span id='mp-help-paste-target' class='mp-help'>")
				.tx("paste.target.help").w("</span></div>\n");
		w("<div class='mp-field mp-wide'><label for='mp-paste-text'>").tx("paste.text")
				.w("</label><textarea id='mp-paste-text' name='pasted' rows='10' spellcheck='false'></textarea></div>\n");
		w("<div class='mp-actions'><button type='submit' id='mp-paste-submit'").w(enabled ? "" : " disabled").w(">")
				.tx("paste.submit").w("</button></div>\n");
		w("<p id='mp-paste-error' class='mp-error' role='alert'></p>\n");
		w("<div id='mp-paste-result' aria-live='polite'></div>\n");
		w("</form></section>\n");
	}

	void firewall(String csrf, String defaultPorts, boolean enabled) {
		w("<section id='mp-firewall' class='mp-section'><h2>").tx("firewall.title").w("</h2><p>").tx("firewall.intro").w("</p>\n");
		if (!enabled) {
			w("<p id='mp-missing-firewall' class='mp-missing'>").tx("services.missing.firewall").w("</p>\n");
		}
		w("<form id='mp-firewall-form' method='post' action='").w(Html.attr(pluginRoot + "/firewall.json")).w("'>\n");
		w("<input type='hidden' name='mp-csrf' value='").w(Html.attr(csrf)).w("'>\n");
		w("<div class='mp-field'><label for='mp-firewall-ports'>").tx("firewall.ports").w("</label><input type='text' ")
				.w("id='mp-firewall-ports' name='ports' value='").w(Html.attr(defaultPorts))
				.w("' aria-describedby='mp-help-firewall-ports'><span id='mp-help-firewall-ports' class='mp-help'>")
				.tx("firewall.ports.help").w("</span></div>\n");
		w("<div class='mp-field'><label for='mp-firewall-direction'>").tx("firewall.direction")
				.w("</label><select id='mp-firewall-direction' name='direction'><option value='in'>").tx("firewall.direction.in")
				.w("</option><option value='out'>").tx("firewall.direction.out").w("</option></select></div>\n");
		w("<div class='mp-field'><label for='mp-firewall-protocol'>").tx("firewall.protocol")
				.w("</label><select id='mp-firewall-protocol' name='protocol'><option value='udp'>UDP</option>")
				.w("<option value='tcp'>TCP</option></select></div>\n");
		w("<div class='mp-field'><label for='mp-firewall-program'>").tx("firewall.program")
				.w("</label><input type='text' id='mp-firewall-program' name='program' aria-describedby='mp-help-firewall-program'>")
				.w("<span id='mp-help-firewall-program' class='mp-help'>").tx("firewall.program.help").w("</span></div>\n");
		w("<div class='mp-field mp-wide'><label for='mp-firewall-text'>").tx("firewall.text")
				.w("</label><textarea id='mp-firewall-text' name='pasted' rows='10' spellcheck='false'></textarea></div>\n");
		w("<div class='mp-actions'><button type='submit' id='mp-firewall-submit'").w(enabled ? "" : " disabled").w(">")
				.tx("firewall.submit").w("</button></div>\n");
		w("<p id='mp-firewall-error' class='mp-error' role='alert'></p>\n");
		w("<div id='mp-firewall-result' aria-live='polite'></div>\n");
		w("</form></section>\n");
	}
}
