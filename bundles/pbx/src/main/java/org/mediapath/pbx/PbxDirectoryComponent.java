package org.mediapath.pbx;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mediapath.api.net.Fingerprints;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.pbx.PbxEntry;
import org.mediapath.api.report.DiagnosisRequest;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PbxDirectory}: the PBXs in the shared directory (read anew at each call, so a PBX
 * saved by the console is there for the next command-line run and the other way round), and the
 * built-in ones the runtime offers. Saving goes through Config Admin too, as a named factory
 * configuration per PBX, so that the Configuration page shows and edits the same PBXs; at start the
 * directory's PBXs that have no configuration yet get one.
 */
@Component(service = PbxDirectory.class)
public class PbxDirectoryComponent implements PbxDirectory {

	/**
	 * Framework property naming the directory; {@code ~} stands for the user's home. The standalone
	 * runtime sets it (its framework storage is new at every start); elsewhere the bundle's data area.
	 */
	public static final String DIRECTORY_PROPERTY = "mediapath.pbx.directory";

	private record BuiltIn(PbxEntry entry, Path secretFile) {
	}

	private final Logger logger = LoggerFactory.getLogger(PbxDirectoryComponent.class);
	private final PbxFiles files;
	private final ConfigurationAdmin configurationAdmin;
	private final Map<String, BuiltIn> builtIns = new ConcurrentHashMap<>();

	@Activate
	public PbxDirectoryComponent(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
		this.files = new PbxFiles(directory(context), logger::warn);
		this.configurationAdmin = configurationAdmin;
		importStored();
	}

	/** For plain tests: a directory without Config Admin. */
	PbxDirectoryComponent(Path directory) {
		this.files = new PbxFiles(directory, m -> {
		});
		this.configurationAdmin = null;
	}

	Path secretFileForTest(String name) {
		return files.secretFile(name);
	}

	static Path directory(BundleContext context) {
		String configured = context.getProperty(DIRECTORY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			String d = configured.strip();
			if (d.equals("~") || d.startsWith("~/")) {
				return Path.of(System.getProperty("user.home")).resolve(d.substring(1).replaceFirst("^/", ""));
			}
			return Path.of(d);
		}
		File data = context.getDataFile("pbxs");
		if (data == null) {
			throw new IllegalStateException("the framework gives the PBX bundle no data area; set " + DIRECTORY_PROPERTY);
		}
		return data.toPath();
	}

	@Override
	public List<PbxEntry> list() {
		List<PbxEntry> out = new ArrayList<>();
		builtIns.values().stream().map(BuiltIn::entry)
				.sorted(java.util.Comparator.comparing(PbxEntry::name)).forEach(out::add);
		for (PbxEntry stored : files.list()) {
			if (!builtIns.containsKey(stored.name())) {
				out.add(stored);
			}
		}
		return out;
	}

	@Override
	public Optional<PbxEntry> get(String name) {
		BuiltIn b = builtIns.get(name);
		return b != null ? Optional.of(b.entry()) : files.get(name);
	}

	@Override
	public DiagnosisRequest request(String name) {
		BuiltIn b = builtIns.get(name);
		PbxEntry entry = b != null ? b.entry()
				: files.get(name).orElseThrow(() -> new IllegalArgumentException("pbx: no PBX is named '" + name + "'"));
		Optional<String> secret = b != null ? Optional.of(b.secretFile().toString())
				: entry.secretStored() ? Optional.of(files.secretFile(name).toString()) : Optional.empty();
		if (entry.responder().isPresent() && secret.isEmpty()) {
			throw new IllegalArgumentException("pbx: '" + name + "' names a responder but no secret is stored for it");
		}
		return new DiagnosisRequest(entry.server(), entry.signallingPort(), entry.serverPorts(), entry.clientPorts(),
				entry.responder(), secret, Optional.empty(), entry.requireVpn(), entry.fingerprint(), Optional.empty());
	}

	@Override
	public void save(PbxEntry entry, Optional<String> secret) {
		if (builtIns.containsKey(entry.name())) {
			throw new IllegalArgumentException("name: '" + entry.name() + "' is built in; choose another name");
		}
		secret.ifPresent(PbxConfigurationComponent::checkSecret);
		// the pin is the control channel's only trust: a stored one is a SHA-256 fingerprint, in its canonical form
		PbxEntry stored = new PbxEntry(entry.name(), entry.server(), entry.signallingPort(), entry.serverPorts(),
				entry.clientPorts(), entry.responder(), entry.fingerprint().map(f -> Fingerprints.requireValid("fingerprint", f)),
				entry.requireVpn(), false, false);
		try {
			files.save(stored);
			secret.filter(s -> !s.isEmpty()).ifPresent(s -> files.saveSecret(entry.name(), s));
		} catch (UncheckedIOException e) {
			throw new IllegalStateException("PBX " + entry.name() + ": " + e.getMessage(), e);
		}
		if (configurationAdmin != null) {
			try {
				configuration(entry.name()).updateIfDifferent(properties(stored));
			} catch (IOException e) {
				logger.warn("PBX {}: stored, but its configuration could not be updated: {}", entry.name(), e.toString());
			}
		}
	}

	@Override
	public boolean remove(String name) {
		// the configuration first: a change of it still queued in Config Admin then finds it gone and
		// does not write the PBX back after its files are deleted
		boolean existed = false;
		if (configurationAdmin != null) {
			try {
				Configuration[] found = configurationAdmin.listConfigurations(
						"(&(service.factoryPid=" + FACTORY_PID + ")(name=" + escape(name) + "))");
				if (found != null) {
					for (Configuration c : found) {
						c.delete();
						existed = true;
					}
				}
			} catch (IOException | InvalidSyntaxException e) {
				logger.warn("PBX {}: its configuration could not be deleted: {}", name, e.toString());
			}
		}
		return files.delete(name) || existed;
	}

	@Override
	public void offerBuiltIn(PbxEntry entry, Path secretFile) {
		builtIns.put(entry.name(), new BuiltIn(new PbxEntry(entry.name(), entry.server(), entry.signallingPort(),
				entry.serverPorts(), entry.clientPorts(), entry.responder(), entry.fingerprint(), entry.requireVpn(), true,
				true), secretFile));
	}

	@Override
	public void withdrawBuiltIn(String name) {
		builtIns.remove(name);
	}

	/** Gives each stored PBX without a configuration one, so the Configuration page lists it. */
	private void importStored() {
		try {
			Set<String> configured = new HashSet<>();
			Configuration[] existing = configurationAdmin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
			if (existing != null) {
				for (Configuration c : existing) {
					Object n = c.getProperties() == null ? null : c.getProperties().get("name");
					if (n != null) {
						configured.add(n.toString());
					}
				}
			}
			for (PbxEntry stored : files.list()) {
				if (!configured.contains(stored.name())) {
					configuration(stored.name()).updateIfDifferent(properties(stored));
				}
			}
		} catch (IOException | InvalidSyntaxException | RuntimeException e) {
			logger.warn("PBXs: could not give the stored PBXs their configurations: {}", e.toString());
		}
	}

	/** @return the PBX's configuration: the one that has its name (also one made on the Configuration page), or a new named one */
	private Configuration configuration(String name) throws IOException {
		try {
			Configuration[] found = configurationAdmin.listConfigurations(
					"(&(service.factoryPid=" + FACTORY_PID + ")(name=" + escape(name) + "))");
			if (found != null && found.length > 0) {
				return found[0];
			}
		} catch (InvalidSyntaxException impossible) {
			throw new IllegalStateException(impossible);
		}
		return configurationAdmin.getFactoryConfiguration(FACTORY_PID, PbxFiles.key(name), "?");
	}

	static Dictionary<String, Object> properties(PbxEntry e) {
		Dictionary<String, Object> p = new Hashtable<>();
		p.put("name", e.name());
		p.put("server", e.server());
		p.put("signalling.port", e.signallingPort());
		p.put("server.ports", e.serverPorts().toString());
		p.put("client.ports", e.clientPorts().toString());
		p.put("responder", e.responder().map(Object::toString).orElse(""));
		p.put("fingerprint", e.fingerprint().orElse(""));
		p.put("require.vpn", e.requireVpn());
		return p;
	}

	/** RFC 1960 filter value escaping. */
	static String escape(String value) {
		StringBuilder b = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '\\' || c == '*' || c == '(' || c == ')') {
				b.append('\\');
			}
			b.append(c);
		}
		return b.toString();
	}
}
