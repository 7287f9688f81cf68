package org.mediapath.diagnosis.cli;

import java.util.List;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.mediapath.api.store.ReportStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code mediapath history [--target HOST] [--since INSTANT] [--limit N] [--json]}. */
@Component(property = { Subcommand.NAME + "=history", Subcommand.SUMMARY + "=list stored diagnostic reports, newest first" })
public class HistorySubcommand implements Subcommand {

	private final ReportStore store;

	@Activate
	public HistorySubcommand(@Reference ReportStore store) {
		this.store = store;
	}

	@Override
	public int run(List<String> arguments, CommandIO io) {
		return HistoryCommand.history(store, arguments, io);
	}
}
