package org.mediapath.diagnosis.store;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.report.DiagnosticReport;
import org.mediapath.api.store.ReportQuery;
import org.mediapath.api.store.ReportStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ReportStore} service: a {@link FileReportStore} in the configured directory, by
 * default the bundle's data area. A configuration change re-creates the component, and the new
 * store re-indexes the files, so nothing is lost across a change or a restart.
 */
@Component(service = ReportStore.class, configurationPid = ReportStoreComponent.PID)
@Designate(ocd = ReportStoreConfig.class)
public class ReportStoreComponent implements ReportStore {

	/** The configuration PID. */
	public static final String PID = "org.mediapath.diagnosis.store";

	/**
	 * Framework property naming the directory when no configuration does; {@code ~} stands for the
	 * user's home. The standalone console sets it, because its framework storage is created anew
	 * at each start and the bundle's data area would not survive a restart.
	 */
	public static final String DIRECTORY_PROPERTY = "mediapath.report.directory";

	private final FileReportStore store;

	static Path expandHome(String directory) {
		if (directory.equals("~") || directory.startsWith("~/")) {
			return Path.of(System.getProperty("user.home")).resolve(directory.substring(1).replaceFirst("^/", ""));
		}
		return Path.of(directory);
	}

	@Activate
	public ReportStoreComponent(BundleContext context, ReportStoreConfig config) {
		Logger logger = LoggerFactory.getLogger(ReportStoreComponent.class);
		Path directory;
		String fromFramework = context.getProperty(DIRECTORY_PROPERTY);
		if (config.directory().isBlank() && fromFramework != null && !fromFramework.isBlank()) {
			directory = expandHome(fromFramework.strip());
		} else if (config.directory().isBlank()) {
			File data = context.getDataFile("reports");
			if (data == null) {
				throw new IllegalStateException("directory: the framework gives this bundle no data area; configure "
						+ PID + " directory");
			}
			directory = data.toPath();
		} else {
			directory = Path.of(config.directory().strip());
		}
		this.store = new FileReportStore(directory, config.retention_max_reports(),
				Duration.ofDays(config.retention_max_age_days()), Clock.systemUTC(), logger::warn);
	}

	@Override
	public void store(DiagnosticReport report) {
		store.store(report);
	}

	@Override
	public Optional<DiagnosticReport> get(String id) {
		return store.get(id);
	}

	@Override
	public List<DiagnosticReport> find(ReportQuery query) {
		return store.find(query);
	}
}
