package org.mediapath.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** The QR code of a link, drawn as SVG, read back by a real decoder (ZXing) from the SVG's own path. */
class QrSvgTest {

	private static final String LINK = "http://198.18.2.10:8088/browser-test/t/Zk3vQ9x_Lm2pR8sT4uW6yA1cE5gI7kN0oQ2sU4wY6aC";

	@Test
	void theSvgHoldsTheLinkAsAScannerReadsIt() throws Exception {
		String svg = QrSvg.svg(LINK, "mp-invite-qr", "QR code of the link");
		assertEquals(LINK, decode(svg));
	}

	@Test
	void aHttpsLinkOfAPublicNameIsReadBackToo() throws Exception {
		String link = "https://pbx.example.test/browser-test/t/" + "a".repeat(43);
		assertEquals(link, decode(QrSvg.svg(link, "q", "")));
	}

	@Test
	void theSvgIsNumbersOnlyNeverTheLinkItself() {
		String svg = QrSvg.svg(LINK + "?<script>", "mp-invite-qr", "label");
		assertTrue(!svg.contains("script") && !svg.contains("browser-test"), svg);
		assertTrue(svg.startsWith("<svg xmlns='http://www.w3.org/2000/svg' id='mp-invite-qr' class='mp-qr' viewBox='0 0 "), svg);
		Matcher d = Pattern.compile(" d='([^']*)'").matcher(svg);
		assertTrue(d.find());
		assertTrue(d.group(1).matches("(M\\d+,\\d+h1v1h-1z)+"), "only unit squares");
	}

	/** Renders the SVG's unit squares into a bitmap (4 px a module) and decodes it. */
	static String decode(String svg) throws Exception {
		Matcher box = Pattern.compile("viewBox='0 0 (\\d+) (\\d+)'").matcher(svg);
		assertTrue(box.find(), svg);
		int size = Integer.parseInt(box.group(1));
		int scale = 4;
		BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, 0xffffff);
			}
		}
		Matcher m = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
		while (m.find()) {
			int mx = Integer.parseInt(m.group(1));
			int my = Integer.parseInt(m.group(2));
			for (int dy = 0; dy < scale; dy++) {
				for (int dx = 0; dx < scale; dx++) {
					image.setRGB(mx * scale + dx, my * scale + dy, 0);
				}
			}
		}
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
	}
}
