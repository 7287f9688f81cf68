package org.mediapath.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.mediapath.testing.netns.Machine;
import org.mediapath.testing.netns.NamespaceSandbox;

/**
 * What one lab run (one JVM) owns: the network namespaces it created and the processes it started, all named with
 * the run's prefix {@code mplab-PID-}, in a {@link NamespaceSandbox} (deleted and killed by {@link ScenarioRun#close()},
 * by {@link #close()}, and, should the JVM be stopped before that, by the sandbox's shutdown hook), plus the runnable
 * jar under test and the programs the scenarios use. Namespaces of an earlier lab run whose JVM is gone are removed
 * by {@link #removeStale()}.
 */
final class Lab extends NamespaceSandbox {

	static final String NAME_PREFIX = "mplab-";
	private static final Pattern STALE = Pattern.compile("^mplab-(\\d+)-\\S*");

	final String prefix;
	final String nft = Machine.require(Machine.NFT);
	final String socat = Machine.require(Machine.SOCAT);
	final String ss = Machine.require(Machine.SS);
	final String sysctl = Machine.require(Machine.SYSCTL);
	final Path jar;
	final Path logging;
	final Path work;

	private Lab(Path jar, Path logging) throws IOException {
		super("mediapath-lab");
		this.prefix = NAME_PREFIX + ProcessHandle.current().pid() + "-";
		this.jar = jar;
		this.logging = logging;
		this.work = Files.createTempDirectory(prefix);
		lastly(() -> deleteTree(work));
	}

	/** Why the lab cannot run here (the reason of a JUnit assumption), or null when it can. */
	static String unavailableReason(Path jar) {
		String reason = Machine.unavailableReason("the scenario lab", Machine.IP, Machine.SS, Machine.NFT, Machine.SOCAT,
				Machine.SYSCTL);
		if (reason != null) {
			return reason;
		}
		if (!Files.exists(Path.of("/dev/net/tun"))) {
			return "/dev/net/tun is missing (the VPN stand-in is a socat TUN tunnel)";
		}
		if (!Files.isRegularFile(jar)) {
			return jar + " is missing: build features/console first (mvn -B install in the project root)";
		}
		return null;
	}

	static Lab start(Path jar, Path logging) throws IOException {
		return new Lab(jar, logging);
	}

	/**
	 * Deletes namespaces an earlier lab run left behind because its JVM was killed (SIGKILL skips shutdown hooks):
	 * names {@code mplab-PID-...} whose PID no longer runs. Never touches anything else.
	 */
	List<String> removeStale() {
		return removeStale(STALE);
	}

	/**
	 * The JVM flags {@code ./mediapath} gives short-lived subcommands (see the script): the lab runs {@code diagnose}
	 * (and the console's {@code browser-test invite|results}) as a user's {@code mediapath diagnose} runs. {@code -Dmediapath.lab.cli.flags=} (empty) runs it with the JVM's
	 * defaults instead.
	 */
	static final List<String> CLI_FLAGS = List.of(System.getProperty("mediapath.lab.cli.flags",
			"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").split(" ")).stream().filter(f -> !f.isBlank()).toList();

	List<String> mediapath(String namespace, Path home, String subcommand, List<String> args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (subcommand.equals("diagnose") || subcommand.equals("browser-test")) {
			command.addAll(CLI_FLAGS);
		}
		command.addAll(List.of("-Dmediapath.lab.run=" + prefix,
				"-Djava.util.logging.config.file=" + logging, "-Duser.home=" + home,
				"-Dfelix.fileinstall.dir=" + home.resolve("load"), "-jar", jar.toString(), subcommand));
		command.addAll(args);
		return inNamespace(namespace, command);
	}

	// ---- leftovers

	/** What of this run is still there: namespaces with its prefix, processes it started, processes naming it. */
	List<String> leftovers() {
		List<String> left = new ArrayList<>();
		for (String name : namespaceNames()) {
			if (name.startsWith(prefix)) {
				left.add("namespace " + name);
			}
		}
		left.addAll(processesStillRunning());
		long self = ProcessHandle.current().pid();
		ProcessHandle.allProcesses().filter(h -> h.pid() != self && h.isAlive())
				.filter(h -> h.info().commandLine().map(c -> c.contains(prefix)).orElse(false))
				.filter(h -> !startedHere(h.pid()))
				.forEach(h -> left.add("process " + h.pid() + " " + h.info().commandLine().orElse("?")));
		return left;
	}

	static String tail(Path file, int lines) {
		List<String> all = Arrays.asList(read(file).split("\n"));
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}
}
