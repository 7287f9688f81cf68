package org.mediapath.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediapath.api.net.HostAndPort;
import org.mediapath.api.net.PortRange;
import org.mediapath.api.pbx.PbxEntry;
import org.mediapath.api.report.DiagnosisRequest;

class PbxDirectoryTest {

	@TempDir
	Path dir;

	static PbxEntry pbx(String name, String responder) {
		return new PbxEntry(name, "pbx.example.org", 2230, new PortRange(30000, 33000), new PortRange(49152, 65535),
				responder == null ? Optional.empty() : Optional.of(HostAndPort.parse("responder", responder, -1)),
				Optional.empty(), false, false, false);
	}

	@Test
	void aPbxsFingerprintPinsItsResponderInTheRequest() {
		String pin = "3A:4B:5C:6D:7E:8F:90:01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0:01:12:23:34:45:56:67:78:89";
		PbxDirectoryComponent d = new PbxDirectoryComponent(dir);
		PbxEntry plain = pbx("pinned", "pbx.example.org:2231");
		d.save(new PbxEntry(plain.name(), plain.server(), plain.signallingPort(), plain.serverPorts(), plain.clientPorts(),
				plain.responder(), Optional.of(pin), false, false, false), Optional.of("s3cret-pinned"));
		DiagnosisRequest request = new PbxDirectoryComponent(dir).request("pinned");
		assertEquals(Optional.of(pin), request.responderFingerprint());
		assertEquals(Optional.empty(), request.peerFingerprint());
	}

	@Test
	void aSavedPbxIsThereForAnotherProcessWithItsSecretOwnerOnly() throws IOException {
		PbxDirectoryComponent console = new PbxDirectoryComponent(dir);
		console.save(pbx("Head office", "pbx.example.org:2231"), Optional.of("s3cret-head-office"));
		PbxDirectoryComponent commandLine = new PbxDirectoryComponent(dir); // what `diagnose --pbx` reads
		PbxEntry back = commandLine.get("Head office").orElseThrow();
		assertTrue(back.secretStored());
		assertEquals("pbx.example.org:2231", back.responder().orElseThrow().toString());
		DiagnosisRequest request = commandLine.request("Head office");
		Path secret = Path.of(request.secretReference().orElseThrow());
		assertEquals("s3cret-head-office\n", Files.readString(secret, StandardCharsets.UTF_8));
		assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent())));
		try (var files = Files.walk(dir)) {
			for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(secret)).toList()) {
				assertFalse(Files.readString(f).contains("s3cret"), "the secret is only in its own file: " + f);
			}
		}
	}

	static final String BRANCH_PIN = "01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0:01:12:23:34:45:56:67:78:89:9A:AB:BC:CD:DE:EF:F0";

	@Test
	void aFingerprintThatIsNoSha256FingerprintIsRefusedBySaveAndNamed() {
		PbxDirectoryComponent d = new PbxDirectoryComponent(dir);
		PbxEntry plain = pbx("bad pin", "198.18.5.1:2231");
		PbxEntry bad = new PbxEntry(plain.name(), plain.server(), plain.signallingPort(), plain.serverPorts(),
				plain.clientPorts(), plain.responder(), Optional.of("AB:CD"), false, false, false);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> d.save(bad, Optional.of("s")))
				.getMessage().startsWith("fingerprint: 'AB:CD' is not a SHA-256"));
		assertEquals(Optional.empty(), d.get("bad pin"));
	}

	@Test
	void savingWithoutASecretKeepsTheStoredOneAndRemoveDeletesBoth() {
		PbxDirectoryComponent d = new PbxDirectoryComponent(dir);
		d.save(pbx("branch", "198.18.5.1:2231"), Optional.of("first"));
		d.save(new PbxEntry("branch", "198.18.5.2", 5060, new PortRange(10000, 20000), new PortRange(49152, 65535),
				Optional.of(new HostAndPort("198.18.5.2", 2231)), Optional.of(BRANCH_PIN.toLowerCase().replace(":", "")), true,
				false, false), Optional.empty());
		PbxEntry e = d.get("branch").orElseThrow();
		assertEquals("198.18.5.2", e.server());
		assertEquals(Optional.of(BRANCH_PIN), e.fingerprint(), "kept in its canonical form");
		assertTrue(e.requireVpn());
		assertTrue(e.secretStored(), "the secret was kept");
		assertTrue(d.request("branch").requireVpn());
		assertTrue(d.remove("branch"));
		assertEquals(Optional.empty(), d.get("branch"));
		assertFalse(Files.exists(d.secretFileForTest("branch")));
		assertFalse(d.remove("branch"));
	}

	@Test
	void aResponderWithoutASecretAndAnUnknownNameAreClearErrors() {
		PbxDirectoryComponent d = new PbxDirectoryComponent(dir);
		d.save(pbx("no-secret", "198.18.5.1:2231"), Optional.empty());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> d.request("no-secret")).getMessage()
				.contains("no secret is stored"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> d.request("nope")).getMessage()
				.contains("no PBX is named 'nope'"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> d.save(pbx("x", null), Optional.of("two\nlines")))
				.getMessage().contains("one line"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> pbx(" padded", null)).getMessage().contains("name:"));
		d.save(pbx("without responder", null), Optional.empty());
		assertEquals(Optional.empty(), d.request("without responder").secretReference());
	}

	@Test
	void builtInPbxsComeFirstAreNotStoredAndCannotBeOverwritten() throws IOException {
		PbxDirectoryComponent d = new PbxDirectoryComponent(dir);
		d.save(pbx("aaa", null), Optional.empty());
		Path secret = Files.writeString(dir.resolve("loopback.secret"), "loop\n");
		d.offerBuiltIn(pbx("built-in loopback responder — try it", "127.0.0.1:2231"), secret);
		List<PbxEntry> all = d.list();
		assertEquals(List.of("built-in loopback responder — try it", "aaa"), all.stream().map(PbxEntry::name).toList());
		assertTrue(all.get(0).builtIn());
		assertEquals(Optional.of(secret.toString()), d.request("built-in loopback responder — try it").secretReference());
		assertThrows(IllegalArgumentException.class, () -> d.save(pbx("built-in loopback responder — try it", null), Optional.empty()));
		assertEquals(List.of("aaa"), new PbxDirectoryComponent(dir).list().stream().map(PbxEntry::name).toList(),
				"another process does not see the built-in one");
		d.withdrawBuiltIn("built-in loopback responder — try it");
		assertEquals(1, d.list().size());
	}

	@Test
	void oddNamesMakeSafeDistinctFiles() {
		assertEquals("a~0020b", PbxFiles.key("a b"));
		assertEquals("~002e~002e~002fx", PbxFiles.key("../x"));
		PbxDirectoryComponent d = new PbxDirectoryComponent(dir);
		d.save(pbx("../x", null), Optional.empty());
		d.save(pbx("a b", null), Optional.empty());
		assertEquals(List.of("../x", "a b"), d.list().stream().map(PbxEntry::name).toList());
	}
}
