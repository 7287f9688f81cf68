package org.mediapath.diagnosis.cli;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.store.ReportStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code mediapath report ID [--json]}: one stored report; exit 0 OK, 1 cause found, 2 unknown id. */
@Component(property = { Subcommand.NAME + "=report", Subcommand.SUMMARY + "=print one stored report by its id" })
public class ReportSubcommand implements Subcommand {

	private final ReportStore store;

	@Activate
	public ReportSubcommand(@Reference ReportStore store) {
		this.store = store;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return HistoryCommand.report(store, arguments, io);
	}
}
