package org.mediapath.route.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mediapath.route.model.Capture;

class FormatDetectorTest {

	private static List<Format> formats(String text) {
		return new FormatDetector().detect(text, w -> {
		}).stream().map(Segment::format).toList();
	}

	@Test
	void eachFixtureIsCutIntoItsOutputs() {
		assertEquals(List.of(Format.ROUTE_PRINT, Format.IPCONFIG),
				formats(Fixtures.read("windows/anyconnect-split-route-print-ipconfig.txt")));
		assertEquals(List.of(Format.ROUTE_PRINT, Format.IPCONFIG),
				formats(Fixtures.read("windows/openvpn-tap-route-print-german.txt")));
		assertEquals(List.of(Format.JSON, Format.JSON), formats(Fixtures.read("windows/globalprotect-get-netroute.json")));
		assertEquals(List.of(Format.NETSTAT, Format.IFCONFIG),
				formats(Fixtures.read("macos/utun-full-tunnel-netstat-ifconfig.txt")));
		assertEquals(List.of(Format.NETSTAT, Format.IFCONFIG), formats(Fixtures.read("macos/wifi-no-vpn-netstat-old.txt")));
		assertEquals(List.of(Format.IP_ADDR, Format.IP_ROUTE, Format.IP_ROUTE),
				formats(Fixtures.read("linux/openvpn-tun0-ip-text.txt")));
		assertEquals(List.of(Format.PROC_NET_ROUTE, Format.IP_RULE, Format.IP_ROUTE, Format.IP_ADDR),
				formats(Fixtures.read("linux/tailscale-ip-rule-text.txt")));
		assertEquals(List.of(Format.PROC_NET_ROUTE, Format.PROC_NET_IPV6_ROUTE, Format.JSON, Format.JSON, Format.JSON),
				formats(Fixtures.read("linux/build-vm-real.txt")));
	}

	@Test
	void outputsPastedBackToBackWithoutPromptsOrBlankLines() {
		String paste = Fixtures.read("macos/split-tunnel-netstat-ifconfig.txt").replaceAll("(?m)^(#|%).*\\n", "")
				+ Fixtures.read("linux/wireguard-wg-quick-ip-json.txt").replaceAll("(?m)^(#|\\$).*\\n", "")
				+ "Some words the user typed.\n"
				+ Fixtures.read("windows/anyconnect-split-route-print-ipconfig.txt").replaceAll("(?m)^(#|C:).*\\n", "");
		List<String> warnings = new ArrayList<>();
		List<Segment> segments = new FormatDetector().detect(paste, warnings::add);
		assertEquals(List.of(Format.NETSTAT, Format.IFCONFIG, Format.JSON, Format.JSON, Format.JSON, Format.JSON,
				Format.ROUTE_PRINT, Format.IPCONFIG), segments.stream().map(Segment::format).toList());
		assertEquals(1, warnings.size(), warnings.toString());
		assertTrue(warnings.get(0).contains("Some words"), warnings.get(0));
	}

	@Test
	void commentLinesAreSkippedOnlyAtTheTop() {
		List<Segment> segments = new FormatDetector().detect("# hand-written\n# second\ndefault via 10.0.0.1 dev eth0\n",
				w -> {
				});
		assertEquals(1, segments.size());
		assertEquals(3, segments.get(0).firstLine());
	}

	@Test
	void hostileInputGivesWarningsInBoundedTime() {
		Random random = new Random(42);
		StringBuilder garbage = new StringBuilder(10 * 1024 * 1024);
		while (garbage.length() < 10 * 1024 * 1024) {
			int kind = random.nextInt(6);
			switch (kind) {
			case 0 -> garbage.append((char) random.nextInt(0x3000));
			case 1 -> garbage.append("\n");
			case 2 -> garbage.append("  Description . . . . : ");
			case 3 -> garbage.append("=".repeat(25)).append('\n');
			case 4 -> garbage.append("{\"dst\":\"");
			default -> garbage.append("0.0.0.0 0.0.0.0 ");
			}
		}
		String text = garbage.toString();
		Capture capture = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new CaptureParser().parse(text));
		assertTrue(capture.warningCount() > 0);
		assertTrue(capture.warnings().size() <= Capture.MAX_WARNINGS + 1, "warnings are bounded");
	}

	@Test
	void oneHugeLineAndBinaryNoiseNeverThrow() {
		Capture huge = new CaptureParser().parse("x".repeat(10 * 1024 * 1024));
		assertTrue(huge.routes.isEmpty());
		assertFalse(huge.warnings().isEmpty());
		byte[] bytes = new byte[1 << 20];
		new Random(7).nextBytes(bytes);
		Capture binary = new CaptureParser().parse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
		assertTrue(binary.routes.isEmpty());
	}

	@Test
	void everyFixtureTruncatedAtEveryTenthLineStillParses() {
		for (String fixture : List.of("windows/anyconnect-split-route-print-ipconfig.txt",
				"windows/globalprotect-get-netroute.json", "macos/utun-full-tunnel-netstat-ifconfig.txt",
				"linux/wireguard-wg-quick-ip-json.txt", "linux/openvpn-tun0-ip-text.txt")) {
			String text = Fixtures.read(fixture);
			for (int cut = 0; cut < text.length(); cut += Math.max(1, text.length() / 37)) {
				Capture c = new CaptureParser().parse(text.substring(0, cut));
				assertTrue(c.routes.size() <= new CaptureParser().parse(text).routes.size(), fixture + " at " + cut);
			}
		}
	}
}
