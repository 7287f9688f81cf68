package org.mediapath.ui.internal;

import io.nayuki.qrcodegen.QrCode;

/**
 * The QR code of a browser-test link as an SVG element, drawn on the server (Nayuki's QR Code
 * generator does the encoding): no script, no image request, nothing the page's Content Security
 * Policy has to allow. The SVG is made of numbers only; the link itself never appears in it, so it
 * needs no escaping (the label for screen readers is escaped by the caller's text).
 */
final class QrSvg {

	/** The quiet zone the QR specification asks for around the code, in modules. */
	static final int BORDER = 4;
	/** Pixels per module when shown: about 4 cm on a screen for a link of 80 characters, easy for a phone. */
	static final int SCALE = 5;

	private QrSvg() {
	}

	/**
	 * @param text what the code holds (a link)
	 * @return the code's dark modules, medium error correction (15 %), size the smallest that fits
	 * @throws io.nayuki.qrcodegen.DataTooLongException if the text does not fit a QR code
	 */
	static QrCode encode(String text) {
		return QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
	}

	/**
	 * @param text what the code holds
	 * @param id the element id
	 * @param label the accessible name, already escaped for an attribute
	 * @return an {@code <svg>} element: one white square and one path of dark unit squares
	 */
	static String svg(String text, String id, String label) {
		QrCode qr = encode(text);
		int size = qr.size + 2 * BORDER;
		StringBuilder path = new StringBuilder(qr.size * qr.size * 3);
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns='http://www.w3.org/2000/svg' id='" + id + "' class='mp-qr' viewBox='0 0 " + size + " " + size
				+ "' width='" + size * SCALE + "' height='" + size * SCALE + "' role='img' aria-label='" + label
				+ "' shape-rendering='crispEdges'><rect width='100%' height='100%' fill='#fff'/><path d='" + path
				+ "' fill='#000'/></svg>";
	}
}
