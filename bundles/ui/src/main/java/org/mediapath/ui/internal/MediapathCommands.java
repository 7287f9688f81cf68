package org.mediapath.ui.internal;

import java.util.Locale;
import java.util.Optional;

import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo commands over the report history: {@code mediapath:history [TARGET]} and
 * {@code mediapath:report ID}. They return text, which the shell prints; nothing here depends on
 * Gogo, so the bundle resolves without a shell.
 */
@Component(service = MediapathCommands.class, property = { "osgi.command.scope=mediapath",
		"osgi.command.function=history", "osgi.command.function=report" })
public class MediapathCommands {

	static final int HISTORY_LIMIT = 50;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
	private volatile ReportStore store;

	public MediapathCommands() {
	}

	/** For plain unit tests. */
	MediapathCommands(ReportStore store) {
		this.store = store;
	}

	/** @return the newest reports, one line each */
	public String history() {
		return history(null);
	}

	/**
	 * @param target only reports about this server
	 * @return the newest reports about it, one line each
	 */
	public String history(String target) {
		Texts t = Texts.of(Locale.getDefault());
		ReportStore s = store;
		if (s == null) {
			return t.get("cmd.nostore");
		}
		return ReportText.history(s.find(new ReportQuery(Optional.ofNullable(target).filter(x -> !x.isBlank()),
				Optional.empty(), Optional.empty(), HISTORY_LIMIT)), t);
	}

	/**
	 * @param id a report id, as mediapath:history lists them
	 * @return the report, verdict first
	 */
	public String report(String id) {
		Texts t = Texts.of(Locale.getDefault());
		ReportStore s = store;
		if (s == null) {
			return t.get("cmd.nostore");
		}
		return s.get(id).map(r -> ReportText.report(r, t)).orElse(t.get("cmd.report.notfound", id));
	}
}
