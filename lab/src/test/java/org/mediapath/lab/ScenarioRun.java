package org.mediapath.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scenario's network, built from its {@link Scenario} data in namespaces named {@code mplab-PID-N-ROLE}, with
 * its PBX stand-ins running; {@link #diagnose()} runs the command line in the client namespace. {@link #close()}
 * kills every process and deletes every namespace it made (nft tables, links and tunnels live in the namespaces and
 * go with them), also when building failed half way.
 */
final class ScenarioRun implements AutoCloseable {

	/** What {@code diagnose --json} returned. */
	record Outcome(int exit, String stdout, String stderr, long wallMillis) {
	}

	/**
	 * What a test from a user's PC gave: {@code outcome} holds {@code browser-test results}' exit code and the run's
	 * report (the same contract as {@code diagnose}'s), its wall time from the browser's launch to the results'
	 * answer; {@code run} is the responder's record of the run; {@code timeToVerdictMillis} the run's own time from
	 * the page's start to the decision (-1 when it carries none); {@code launchToVerdictMillis} from the browser's
	 * launch to that decision (the run's start plus its time to verdict; one clock, one machine; -1 without them).
	 */
	record BrowserOutcome(String browser, String token, Outcome outcome, com.google.gson.JsonObject run,
			long timeToVerdictMillis, long launchToVerdictMillis, String browserLog) {
	}

	/** How long {@code browser-test results --wait} waits for the page's run to finish. */
	static final int RESULTS_WAIT_SECONDS = 30;
	/** Bound of one console command ({@code browser-test invite}, the console's own {@code diagnose}). */
	static final Duration CONSOLE_BOUND = Duration.ofSeconds(75);

	static final Duration DIAGNOSE_BOUND = Duration.ofSeconds(75);
	private static final Duration READY_BOUND = Duration.ofSeconds(40);
	private static final String SECRET = "mediapath-lab-secret-0123456789abcdef";
	private static final String WRONG_SECRET = "mediapath-lab-not-the-secret-fedcba9876543210";

	private final Lab lab;
	private final Scenario scenario;
	private final Map<String, String> names = new LinkedHashMap<>();
	private final List<Process> processes = new ArrayList<>();
	private final Path dir;
	private final Path secret;
	private final Path wrongSecret;
	private final Map<String, String> fingerprints = new java.util.HashMap<>();
	private static final Pattern FINGERPRINT = Pattern.compile("certificate SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

	ScenarioRun(Lab lab, Scenario scenario, int index) throws IOException {
		this.lab = lab;
		this.scenario = scenario;
		for (String role : scenario.namespaces()) {
			names.put(role, lab.prefix + index + "-" + role);
		}
		this.dir = Files.createDirectories(lab.work.resolve(index + "-" + scenario.name()));
		this.secret = dir.resolve("secret");
		Files.writeString(secret, SECRET + "\n");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		this.wrongSecret = dir.resolve("wrong-secret");
		Files.writeString(wrongSecret, WRONG_SECRET + "\n");
		Files.setPosixFilePermissions(wrongSecret, PosixFilePermissions.fromString("rw-------"));
	}

	/** The web port's HTTPS key store, made on first use of {@code ${web-keystore}}; null without. */
	private Path keystore;
	/** SHA-256 of the key store certificate's public key (SubjectPublicKeyInfo), base64: what the browser pins. */
	private String keystoreSpki;
	private static final String KEYSTORE_PASSWORD = "mediapath-lab-web-0123456789";
	private boolean consoleProbed;
	private boolean guarded;

	/** The diagnose argument vector with the secret files' paths in place of their placeholders. */
	private List<String> diagnoseArgs() {
		return scenario.diagnoseArgs().stream().map(this::substitute).toList();
	}

	/** The namespace name of a role of this scenario. */
	String ns(String role) {
		return names.get(role);
	}

	Path directory() {
		return dir;
	}

	/** Builds the network and starts the stand-ins; throws (having kept track of everything) when a step fails. */
	ScenarioRun setUp() throws IOException, InterruptedException {
		for (String name : names.values()) {
			lab.addNamespace(name);
		}
		for (Scenario.Link l : scenario.links()) {
			lab.mustRun(lab.ip, "-n", ns(l.a().namespace()), "link", "add", l.a().device(), "type", "veth", "peer", "name",
					l.b().device(), "netns", ns(l.b().namespace()));
			for (Scenario.End e : List.of(l.a(), l.b())) {
				lab.mustRun(lab.ip, "-n", ns(e.namespace()), "addr", "add", e.cidr(), "dev", e.device());
				lab.mustRun(lab.ip, "-n", ns(e.namespace()), "link", "set", e.device(), "up");
			}
		}
		for (Scenario.Address a : scenario.addresses()) {
			if (lab.run(Duration.ofSeconds(5), lab.ip, "-n", ns(a.namespace()), "link", "show", a.device()).exit() != 0) {
				lab.mustRun(lab.ip, "-n", ns(a.namespace()), "link", "add", a.device(), "type", "dummy");
			}
			lab.mustRun(lab.ip, "-n", ns(a.namespace()), "addr", "add", a.cidr(), "dev", a.device());
			lab.mustRun(lab.ip, "-n", ns(a.namespace()), "link", "set", a.device(), "up");
		}
		for (Scenario.Sysctl s : scenario.sysctls()) {
			lab.mustRun(lab.ip, "netns", "exec", ns(s.namespace()), lab.sysctl, "-q", "-w", s.setting());
		}
		for (Scenario.Tunnel t : scenario.tunnels()) {
			if (t.delayMillis() > 0) {
				// the carrier of both ends goes to the relay, which passes it on to the other end, late
				startDelayRelay(t);
				startTunnelEnd(t.a(), t.underlayA(), t.port(), t.underlayA(), t.relayPort());
				startTunnelEnd(t.b(), t.underlayB(), t.port(), t.underlayA(), t.relayPort());
			} else {
				startTunnelEnd(t.a(), t.underlayA(), t.port(), t.underlayB(), t.port());
				startTunnelEnd(t.b(), t.underlayB(), t.port(), t.underlayA(), t.port());
			}
			for (Scenario.End e : List.of(t.a(), t.b())) {
				if (!Lab.await(Duration.ofSeconds(10), () -> tunnelUp(e))) {
					throw new IllegalStateException(e.device() + " in " + ns(e.namespace()) + " did not come up: "
							+ Lab.read(dir.resolve("socat-" + e.namespace() + ".log")));
				}
			}
		}
		for (Scenario.Route r : scenario.routes()) {
			List<String> command = new ArrayList<>(List.of(lab.ip, "-n", ns(r.namespace()), "route", "add"));
			command.addAll(r.spec());
			lab.mustRun(command.toArray(String[]::new));
		}
		for (Map.Entry<String, Map<String, String>> e : scenario.nft().entrySet()) {
			Path rules = dir.resolve("nft-" + e.getKey() + ".nft");
			Files.writeString(rules, ruleset(e.getValue()));
			lab.mustRun(lab.ip, "netns", "exec", ns(e.getKey()), lab.nft, "-f", rules.toString());
		}
		for (Scenario.Signalling s : scenario.signalling()) {
			Path log = dir.resolve("signalling-" + s.port() + ".log");
			processes.add(lab.start(List.of(lab.ip, "netns", "exec", ns(s.namespace()), lab.socat, "-lf", log.toString(),
					"TCP-LISTEN:" + s.port() + ",bind=" + s.address() + ",fork,reuseaddr", "EXEC:/bin/cat"), dir, log, log));
		}
		Map<Scenario.Responder, Process> responders = new LinkedHashMap<>();
		for (Scenario.Responder r : scenario.responders()) {
			Path home = Files.createDirectories(dir.resolve("home-" + r.key()));
			List<String> args = new ArrayList<>();
			int bind = r.args().indexOf("--bind");
			for (String a : r.args()) {
				args.add(webKeystore(a, bind >= 0 && bind + 1 < r.args().size() ? r.args().get(bind + 1) : null));
			}
			args.addAll(List.of("--secret-file", secret.toString()));
			Path log = dir.resolve(r.key() + ".log");
			Process p = lab.start(lab.mediapath(ns(r.namespace()), home, "responder", args), home, log, log);
			processes.add(p);
			responders.put(r, p);
		}
		for (Map.Entry<Scenario.Responder, Process> e : responders.entrySet()) {
			Path log = dir.resolve(e.getKey().key() + ".log");
			boolean ready = Lab.await(READY_BOUND, () -> Lab.read(log).contains("mediapath responder:") || !e.getValue().isAlive());
			if (!ready || !e.getValue().isAlive()) {
				throw new IllegalStateException(e.getKey().key() + " in " + ns(e.getKey().namespace()) + " did not start: "
						+ Lab.tail(log, 30));
			}
			// the ready line ends with the certificate's fingerprint, which diagnose pins (${fingerprint.KEY})
			Matcher m = FINGERPRINT.matcher(Lab.read(log));
			if (!m.find()) {
				throw new IllegalStateException(e.getKey().key() + " printed no certificate fingerprint: " + Lab.tail(log, 30));
			}
			fingerprints.put(e.getKey().key().substring("responder.".length()), m.group(1));
		}
		for (Scenario.Signalling s : scenario.signalling()) {
			if (!Lab.await(Duration.ofSeconds(10), () -> listening(s))) {
				throw new IllegalStateException("signalling listener " + s.address() + ":" + s.port() + " did not start: "
						+ Lab.read(dir.resolve("signalling-" + s.port() + ".log")));
			}
		}
		// a far end that was there and went away: started and ready, then killed (its ports are closed again)
		for (Map.Entry<Scenario.Responder, Process> e : responders.entrySet()) {
			if (e.getKey().stopped()) {
				lab.kill(e.getValue());
				if (e.getValue().isAlive()) {
					throw new IllegalStateException(e.getKey().key() + " in " + ns(e.getKey().namespace()) + " could not be stopped");
				}
				Files.writeString(dir.resolve(e.getKey().key() + ".log"), "(stopped by the lab before diagnose, exit "
						+ e.getValue().exitValue() + ")\n", StandardOpenOption.APPEND);
			}
		}
		return this;
	}

	/**
	 * {@code ${secret}} is the secret file, {@code ${wrong-secret}} one with another secret, {@code ${fingerprint.KEY}}
	 * the fingerprint responder KEY printed.
	 */
	private String substitute(String argument) {
		String a = argument.replace(Scenario.SECRET_PLACEHOLDER, secret.toString())
				.replace(Scenario.WRONG_SECRET_PLACEHOLDER, wrongSecret.toString());
		for (Map.Entry<String, String> f : fingerprints.entrySet()) {
			a = a.replace("${fingerprint." + f.getKey() + "}", f.getValue());
		}
		if (a.contains("${fingerprint.")) {
			throw new IllegalArgumentException("diagnose: " + argument + " names a responder this scenario does not start");
		}
		return a;
	}

	/** Runs {@code diagnose} in the client namespace with the scenario's argument vector, bounded. */
	Outcome diagnose() throws IOException, InterruptedException {
		Path home = Files.createDirectories(dir.resolve("home-diagnose"));
		List<String> args = new ArrayList<>();
		for (String a : diagnoseArgs()) {
			args.add(rulesets(a));
		}
		Path out = Files.createTempFile(dir, "diagnose", ".json");
		Path err = Files.createTempFile(dir, "diagnose", ".err");
		List<String> command = lab.mediapath(ns(scenario.diagnoseNamespace()), home, "diagnose", args);
		long t0 = System.nanoTime();
		Process p = lab.start(command, home, out, err);
		try {
			if (!p.waitFor(DIAGNOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
				lab.kill(p);
				throw new AssertionError("diagnose did not end within " + DIAGNOSE_BOUND.toSeconds() + " s: " + command
						+ "\nstderr: " + Lab.tail(err, 30));
			}
		} finally {
			if (p.isAlive()) {
				lab.kill(p);
			}
		}
		long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		lab.kill(p); // already ended: only forgets it
		return new Outcome(p.exitValue(), Lab.read(out), Lab.read(err), wall);
	}

	/**
	 * The test from a user's PC, in the scenario's one browser: the console (its namespace, its home) runs its own
	 * {@code diagnose} first when the scenario gives one (once per network: its server-side results, kept in its
	 * history), creates an invitation, the browser opens the link in the user's namespace, and the console waits for
	 * the run with {@code browser-test results --token T --wait N --json}, started {@code settleMillis} before the
	 * browser (0: together). The browser is killed and its profile deleted before this returns, also when a step fails.
	 */
	BrowserOutcome browserTest(long settleMillis) throws IOException, InterruptedException {
		Scenario.BrowserStep step = scenario.browser();
		String browser = step.onlyBrowser();
		Path home = Files.createDirectories(dir.resolve("home-console"));
		if (!step.consoleDiagnose().isEmpty() && !consoleProbed) {
			List<String> args = step.consoleDiagnose().stream().map(this::substitute).toList();
			Lab.Result r = console(home, "diagnose", args, CONSOLE_BOUND);
			if (r.exit() != 0 && r.exit() != 1 && r.exit() != 3) {
				throw new AssertionError("the console's own diagnose ended " + r.exit() + ": " + r.err());
			}
			Verdict.parse(r.out());
			Files.writeString(dir.resolve("console-diagnose.json"), r.out());
			consoleProbed = true;
		}
		Lab.Result invite = console(home, "browser-test", prepend("invite", step.invite().stream().map(this::substitute).toList()),
				CONSOLE_BOUND);
		if (invite.exit() != 0) {
			throw new AssertionError("browser-test invite ended " + invite.exit() + ":\nstdout: " + invite.out() + "\nstderr: "
					+ invite.err());
		}
		com.google.gson.JsonObject invitation = Verdict.parse(invite.out());
		String token = Verdict.text(invitation, "token");
		String url = Verdict.text(invitation, "url");
		if (!url.endsWith("/browser-test/t/" + token)) {
			throw new AssertionError("the invitation's link " + url + " does not end with /browser-test/t/" + token);
		}
		if (keystore != null && !url.startsWith("https://")) {
			throw new AssertionError("the responder serves HTTPS (--web-keystore), but the invitation's link is " + url);
		}
		if (!guarded) {
			Path rules = dir.resolve("nft-guard.nft");
			Files.writeString(rules, HeadlessBrowser.GUARD);
			lab.mustRun(lab.ip, "netns", "exec", ns(step.namespace()), lab.nft, "-f", rules.toString());
			guarded = true;
		}
		List<String> results = new ArrayList<>(List.of("results"));
		results.addAll(step.connection().stream().map(this::substitute).toList());
		results.addAll(List.of("--token", token, "--wait", Integer.toString(RESULTS_WAIT_SECONDS), "--json"));
		Path out = Files.createTempFile(dir, "results", ".json");
		Path err = Files.createTempFile(dir, "results", ".err");
		String browserLog;
		long wall;
		Instant launched;
		boolean alive;
		// the console waits from the start (an administrator watching the run live); with settleMillis its runtime is
		// up and idle before the browser starts, so that the browser's times are not its own JVM's start-up's
		Process waiting = lab.start(lab.mediapath(ns(step.console()), home, "browser-test", results), home, out, err);
		try {
			if (settleMillis > 0) {
				Thread.sleep(settleMillis);
			}
			try (HeadlessBrowser b = HeadlessBrowser.open(lab, browser, ns(step.namespace()), dir, url, keystoreSpki)) {
				long bound = TimeUnit.SECONDS.toMillis(RESULTS_WAIT_SECONDS) + CONSOLE_BOUND.toMillis();
				if (!waiting.waitFor(bound, TimeUnit.MILLISECONDS)) {
					throw new AssertionError("browser-test results did not end within " + bound + " ms\nstderr: "
							+ Lab.tail(err, 30) + "\n" + browser + ": " + b.logTail());
				}
				wall = java.time.Duration.between(b.launched(), java.time.Instant.now()).toMillis();
				browserLog = b.logTail();
				launched = b.launched();
				alive = b.alive();
			}
		} finally {
			lab.kill(waiting);
		}
		String document = Lab.read(out);
		Files.writeString(dir.resolve("results-" + browser + ".json"), document);
		com.google.gson.JsonObject runs = Verdict.parse(document);
		com.google.gson.JsonArray list = runs.has("runs") && runs.get("runs").isJsonArray() ? runs.getAsJsonArray("runs")
				: null;
		if (list == null || list.isEmpty()) {
			throw new AssertionError("browser-test results (exit " + waiting.exitValue() + ") gave no run of " + token
					+ " within " + RESULTS_WAIT_SECONDS + " s: " + document + "\nstderr: " + Lab.tail(err, 30) + "\n"
					+ browser + " (" + (alive ? "was running" : "had ended") + "): " + browserLog);
		}
		com.google.gson.JsonObject entry = null;
		for (var e : list) {
			com.google.gson.JsonObject o = e.getAsJsonObject();
			if (o.has("run") && token.equals(Verdict.text(o.getAsJsonObject("run"), "token"))) {
				entry = o;
			}
		}
		if (entry == null || !entry.has("report")) {
			throw new AssertionError("browser-test results named no run of the token " + token + " with a report: " + document);
		}
		com.google.gson.JsonObject run = entry.getAsJsonObject("run");
		// the run's JSON (docs/contract.md): startedAt, timeToVerdictMillis (absent while undecided)
		long ttv = Verdict.millis(run.has("timeToVerdictMillis") ? run.get("timeToVerdictMillis") : run.get("timeToVerdict"));
		Instant started = Verdict.instant(run.has("startedAt") ? run.get("startedAt") : run.get("started"));
		long launchToVerdict = ttv < 0 || started == null ? -1
				: java.time.Duration.between(launched, started.plusMillis(ttv)).toMillis();
		Outcome outcome = new Outcome(waiting.exitValue(), entry.getAsJsonObject("report").toString(), Lab.read(err), wall);
		return new BrowserOutcome(browser, token, outcome, run, ttv, launchToVerdict, browserLog);
	}

	/**
	 * {@code ${web-keystore}} becomes a PKCS#12 key store with a fresh EC key and a self-signed certificate naming the
	 * responder's address (made once per network with the JDK's keytool), {@code ${web-keystore-password}} a file (mode
	 * 600) with its password: the responder's HTTPS as an operator configures it. The browser is told to accept exactly
	 * that certificate. The certificate must name the address: Jetty answers a request for a host its certificate does
	 * not name with "400 Invalid SNI".
	 */
	private String webKeystore(String argument, String address) throws IOException {
		if (!argument.contains("${web-keystore")) {
			return argument;
		}
		if (keystore == null) {
			if (address == null) {
				throw new IllegalArgumentException("${web-keystore}: the responder needs --bind ADDRESS (the certificate names it)");
			}
			Path store = dir.resolve("web.p12");
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			lab.mustRun(Duration.ofSeconds(60), List.of(keytool.toString(), "-genkeypair", "-alias", "web", "-keyalg", "EC",
					"-groupname", "secp256r1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
					KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD, "-dname", "CN=" + address, "-ext", "SAN=ip:" + address));
			Path password = dir.resolve("web-keystore-password");
			Files.writeString(password, KEYSTORE_PASSWORD + "\n");
			Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
			try (var in = Files.newInputStream(store)) {
				java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
				ks.load(in, KEYSTORE_PASSWORD.toCharArray());
				byte[] spki = ks.getCertificate("web").getPublicKey().getEncoded();
				keystoreSpki = java.util.Base64.getEncoder().encodeToString(
						java.security.MessageDigest.getInstance("SHA-256").digest(spki));
			} catch (java.security.GeneralSecurityException e) {
				throw new IllegalStateException("the lab's web key store cannot be read back: " + e.getMessage(), e);
			}
			keystore = store;
		}
		return argument.replace("${web-keystore-password}", dir.resolve("web-keystore-password").toString())
				.replace("${web-keystore}", keystore.toString());
	}

	private static List<String> prepend(String first, List<String> rest) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(rest);
		return all;
	}

	/** Runs one command of the console in its namespace with its home, to its end (bounded). */
	private Lab.Result console(Path home, String subcommand, List<String> args, Duration bound) {
		return lab.run(bound, lab.mediapath(ns(scenario.browser().console()), home, subcommand, args));
	}

	/**
	 * {@code ${ruleset.ROLE}} becomes a file holding {@code nft list ruleset} of that namespace, as an
	 * administrator would paste it for {@code diagnose --firewall-from}.
	 */
	private String rulesets(String arg) throws IOException {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{ruleset\\.([a-z][a-z0-9]{0,9})\\}").matcher(arg);
		StringBuilder result = new StringBuilder();
		while (m.find()) {
			Path file = dir.resolve("ruleset-" + m.group(1) + ".txt");
			String listing = lab.mustRun(java.time.Duration.ofSeconds(15),
					List.of(lab.ip, "netns", "exec", ns(m.group(1)), lab.nft, "list", "ruleset")).out();
			Files.writeString(file, listing);
			m.appendReplacement(result, java.util.regex.Matcher.quoteReplacement(file.toString()));
		}
		m.appendTail(result);
		return result.toString();
	}

	/**
	 * For the benchmark: one runtime started once in the client namespace ({@code mediapath diagnose-repeat}), which
	 * runs the scenario's diagnosis {@code runs} times through its engine service after {@code settleMillis}; one
	 * outcome per run, its time measured inside that runtime (no JVM or OSGi start). {@code config} maps a PID to
	 * {@code key=value} lines, put in the runtime's FileInstall folder before it starts.
	 */
	List<Outcome> diagnoseRepeat(int runs, long settleMillis, Map<String, String> config) throws IOException, InterruptedException {
		Path home = Files.createDirectories(dir.resolve("home-repeat-" + System.nanoTime()));
		Path load = Files.createDirectories(home.resolve("load"));
		for (Map.Entry<String, String> c : config.entrySet()) {
			Files.writeString(load.resolve(c.getKey() + ".cfg"), c.getValue());
		}
		List<String> args = new ArrayList<>(List.of("--runs", Integer.toString(runs), "--settle-millis",
				Long.toString(settleMillis), "--pause-millis", "300"));
		args.addAll(diagnoseArgs());
		Path out = Files.createTempFile(dir, "repeat", ".txt");
		Path err = Files.createTempFile(dir, "repeat", ".err");
		List<String> command = lab.mediapath(ns(scenario.diagnoseNamespace()), home, "diagnose-repeat", args);
		Process p = lab.start(command, home, out, err);
		try {
			long bound = DIAGNOSE_BOUND.toMillis() * runs + settleMillis;
			if (!p.waitFor(bound, TimeUnit.MILLISECONDS)) {
				throw new AssertionError("diagnose-repeat did not end within " + bound + " ms: " + command + "\nstderr: "
						+ Lab.tail(err, 30));
			}
		} finally {
			lab.kill(p);
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (String line : Lab.read(out).split("\n")) {
			Matcher m = Pattern.compile("^run=(\\d+) exit=(\\d+) wallMillis=(\\d+) (.*)$")
					.matcher(line.strip());
			if (m.matches()) {
				outcomes.add(new Outcome(Integer.parseInt(m.group(2)), m.group(4), "", Long.parseLong(m.group(3))));
			}
		}
		if (outcomes.size() != runs) {
			throw new AssertionError("diagnose-repeat gave " + outcomes.size() + " of " + runs + " runs: " + Lab.tail(out, 5)
					+ "\nstderr: " + Lab.tail(err, 30));
		}
		return outcomes;
	}

	/** Logs of the stand-ins, for a failure message. */
	String logs() {
		StringBuilder b = new StringBuilder();
		try (var files = Files.list(dir)) {
			for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
				b.append("--- ").append(f.getFileName()).append('\n').append(Lab.tail(f, 15)).append('\n');
			}
		} catch (IOException e) {
			b.append("(logs unreadable: ").append(e.getMessage()).append(")");
		}
		return b.toString();
	}

	@Override
	public void close() {
		for (int i = processes.size() - 1; i >= 0; i--) {
			lab.kill(processes.get(i));
		}
		processes.clear();
		for (String name : names.values()) {
			lab.deleteNamespace(name);
		}
		Lab.deleteTree(dir);
	}

	// ---- helpers

	private void startTunnelEnd(Scenario.End end, String localUnderlay, int localPort, String remoteUnderlay, int remotePort)
			throws IOException {
		// UDP-DATAGRAM (unconnected): a connected socket would get ECONNREFUSED from the ICMP answer to the first
		// packet while the other end is not listening yet, and socat would exit. It takes datagrams from any source
		// (the other end, or the delay relay).
		Path log = dir.resolve("socat-" + end.namespace() + ".log");
		processes.add(lab.start(List.of(lab.ip, "netns", "exec", ns(end.namespace()), lab.socat, "-lf", log.toString(),
				"TUN:" + end.cidr() + ",tun-name=" + end.device() + ",iff-up",
				"UDP-DATAGRAM:" + remoteUnderlay + ":" + remotePort + ",bind=" + localUnderlay + ":" + localPort), dir, log, log));
	}

	/** Starts the {@link DelayRelay} of a delayed tunnel in its A end's namespace and waits for its ready line. */
	private void startDelayRelay(Scenario.Tunnel t) throws IOException, InterruptedException {
		Path log = dir.resolve("delay-" + t.a().namespace() + "-" + t.relayPort() + ".log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
				"-XX:+UseSerialGC", "-Dmediapath.lab.run=" + lab.prefix, "-cp", DelayRelay.classpath().toString(),
				DelayRelay.class.getName(), t.underlayA() + ":" + t.relayPort(), t.underlayA() + ":" + t.port(),
				t.underlayB() + ":" + t.port(), Integer.toString(t.delayMillis()));
		Process p = lab.start(lab.inNamespace(ns(t.a().namespace()), command), dir, log, log);
		processes.add(p);
		if (!Lab.await(READY_BOUND, () -> Lab.read(log).contains(DelayRelay.READY) || !p.isAlive()) || !p.isAlive()) {
			throw new IllegalStateException("delay relay in " + ns(t.a().namespace()) + " did not start: " + Lab.tail(log, 20));
		}
	}

	private boolean tunnelUp(Scenario.End e) {
		Lab.Result r = lab.run(Duration.ofSeconds(5), lab.ip, "-n", ns(e.namespace()), "link", "show", e.device());
		return r.ok() && r.out().contains("LOWER_UP") && r.out().contains(",UP");
	}

	private boolean listening(Scenario.Signalling s) {
		Lab.Result r = lab.run(Duration.ofSeconds(5), lab.ip, "netns", "exec", ns(s.namespace()), lab.ss, "-Hltn",
				"sport = :" + s.port());
		return r.ok() && !r.out().isBlank();
	}

	/**
	 * One table, {@code mplab}, with the scenario's rules in its chains, all policy accept: input/forward/output are
	 * filter chains; prerouting and postrouting are nat chains at the standard dstnat/srcnat priorities (DNAT of a
	 * port forward, masquerade of a home router or a carrier-grade NAT).
	 */
	static String ruleset(Map<String, String> chains) {
		StringBuilder b = new StringBuilder("table ip mplab {\n");
		for (Map.Entry<String, String> c : chains.entrySet()) {
			String hook = c.getKey();
			String type = Scenario.NAT_CHAINS.contains(hook) ? "nat hook " + hook + " priority "
					+ (hook.equals("prerouting") ? "dstnat" : "srcnat") : "filter hook " + hook + " priority 0";
			b.append("\tchain ").append(hook).append(" {\n\t\ttype ").append(type).append("; policy accept;\n");
			for (String rule : c.getValue().split(";")) {
				if (!rule.isBlank()) {
					b.append("\t\t").append(rule.strip()).append('\n');
				}
			}
			b.append("\t}\n");
		}
		return b.append("}\n").toString();
	}
}
