package org.mediapath.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mediapath.api.cli.CommandIO;
import org.mediapath.api.cli.Subcommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Bridges the bnd launcher of the runnable jar to the subcommands: reads the launcher's
 * arguments and hands the launcher a main-thread {@link Callable} whose return value becomes the
 * process's exit code.
 *
 * <p>Only active where the framework property {@value #ENABLE_PROPERTY} is {@code true} (the
 * runnable jar), so that test runtimes, whose tester owns the main thread, can hold this bundle too.
 */
@Component(immediate = true)
public class MainThread {

	/** Framework property that makes this bundle take the launcher's main thread. */
	static final String ENABLE_PROPERTY = "mediapath.cli";

	/** The bnd launcher publishes the process arguments under this service property. */
	private static final String LAUNCHER_ARGUMENTS = "launcher.arguments";

	/** How long a subcommand waits for the runtime to finish starting before it runs anyway. */
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private final List<CommandLine.Entry> subcommands = new CopyOnWriteArrayList<>();
	private final BundleContext context;
	private final ServiceRegistration<?> registration;

	@Activate
	public MainThread(BundleContext context,
			@Reference(service = Object.class, target = "(" + LAUNCHER_ARGUMENTS + "=*)") ServiceReference<Object> launcher) {
		this.context = context;
		if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
			registration = null;
			return;
		}
		quietJavaLogging();
		List<String> arguments = toArguments(launcher.getProperty(LAUNCHER_ARGUMENTS));
		Dictionary<String, Object> properties = new Hashtable<>();
		properties.put("main.thread", Boolean.TRUE);
		registration = context.registerService(Callable.class, new Main(arguments), properties);
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addSubcommand(Subcommand command, Map<String, Object> properties) {
		Object name = properties.get(Subcommand.NAME);
		if (name != null) {
			Object summary = properties.getOrDefault(Subcommand.SUMMARY, "");
			subcommands.add(new CommandLine.Entry(name.toString(), summary.toString(), command));
		}
	}

	void removeSubcommand(Subcommand command) {
		subcommands.removeIf(entry -> entry.command() == command);
	}

	@Deactivate
	void deactivate() {
		if (registration != null) {
			try {
				registration.unregister();
			} catch (IllegalStateException alreadyGone) {
				// the framework is stopping and took it already
			}
		}
	}

	/**
	 * The launcher checks the type argument of the main-thread service by reflection, so this is
	 * a class that names {@code Callable<Integer>}, not a lambda.
	 */
	private final class Main implements Callable<Integer> {
		private final List<String> arguments;

		Main(List<String> arguments) {
			this.arguments = arguments;
		}

		@Override
		public Integer call() throws InterruptedException {
			return run(arguments);
		}
	}

	private Integer run(List<String> arguments) throws InterruptedException {
		CommandIO io = CommandIO.system();
		try {
			awaitStartLevels();
			int code = CommandLine.execute(arguments, List.copyOf(subcommands), io);
			io.out().flush();
			return code;
		} catch (Exception e) {
			io.err().println("mediapath: " + e);
			return Subcommand.EXIT_FAILURE;
		}
	}

	/**
	 * The launcher hands over the main thread while the start levels are still climbing, so a
	 * subcommand's bundle may not have started yet: wait until the framework has reached the
	 * start level of every installed bundle.
	 */
	private void awaitStartLevels() throws InterruptedException {
		int highest = Arrays.stream(context.getBundles())
				.mapToInt(bundle -> bundle.adapt(BundleStartLevel.class).getStartLevel()).max().orElse(1);
		FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
				.adapt(FrameworkStartLevel.class);
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (framework.getStartLevel() < highest && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	/**
	 * ice4j and SPI Fly log routine INFO lines through java.util.logging, which would land on the
	 * terminal of every subcommand. Unless the user configured java.util.logging (the launcher
	 * scripts do, with features/console/logging.properties), only warnings are shown. The process
	 * belongs to this bundle when it owns the main thread, so the JVM-wide setting is ours to make.
	 */
	private static void quietJavaLogging() {
		if (System.getProperty("java.util.logging.config.file") == null
				&& System.getProperty("java.util.logging.config.class") == null) {
			java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
		}
	}

	private static List<String> toArguments(Object property) {
		if (property instanceof String[] array) {
			return List.copyOf(Arrays.asList(array));
		}
		return List.of();
	}
}
