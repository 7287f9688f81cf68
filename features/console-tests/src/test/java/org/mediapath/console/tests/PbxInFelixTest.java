package org.mediapath.console.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediapath.api.pbx.PbxDirectory;
import org.mediapath.api.pbx.PbxEntry;
import org.mediapath.api.report.DiagnosisRequest;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * PBXs kept by name, round trip through Config Admin in the console's runtime: a factory
 * configuration made as the Configuration page makes it becomes a PBX the directory lists and
 * diagnoses, its secret moves to an owner-only file and out of the configuration, an edit without
 * a secret keeps it, a PBX saved through the directory gets its configuration, and deleting the
 * configuration deletes the PBX and its secret.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class PbxInFelixTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@InjectBundleContext
	BundleContext context;

	@Test
	void aPbxConfigurationRoundTripsAndItsSecretLeavesTheConfiguration(@InjectService ConfigurationAdmin cm,
			@InjectService PbxDirectory pbxs) throws Exception {
		Frameworks.awaitStartLevels(context, Duration.ofSeconds(30));
		String name = "felix-test-pbx-" + System.nanoTime();
		String secret = "in-framework-secret-" + System.nanoTime();
		Configuration configuration = cm.createFactoryConfiguration(PbxDirectory.FACTORY_PID, "?");
		Dictionary<String, Object> p = new Hashtable<>();
		p.put("name", name);
		p.put("server", "198.18.9.10");
		p.put("signalling.port", 5060);
		p.put("server.ports", "40000-40999");
		p.put("responder", "198.18.9.10:2231");
		p.put("secret", secret);
		configuration.update(p);

		PbxEntry entry = await(() -> pbxs.get(name).filter(PbxEntry::secretStored));
		assertThat(entry.server()).isEqualTo("198.18.9.10");
		assertThat(entry.signallingPort()).isEqualTo(5060);
		assertThat(entry.serverPorts().toString()).isEqualTo("40000-40999");
		assertThat(entry.clientPorts().toString()).isEqualTo("49152-65535");
		assertThat(entry.fingerprint()).isEmpty();
		DiagnosisRequest request = pbxs.request(name);
		Path secretFile = Path.of(request.secretReference().orElseThrow());
		assertThat(Files.readString(secretFile, StandardCharsets.UTF_8)).isEqualTo(secret + "\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");

		// the secret is taken out of the configuration once stored
		await(() -> Optional.ofNullable(cm.getConfiguration(configuration.getPid(), null).getProperties())
				.filter(props -> props.get("secret") == null));
		Dictionary<String, Object> stored = cm.getConfiguration(configuration.getPid(), null).getProperties();
		for (String key : Collections.list(stored.keys())) {
			assertThat(String.valueOf(stored.get(key))).as(key).doesNotContain(secret);
		}

		// an edit without a secret keeps the stored one
		Dictionary<String, Object> edited = new Hashtable<>();
		for (String key : Collections.list(stored.keys())) {
			edited.put(key, stored.get(key));
		}
		edited.put("server", "198.18.9.11");
		configuration.update(edited);
		await(() -> pbxs.get(name).filter(e -> e.server().equals("198.18.9.11")));
		assertThat(Files.readString(secretFile, StandardCharsets.UTF_8)).isEqualTo(secret + "\n");

		// the page saves a PBX made on the Configuration page into that same configuration, not a second one
		pbxs.save(new PbxEntry(name, "198.18.9.13", 5060, entry.serverPorts(), entry.clientPorts(), entry.responder(),
				Optional.empty(), false, false, false), Optional.empty());
		Configuration[] same = cm.listConfigurations("(&(service.factoryPid=" + PbxDirectory.FACTORY_PID + ")(name=" + name + "))");
		assertThat(same).hasSize(1);
		assertThat(same[0].getPid()).isEqualTo(configuration.getPid());
		assertThat(same[0].getProperties().get("server")).isEqualTo("198.18.9.13");
		assertThat(Files.readString(secretFile, StandardCharsets.UTF_8)).isEqualTo(secret + "\n");

		// saved through the directory (the page's PBXs section): a configuration of its own
		String second = name + "-page";
		pbxs.save(new PbxEntry(second, "198.18.9.12", 2230, entry.serverPorts(), entry.clientPorts(), Optional.empty(),
				Optional.of("3a:4b:5c:6d:7e:8f:90:01:12:23:34:45:56:67:78:89:9a:ab:bc:cd:de:ef:f0:01:12:23:34:45:56:67:78:89"), true, false, false), Optional.empty());
		Configuration[] found = cm.listConfigurations("(&(service.factoryPid=" + PbxDirectory.FACTORY_PID + ")(name=" + second + "))");
		assertThat(found).hasSize(1);
		assertThat(found[0].getProperties().get("fingerprint")).isEqualTo("3A:4B:5C:6D:7E:8F:90:01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0:01:12:23:34:45:56:67:78:89"); // canonical
		assertThat(pbxs.remove(second)).isTrue();
		await(() -> pbxs.get(second).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty());
		Thread.sleep(500); // and it stays gone: no queued change of its configuration writes it back
		assertThat(pbxs.get(second)).isEmpty();

		// deleting the configuration deletes the PBX and its secret
		configuration.delete();
		await(() -> pbxs.get(name).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty());
		assertThat(Files.exists(secretFile)).isFalse();
	}

	interface Probe<T> {
		Optional<T> get() throws Exception;
	}

	private static <T> T await(Probe<T> probe) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			Optional<T> value = probe.get();
			if (value.isPresent()) {
				return value.get();
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + WAIT);
			}
			Thread.sleep(20);
		}
	}
}
